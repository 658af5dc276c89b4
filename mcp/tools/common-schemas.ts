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
});

export const rowObject = z.record(z.string(), z.unknown());
