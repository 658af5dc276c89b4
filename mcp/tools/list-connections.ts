import { z } from 'zod';
import { summarize } from '../connections/connection-registry.js';
import { textTable } from '../util/text-table.js';
import { connectionSummaryShape } from './common-schemas.js';
import { defineTool, READ_ONLY } from './tool.js';

export const listConnectionsTool = defineTool({
  name: 'list_connections',
  title: 'List connections',
  description:
    'Lists the configured data connections (id, kind, role, target). Role "production" is always read-only; domain tools default to the default training connection. No secrets are ever returned.',
  input: z.object({}),
  output: z.object({ connections: z.array(connectionSummaryShape) }),
  annotations: READ_ONLY,
  async handler(_args, { engine }) {
    const connections = (await engine.connections.list()).map(summarize);
    return {
      structured: { connections },
      text: textTable(connections, ['id', 'kind', 'role', 'target', 'is_default', 'read_only', 'confirmed']),
      rowCount: connections.length,
    };
  },
});
