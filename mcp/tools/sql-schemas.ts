import { z } from 'zod';
import { connectionIdArg, maskingShape, nextCallShape, rowObject } from './common-schemas.js';

/** query_sql's arguments and answer; the desktop SQL console answers with the same schema. Imports zod only. */

export const DEFAULT_MAX_ROWS = 500;
export const DEFAULT_TIMEOUT_MS = 30_000;
/** How far query_sql pages: each page reads the rows before it again. */
export const MAX_OFFSET = 100_000;

export const querySqlInput = z.object({
  connection_id: connectionIdArg,
  sql: z.string().min(1).max(100_000).describe('One SELECT statement.'),
  max_rows: z.number().int().min(1).max(10_000).default(DEFAULT_MAX_ROWS).describe('Rows per page (default 500).'),
  offset: z.number().int().min(0).max(MAX_OFFSET).default(0).describe('Rows to skip: the next page starts at offset + max_rows (add ORDER BY for stable pages).'),
  summarize: z.boolean().default(false).describe('true: per-column summaries of the page (kinds, nulls, distinct, min/max, sum/mean, top values) instead of its rows.'),
  timeout_ms: z.number().int().min(1_000).max(55_000).default(DEFAULT_TIMEOUT_MS).describe('Statement timeout (default 30000; Claude Desktop gives up at 60 s).'),
});

const columnSummary = z.object({
  name: z.string(),
  kind: z.enum(['number', 'text', 'date', 'boolean', 'mixed', 'empty']),
  roles: z.array(z.string()),
  non_null: z.number().int(),
  nulls: z.number().int(),
  distinct: z.number().int(),
  min: z.unknown(),
  max: z.unknown(),
  sum: z.number().nullable(),
  mean: z.number().nullable(),
  min_length: z.number().int().nullable(),
  max_length: z.number().int().nullable(),
  top_values: z.array(z.object({ value: z.unknown(), count: z.number().int() })),
  glossary: z.string().nullable(),
  sensitive: z.string().nullable(),
});

export const querySqlOutput = z.object({
  connection_id: z.string(),
  columns: z.array(z.string()).describe('Every column in order; a repeated name gets _2, _3; an unnamed one column_N.'),
  rows: z.array(rowObject),
  row_count: z.number().int().describe('Rows on this page.'),
  offset: z.number().int(),
  truncated: z.boolean().describe('More rows follow this page.'),
  next: nextCallShape,
  elapsed_ms: z.number(),
  summaries: z.array(columnSummary).nullable(),
  masking: maskingShape,
  note: z.string().optional().describe('Present when long values or rows were cut to keep the result small.'),
});
