import { z } from 'zod';
import { summarize } from '../connections/connection-registry.js';
import { clearValueConnections, MODEL_VALUES } from '../masking/model-values.js';
import { connectionSummaryShape } from './common-schemas.js';
import { defineTool, READ_ONLY } from './tool.js';

export const listConnectionsTool = defineTool({
  name: 'list_connections',
  title: 'List connections',
  toolset: 'core',
  description:
    'Lists the configured connections (id, kind, role, target). Each role has one default (is_default): tools use the training default unless told otherwise, lakehouse tools the warehouse default. ' +
      'Role "production" is always read-only. model_values says whether sensitive values from a connection reach you as pseudonyms (masked, the default) or in clear (only the user can allow that). ' +
      'No secrets are ever returned.',
  input: z.object({}),
  output: z.object({
    connections: z.array(connectionSummaryShape.extend({ model_values: z.enum(MODEL_VALUES).describe('masked: SSN, licence numbers, birth dates, income, contact data and confidential owners come as pseudonyms; clear: the user allowed them.') })),
  }),
  annotations: READ_ONLY,
  async handler(_args, { engine }) {
    const clear = await clearValueConnections(engine.store);
    const connections = (await engine.connections.list()).map((c) => ({ ...summarize(c), model_values: clear.has(c.id) ? ('clear' as const) : ('masked' as const) }));
    return {
      structured: { connections },
      text: `${connections.length} connections; is_default marks the default of each role, confirmed false one registered through the chat that the user has not confirmed yet.`,
      rowCount: connections.length,
    };
  },
});
