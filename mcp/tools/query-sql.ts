import { DIALECTS } from '../dialects/index.js';
import { assertReadOnly } from '../guard/read-only-guard.js';
import { jsonSafeRow } from '../util/json-safe.js';
import { boundRows, boundsNote } from '../util/result-bounds.js';
import { textTable } from '../util/text-table.js';
import { querySqlInput, querySqlOutput } from './sql-schemas.js';
import { defineTool, READS_SOURCE } from './tool.js';

export const querySqlTool = defineTool({
  name: 'query_sql',
  title: 'Run a read-only SQL query',
  description:
    'Runs one read-only SELECT on a connection and returns at most max_rows rows (truncated: true when there were more, or when the rows passed 4 MB; text values over 8,192 characters are cut, and the result says so). ' +
    'Anything that could write (INSERT/UPDATE/DELETE, DDL, EXEC, SELECT INTO, transaction control, stacked statements) is refused, on every connection. ' +
    `Use the connection's dialect: ${Object.values(DIALECTS).map((d) => d.hint).join('; ')}.`,
  input: querySqlInput,
  output: querySqlOutput,
  annotations: READS_SOURCE,
  async handler(args, { engine, signal }) {
    const { record, connector } = await engine.source(args.connection_id);
    await assertReadOnly(args.sql, connector.dialect);
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
