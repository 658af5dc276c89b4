import { z } from 'zod';
import { UnconfirmedConnectionError } from '../connections/connection-types.js';
import { connectionIdArg } from './common-schemas.js';
import { testConnectionOutput } from './connection-schemas.js';
import { defineTool, READS_SOURCE } from './tool.js';

export const testConnectionTool = defineTool({
  name: 'test_connection',
  title: 'Test a connection',
  toolset: 'core',
  description:
    'Connects to a source and reports whether it works, the server version and latency, or why it failed in words an IT person can act on. ' +
    'A connection registered through the chat is not contacted until the user has confirmed it.',
  input: z.object({ connection_id: connectionIdArg }),
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
    const structured = { connection_id: record.id, ...result, latency_ms: Math.round(result.latency_ms * 10) / 10 };
    return {
      structured,
      // The message can quote the server: it stays in the data.
      text: result.ok ? `Connection "${record.id}" works (${structured.latency_ms} ms).` : `Connection "${record.id}" failed${result.failure ? ` (${result.failure})` : ''}; message says why and what to change.`,
      connectionId: record.id,
    };
  },
});
