import { z } from 'zod';
import { assertReadOnly, ReadOnlyViolation } from '../guard/read-only-guard.js';
import { jsonSafeRow } from '../util/json-safe.js';
import { boundRows, boundsNote } from '../util/result-bounds.js';
import { textTable } from '../util/text-table.js';
import { connectionIdArg, rowObject } from './common-schemas.js';
import { defineTool, ToolError, READS_SOURCE } from './tool.js';

export const DEFAULT_MAX_ROWS = 500;
export const DEFAULT_TIMEOUT_MS = 30_000;

export const querySqlTool = defineTool({
  name: 'query_sql',
  title: 'Run a read-only SQL query',
  description:
    'Runs one read-only SELECT on a connection and returns at most max_rows rows (truncated: true when there were more, or when the rows passed 4 MB; text values over 8,192 characters are cut, and the result says so). ' +
    'Anything that could write (INSERT/UPDATE/DELETE, DDL, EXEC, SELECT INTO, transaction control, stacked statements) is refused, on every connection. ' +
    'Use the dialect of the connection: T-SQL on SQL Server (TOP n), SQLite or PostgreSQL (LIMIT n).',
  input: z.object({
    connection_id: connectionIdArg,
    sql: z.string().min(1).max(100_000).describe('One SELECT statement.'),
    max_rows: z.number().int().min(1).max(10_000).default(DEFAULT_MAX_ROWS).describe('Row cap (default 500).'),
    timeout_ms: z.number().int().min(1_000).max(55_000).default(DEFAULT_TIMEOUT_MS).describe('Statement timeout (default 30000; Claude Desktop gives up at 60 s).'),
  }),
  output: z.object({
    connection_id: z.string(),
    columns: z.array(z.string()),
    rows: z.array(rowObject),
    row_count: z.number().int(),
    truncated: z.boolean(),
    elapsed_ms: z.number(),
    note: z.string().optional().describe('Present when long values or rows were cut to keep the result small.'),
  }),
  annotations: READS_SOURCE,
  async handler(args, { engine, signal }) {
    const { record, connector } = await engine.source(args.connection_id);
    try {
      await assertReadOnly(args.sql, connector.dialect);
    } catch (err) {
      if (err instanceof ReadOnlyViolation) throw new ToolError(err.message, 'refused');
      throw err;
    }
    const started = performance.now();
    const result = await connector.query(args.sql, [], { maxRows: args.max_rows, timeoutMs: args.timeout_ms, signal });
    const elapsed_ms = Math.round((performance.now() - started) * 100) / 100;
    const bounded = boundRows(result.rows.map(jsonSafeRow));
    const rows = bounded.rows;
    const truncated = result.truncated || bounded.cutRows;
    const cut = boundsNote(bounded);
    const note = (result.truncated ? `\nTruncated at ${args.max_rows} rows: add a WHERE clause or raise max_rows.` : '') + (cut ? `\n${cut}` : '');
    return {
      structured: { connection_id: record.id, columns: result.columns, rows, row_count: rows.length, truncated, elapsed_ms, ...(cut ? { note: cut } : {}) },
      text: `${rows.length} rows from "${record.id}" in ${elapsed_ms} ms.${note}\n${textTable(rows, result.columns)}`,
      connectionId: record.id,
      rowCount: rows.length,
    };
  },
});
