import { z } from 'zod';
import { summarize } from '../connections/connection-registry.js';
import { connectionSummaryShape } from './common-schemas.js';
import { defineTool, READ_ONLY } from './tool.js';

export const listConnectionsTool = defineTool({
  name: 'list_connections',
  title: 'List connections',
  toolset: 'core',
  description:
    'Lists the configured connections (id, kind, role, target). Each role has one default (is_default): tools use the training default unless told otherwise, lakehouse tools the warehouse default. ' +
      'Role "production" is always read-only. No secrets are ever returned.',
  input: z.object({}),
  output: z.object({ connections: z.array(connectionSummaryShape) }),
  annotations: READ_ONLY,
  async handler(_args, { engine }) {
    const connections = (await engine.connections.list()).map(summarize);
    return {
      structured: { connections },
      text: `${connections.length} connections; is_default marks the default of each role.`,
      rowCount: connections.length,
    };
  },
});
