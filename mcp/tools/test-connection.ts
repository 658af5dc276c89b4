import { z } from 'zod';
import { isWarehouseKind } from '../connections/connection-kinds.js';
import { UnconfirmedConnectionError } from '../connections/connection-types.js';
import { doctorConnection } from '../doctor/doctor-connection.js';
import { doctorOperationsText } from '../doctor/doctor-text.js';
import { connectionIdArg } from './common-schemas.js';
import { testConnectionOutput } from './connection-schemas.js';
import { defineTool, READS_SOURCE } from './tool.js';

export const testConnectionTool = defineTool({
  name: 'test_connection',
  title: 'Test a connection',
  toolset: 'core',
  description:
    'Connects to a source and reports whether it works, the server version and latency, or why it failed in words an IT person can act on. ' +
    'A connection registered through the chat is not contacted until the user has confirmed it. ' +
    'With compatibility: true (PACS databases) it also checks every table, column, type and right the PACS tools use, and says which tools will not work there and why (as `pacs-mcp doctor`).',
  input: z.object({
    connection_id: connectionIdArg,
    compatibility: z.boolean().default(false).describe('Also check the PACS tables, columns, types and rights the tools use (slower: reads the catalog).'),
  }),
  output: testConnectionOutput,
  annotations: READS_SOURCE,
  async handler(args, { engine }) {
    const record = args.connection_id ? await engine.connections.get(args.connection_id) : await engine.connections.defaultTraining();
    let result;
    try {
      const connector = await engine.sources.get(record);
      result = await connector.test();
    } catch (err) {
      result = { ok: false, latency_ms: 0, failure: err instanceof UnconfirmedConnectionError ? ('unconfirmed' as const) : ('other' as const), message: (err as Error).message };
    }
    const compatibility = args.compatibility && result.ok && !isWarehouseKind(record.kind) ? await doctorConnection(engine, record.id) : undefined;
    const structured = { connection_id: record.id, ...result, latency_ms: Math.round(result.latency_ms * 10) / 10, ...(compatibility ? { compatibility } : {}) };
    // The message, the server's version and its settings quote the server: they stay in the data.
    const text = result.ok ? `Connection "${record.id}" works (${structured.latency_ms} ms).` : `Connection "${record.id}" failed${result.failure ? ` (${result.failure})` : ''}; message says why and what to change.`;
    return {
      structured,
      text: compatibility ? `${text}\n\n${doctorOperationsText(compatibility)}\n\ncompatibility holds the server's version, settings and what is worth knowing.` : text,
      connectionId: record.id,
    };
  },
});
