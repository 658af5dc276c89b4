import type { ColumnInfo, SourceConnector } from '../connectors/connector.js';
import { dialectOf, type Dialect } from '../dialects/index.js';
import { assertReadOnly } from '../guard/read-only-guard.js';
import { lakeTypeFromDeclared } from '../lakehouse/lake-types.js';
import { jsonSafeValue } from '../util/json-safe.js';

export interface ColumnProfile {
  name: string;
  non_null: number;
  null_rate: number;
  distinct: number | null;
  distinct_rate: number | null;
  min: unknown;
  max: unknown;
  avg_length: number | null;
  top_values?: { value: unknown; count: number }[];
}

export interface TableProfile {
  row_count: number | null;
  sampled_rows: number;
  /** Which rows the statistics describe, in words: every row, or how they were sampled. */
  method: string;
  columns: Map<string, ColumnProfile>;
  /** Why statistics are missing or partial. */
  notes: string[];
}

const SAMPLE_TIMEOUT_MS = 20_000;
/** A full COUNT(*) can be slow on a big table; past this the count is left out (and said so). */
const COUNT_TIMEOUT_MS = 5_000;

/** Which statistics a column's type allows (large objects, and on SQL Server text, ntext and bit, allow fewer). */
function comparable(dialect: Dialect, declared: string): { distinct: boolean; minMax: boolean; length: boolean } {
  const t = declared.toLowerCase();
  const lake = lakeTypeFromDeclared(dialect.name, declared);
  if (lake.kind === 'blob' || /\b(text|ntext|image|xml|json|jsonb|geometry|geography|sql_variant|array|map|struct)\b/.test(t)) {
    const textual = /\b(text|ntext)\b/.test(t) && dialect.comparable.legacyText;
    return { distinct: textual, minMax: textual, length: textual };
  }
  if (lake.kind === 'boolean' && !dialect.comparable.booleanMinMax) return { distinct: true, minMax: false, length: false };
  return { distinct: true, minMax: true, length: lake.kind === 'varchar' };
}

/**
 * Profiles a table: null, distinct, min/max, length, top values. Over every row when the table
 * has at most `sampleRows` rows; otherwise over a uniform random sample of that many (the first
 * rows of a PACS table are its oldest years and would describe only those).
 */
export async function profileTable(
  connector: SourceConnector,
  schema: string,
  table: string,
  columns: ColumnInfo[],
  options: { sampleRows: number; topValuesFor?: (column: ColumnInfo, profile: ColumnProfile) => boolean; signal?: AbortSignal },
): Promise<TableProfile> {
  const dialect = dialectOf(connector.dialect);
  const q = (n: string) => dialect.quoteIdent(n);
  const from = dialect.qualifiedTable(schema, table);
  const notes: string[] = [];
  const run = async (sql: string, maxRows: number, timeoutMs = SAMPLE_TIMEOUT_MS) => {
    await assertReadOnly(sql, dialect.name);
    return connector.query(sql, [], { maxRows, timeoutMs, signal: options.signal });
  };

  let rowCount: number | null = null;
  try {
    const counted = await run(`SELECT COUNT(*) AS n FROM ${from}`, 1, COUNT_TIMEOUT_MS);
    rowCount = Number(Object.values(counted.rows[0] ?? {})[0]);
  } catch (err) {
    notes.push(`row count unavailable: ${(err as Error).message}`);
  }

  let sample: string;
  let method: string;
  if (rowCount !== null && rowCount <= options.sampleRows) {
    sample = `${from} s`;
    method = `exact: every row (${rowCount})`;
  } else if (rowCount !== null) {
    const uniform = dialect.uniformSample(from, options.sampleRows);
    sample = `(${uniform.sql}) s`;
    method = `${uniform.method} of ${rowCount} rows`;
  } else {
    sample = `(${dialect.selectWithLimit('*', from, options.sampleRows)}) s`;
    method = `the first ${options.sampleRows} rows the database returns (the table could not be counted in time, so no uniform sample was drawn)`;
  }

  const aggregates: string[] = ['COUNT(*) AS n'];
  columns.forEach((c, i) => {
    const can = comparable(dialect, c.type);
    aggregates.push(`COUNT(${q(c.name)}) AS nn_${i}`);
    if (can.distinct) aggregates.push(`COUNT(DISTINCT ${q(c.name)}) AS d_${i}`);
    if (can.minMax) aggregates.push(`MIN(${q(c.name)}) AS mn_${i}`, `MAX(${q(c.name)}) AS mx_${i}`);
    if (can.length) aggregates.push(`AVG(${dialect.textLength(q(c.name))}) AS ln_${i}`);
  });
  const profiles = new Map<string, ColumnProfile>();
  let sampled = 0;
  try {
    const result = await run(`SELECT ${aggregates.join(', ')} FROM ${sample}`, 1);
    const row = result.rows[0] ?? {};
    sampled = Number(row.n ?? 0);
    columns.forEach((c, i) => {
      const nonNull = Number(row[`nn_${i}`] ?? 0);
      const distinct = row[`d_${i}`] === undefined || row[`d_${i}`] === null ? null : Number(row[`d_${i}`]);
      const length = row[`ln_${i}`] === undefined || row[`ln_${i}`] === null ? null : Math.round(Number(row[`ln_${i}`]) * 10) / 10;
      profiles.set(c.name, {
        name: c.name,
        non_null: nonNull,
        null_rate: sampled > 0 ? round((sampled - nonNull) / sampled) : 0,
        distinct,
        distinct_rate: distinct !== null && nonNull > 0 ? round(distinct / nonNull) : null,
        min: jsonSafeValue(row[`mn_${i}`]),
        max: jsonSafeValue(row[`mx_${i}`]),
        avg_length: length,
      });
    });
  } catch (err) {
    notes.push(`column statistics unavailable: ${(err as Error).message}`);
  }

  let topValueQueries = 0;
  for (const c of columns) {
    const profile = profiles.get(c.name);
    if (!profile || !options.topValuesFor?.(c, profile) || topValueQueries >= 8) continue;
    topValueQueries += 1;
    try {
      const sql = dialect.selectWithLimit(`${q(c.name)} AS value, COUNT(*) AS n`, sample, 5, `GROUP BY ${q(c.name)} ORDER BY COUNT(*) DESC`);
      const result = await run(sql, 5);
      profile.top_values = result.rows.map((r) => ({ value: jsonSafeValue(r.value), count: Number(r.n) }));
    } catch (err) {
      notes.push(`top values of ${c.name} unavailable: ${(err as Error).message}`);
    }
  }
  return { row_count: rowCount, sampled_rows: sampled, method, columns: profiles, notes };
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
