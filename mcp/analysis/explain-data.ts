import type { QueryResult, SourceConnector } from '../connectors/connector.js';
import type { SqlDialect } from '../dialects/index.js';
import { assertReadOnly } from '../guard/read-only-guard.js';
import { inferRoles } from './column-roles.js';
import { glossaryColumn, type ColumnRole } from './pacs-glossary.js';

export interface ColumnSummary {
  name: string;
  kind: 'number' | 'text' | 'date' | 'boolean' | 'mixed' | 'empty';
  roles: ColumnRole[];
  non_null: number;
  nulls: number;
  distinct: number;
  min: unknown;
  max: unknown;
  sum: number | null;
  mean: number | null;
  min_length: number | null;
  max_length: number | null;
  top_values: { value: unknown; count: number }[];
  glossary: string | null;
  sensitive: string | null;
}

export interface DataExplanation {
  columns: string[];
  row_count: number;
  truncated: boolean;
  summaries: ColumnSummary[];
  elapsed_ms: number;
  note: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;

function kindOf(value: unknown): ColumnSummary['kind'] {
  if (typeof value === 'number' || typeof value === 'bigint') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return DATE.test(value) ? 'date' : /^-?\d+(\.\d+)?$/.test(value) && value.length < 40 ? 'number' : 'text';
  return 'text';
}

/** Runs one read-only query (capped) and summarises every column of what came back. */
export async function explainData(connector: SourceConnector, sql: string, options: { maxRows: number; timeoutMs: number; signal?: AbortSignal }): Promise<DataExplanation> {
  await assertReadOnly(sql, connector.dialect);
  const started = performance.now();
  const result = await connector.query(sql, [], { maxRows: options.maxRows, timeoutMs: options.timeoutMs, signal: options.signal });
  const elapsed = Math.round((performance.now() - started) * 100) / 100;
  return {
    columns: result.columns,
    row_count: result.row_count,
    truncated: result.truncated,
    summaries: summarizeColumns(connector.dialect, result),
    elapsed_ms: elapsed,
    note: summariesNote(result),
  };
}

/** Per-column summaries of rows a query returned. */
export function summarizeColumns(dialect: SqlDialect, result: Pick<QueryResult, 'columns' | 'rows'>): ColumnSummary[] {
  return result.columns.map((name) => summarize(dialect, name, result.rows.map((r) => r[name])));
}

/** What the summaries cover, in words. */
export function summariesNote(result: Pick<QueryResult, 'row_count' | 'truncated'>): string {
  return result.truncated
    ? `The query returned more rows than the cap; the summaries describe the first ${result.row_count}. Aggregate in SQL (GROUP BY) for exact totals.`
    : `The summaries describe all ${result.row_count} rows the query returned.`;
}

function summarize(dialect: SqlDialect, name: string, values: unknown[]): ColumnSummary {
  const present = values.filter((v) => v !== null && v !== undefined);
  const kinds = new Set(present.map(kindOf));
  const kind: ColumnSummary['kind'] = present.length === 0 ? 'empty' : kinds.size === 1 ? [...kinds][0] : 'mixed';
  const counts = new Map<string, { value: unknown; count: number }>();
  for (const v of present) {
    const key = typeof v === 'object' ? JSON.stringify(v) : `${typeof v}:${String(v)}`;
    const entry = counts.get(key);
    if (entry) entry.count += 1;
    else counts.set(key, { value: v, count: 1 });
  }
  let min: unknown = null;
  let max: unknown = null;
  let sum: number | null = null;
  if (kind === 'number') {
    const numbers = present.map(Number).filter((n) => Number.isFinite(n));
    if (numbers.length > 0) {
      min = numbers.reduce((a, b) => (b < a ? b : a));
      max = numbers.reduce((a, b) => (b > a ? b : a));
      sum = numbers.reduce((a, b) => a + b, 0);
    }
  } else if (kind === 'date' || kind === 'text') {
    const texts = present.map(String).sort();
    min = texts[0] ?? null;
    max = texts[texts.length - 1] ?? null;
  }
  const lengths = kind === 'text' ? present.map((v) => String(v).length) : [];
  const top = [...counts.values()].sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value))).slice(0, 5);
  const glossary = glossaryColumn(name);
  const verdict = inferRoles(dialect, {
    name,
    type: kind === 'number' ? 'NUMERIC' : kind === 'date' ? 'DATE' : kind === 'boolean' ? 'BOOLEAN' : 'VARCHAR',
    primary_key: false,
    rows: values.length,
    non_null: present.length,
    distinct: counts.size,
    avg_length: lengths.length ? lengths.reduce((a, b) => a + b, 0) / lengths.length : null,
    min,
    max,
  });
  return {
    name,
    kind,
    roles: verdict.roles,
    non_null: present.length,
    nulls: values.length - present.length,
    distinct: counts.size,
    min,
    max,
    sum: sum === null ? null : Math.round(sum * 1e6) / 1e6,
    mean: sum === null || present.length === 0 ? null : Math.round((sum / present.length) * 1e6) / 1e6,
    min_length: lengths.length ? Math.min(...lengths) : null,
    max_length: lengths.length ? Math.max(...lengths) : null,
    top_values: counts.size <= Math.max(20, values.length / 2) ? top : top.filter((t) => t.count > 1),
    glossary: glossary?.meaning ?? null,
    sensitive: glossary?.sensitive ?? null,
  };
}
