import { z } from 'zod';
import { connectionIdArg, rowObject } from './common-schemas.js';

/** query_sql's arguments and answer; the desktop SQL console answers with the same schema. Imports zod only. */

export const DEFAULT_MAX_ROWS = 500;
export const DEFAULT_TIMEOUT_MS = 30_000;

export const querySqlInput = z.object({
  connection_id: connectionIdArg,
  sql: z.string().min(1).max(100_000).describe('One SELECT statement.'),
  max_rows: z.number().int().min(1).max(10_000).default(DEFAULT_MAX_ROWS).describe('Row cap (default 500).'),
  timeout_ms: z.number().int().min(1_000).max(55_000).default(DEFAULT_TIMEOUT_MS).describe('Statement timeout (default 30000; Claude Desktop gives up at 60 s).'),
});

export const querySqlOutput = z.object({
  connection_id: z.string(),
  columns: z.array(z.string()),
  rows: z.array(rowObject),
  row_count: z.number().int(),
  truncated: z.boolean(),
  elapsed_ms: z.number(),
  note: z.string().optional().describe('Present when long values or rows were cut to keep the result small.'),
});
