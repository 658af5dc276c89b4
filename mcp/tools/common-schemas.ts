import { z } from 'zod';

export const connectionIdArg = z
  .string()
  .min(1)
  .max(64)
  .optional()
  .describe('Connection id from list_connections. Omit to use the default training connection.');

export const connectionSummaryShape = z.object({
  id: z.string(),
  kind: z.string(),
  role: z.string(),
  description: z.string(),
  is_default: z.boolean(),
  target: z.string(),
  read_only: z.boolean(),
  origin: z.string().describe('user: added by a person; model: registered through the chat.'),
  confirmed: z.boolean().describe('False until the user confirms a connection registered through the chat; until then it is not used or tested.'),
});

export const rowObject = z.record(z.string(), z.unknown());
