import { summarizeColumns, type ColumnSummary } from '../analysis/explain-data.js';
import { DIALECTS } from '../dialects/index.js';
import { assertReadOnly } from '../guard/read-only-guard.js';
import { lineageColumnClasses, ModelView, queryLineage, type MaskingReport } from '../masking/model-view.js';
import { jsonSafeRow } from '../util/json-safe.js';
import { nextCall } from './common-schemas.js';
import { queryErrorWithHint, refusalWithHints } from './query-error.js';
import { boundRows, boundsNote } from '../util/result-bounds.js';
import { querySqlInput, querySqlOutput } from './sql-schemas.js';
import { defineTool, READS_SOURCE } from './tool.js';

export const querySqlTool = defineTool({
  name: 'query_sql',
  title: 'Run a read-only SQL query',
  toolset: 'core',
  description:
    'Runs one read-only SELECT on a connection and returns a page of max_rows rows from offset; truncated and next say when more follow (also when the rows passed 4 MB; ' +
    'text values over 8,192 characters are cut, and note says so). summarize: true returns per-column summaries of the page instead of its rows. ' +
    'Anything that could write (INSERT/UPDATE/DELETE, DDL, EXEC, SELECT INTO, transaction control, stacked statements) is refused, on every connection. ' +
    `Use the connection's dialect: ${Object.values(DIALECTS).map((d) => d.hint).join('; ')}.`,
  input: querySqlInput,
  output: querySqlOutput,
  annotations: READS_SOURCE,
  async handler(args, { engine, signal, viewer }) {
    const { record, connector } = await engine.source(args.connection_id);
    const view = await ModelView.open(engine, record.id, viewer);
    await assertReadOnly(args.sql, connector.dialect).catch((err: unknown) => {
      throw refusalWithHints(err, connector.dialect, args.sql);
    });
    // Read before the query runs; a query the masking cannot follow still runs first, so a database error comes back with its hints.
    const lineage = view.masking ? await queryLineage(args.sql, connector.dialect).catch((err: unknown) => err as Error) : null;
    const started = performance.now();
    // A page is the rows after `offset` of a read capped at offset + max_rows.
    const result = await connector
      .query(args.sql, [], { maxRows: args.offset + args.max_rows, timeoutMs: args.timeout_ms, signal })
      .catch(async (err: unknown) => {
        throw await queryErrorWithHint(err, connector, record.id, args.sql, { withholdValues: view.masking });
      });
    const elapsed_ms = Math.round((performance.now() - started) * 100) / 100;
    // The model wrote this SQL: what each column holds is read from its lineage, and no flag in it is believed.
    if (lineage instanceof Error) throw lineage;
    const classes = lineage ? lineageColumnClasses(lineage, result.columns) : undefined;
    const masked = view.rows(result.columns, result.rows.slice(args.offset).map(jsonSafeRow), { classes, trustFlags: false });
    const masking = masked.report;
    // Summaries describe the whole page; the rows the answer carries are cut to its size bounds.
    const bounded = boundRows(masked.rows);
    const page = args.summarize ? masked.rows : bounded.rows;
    const cutRows = !args.summarize && bounded.cutRows;
    const cut = args.summarize ? '' : boundsNote(bounded);
    const truncated = result.truncated || cutRows;
    const next = nextCall('query_sql', args, truncated ? args.offset + page.length : null);
    const summaries = args.summarize ? withoutMaskedExtremes(summarizeColumns(connector.dialect, { columns: result.columns, rows: page }), masking) : null;
    const range = page.length ? `Rows ${args.offset + 1}–${args.offset + page.length}` : args.offset ? `No rows after row ${args.offset}` : 'No rows';
    const more = next
      ? ` More rows follow: call query_sql again with the same sql and offset ${args.offset + page.length} (next).${/\border\s+by\b/i.test(args.sql) ? '' : ' Add ORDER BY so pages do not overlap.'}`
      : '';
    return {
      structured: {
        connection_id: record.id,
        columns: result.columns,
        rows: args.summarize ? [] : page,
        row_count: page.length,
        offset: args.offset,
        truncated,
        next,
        elapsed_ms,
        summaries,
        masking,
        ...(cut ? { note: cut } : {}),
      },
      text:
        `${range} of the result from "${record.id}" in ${elapsed_ms} ms${args.summarize ? ', summarized per column (rows not listed)' : ''}.${more}` +
        (cut ? ` ${cut}` : '') +
        (masking.masked_columns.length ? ` Sensitive values are pseudonyms (masking).` : ''),
      connectionId: record.id,
      rowCount: page.length,
    };
  },
});

/** A masked column's min, max, sum and lengths would describe pseudonyms: left out; its top values (pseudonyms, true counts) stay. */
function withoutMaskedExtremes(summaries: ColumnSummary[], masking: MaskingReport): ColumnSummary[] {
  const masked = new Set(masking.masked_columns.map((c) => c.column));
  return summaries.map((s) => (masked.has(s.name) ? { ...s, min: null, max: null, sum: null, mean: null, min_length: null, max_length: null, sensitive: s.sensitive ?? 'masked' } : s));
}
