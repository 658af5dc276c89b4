import { z } from 'zod';
import { explainData } from '../analysis/explain-data.js';
import { textTable } from '../util/text-table.js';
import { connectionIdArg } from './common-schemas.js';
import { defineTool, READS_SOURCE } from './tool.js';

export const explainDataTool = defineTool({
  name: 'explain_data',
  title: 'Summarise what a query returns (evidence)',
  description:
    'Runs one read-only SELECT (the same guard as query_sql), at most max_rows rows, and returns per-column summaries of the result instead of the rows: ' +
    'kind, roles, nulls, distinct values, min/max, sum and mean of numbers, text lengths, top values, PACS glossary meaning and sensitivity. ' +
    'Use it to describe or check data without reading every row; truncated says when the summaries cover only the first max_rows rows.',
  input: z.object({
    connection_id: connectionIdArg,
    sql: z.string().min(1).max(100_000).describe('One SELECT statement in the connection\'s dialect.'),
    max_rows: z.number().int().min(1).max(10_000).default(1_000),
    timeout_ms: z.number().int().min(1_000).max(55_000).default(30_000),
  }),
  output: z.object({
    connection_id: z.string(),
    columns: z.array(z.string()),
    row_count: z.number().int(),
    truncated: z.boolean(),
    elapsed_ms: z.number(),
    note: z.string(),
    summaries: z.array(
      z.object({
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
      }),
    ),
  }),
  annotations: READS_SOURCE,
  async handler(args, { engine, signal }) {
    const { record, connector } = await engine.source(args.connection_id);
    const explanation = await explainData(connector, args.sql, { maxRows: args.max_rows, timeoutMs: args.timeout_ms, signal });
    const table = explanation.summaries.map((s) => ({ column: s.name, kind: s.kind, nulls: s.nulls, distinct: s.distinct, min: s.min, max: s.max, mean: s.mean, top: s.top_values.slice(0, 3).map((t) => `${String(t.value)}×${t.count}`).join(' ') }));
    return {
      structured: { connection_id: record.id, ...explanation },
      text: `${explanation.row_count} rows from "${record.id}" in ${explanation.elapsed_ms} ms. ${explanation.note}\n${textTable(table, undefined, 500)}`,
      connectionId: record.id,
      rowCount: explanation.row_count,
    };
  },
});
