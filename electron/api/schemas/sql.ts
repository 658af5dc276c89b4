import { z } from 'zod';
import { connectionId, rowRecord } from './common.js';

/** query_sql semantics: one read-only statement, a row cap that says when it cut, a timeout. */
export const sqlRun = {
  input: z.object({
    connection_id: connectionId.optional(),
    sql: z.string().trim().min(1, 'Write a SELECT to run.').max(100_000),
    max_rows: z.number().int().min(1).max(10_000).default(500),
  }),
  output: z.object({
    connection_id: z.string(),
    columns: z.array(z.string()),
    rows: z.array(rowRecord),
    row_count: z.number().int(),
    truncated: z.boolean(),
    elapsed_ms: z.number(),
  }),
};
