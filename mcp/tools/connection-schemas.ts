import { z } from 'zod';

/** test_connection's answer; the desktop connection test answers with the same schema. Imports zod only. */
export const testConnectionOutput = z.object({
  connection_id: z.string(),
  ok: z.boolean(),
  latency_ms: z.number(),
  server_version: z.string().optional(),
  failure: z.string().optional(),
  message: z.string(),
});
