import type { Row, SourceConnector } from '../connectors/connector.js';

/** Keys per IN (…) list: well under SQL Server's 2,100 parameters per request. */
const CHUNK = 500;
/** From this many keys on, one streamed scan of the table beats many IN lists (unless the database runs in this process). */
const SCAN_FROM = 20_000;
const TIMEOUT_MS = 55_000;

export interface KeyLookup {
  /** `SELECT … FROM …` without a WHERE clause. */
  select: string;
  /** A fixed condition (with `?` placeholders) every row must meet, if any. */
  where?: string;
  params?: unknown[];
  /** The column the keys are matched on, e.g. `p.prop_id`. */
  keyColumn: string;
  /** Reads the key back from a result row (for the scan, which filters client-side). */
  keyOf(row: Row): string | number | null;
  keys: Iterable<string | number>;
  signal?: AbortSignal;
}

/**
 * Calls `onRow` for each source row whose key is in `keys`, with set-based queries only: IN lists
 * of 500 keys, or for many keys one streamed scan filtered here. Never one query per key.
 */
export async function forEachByKeys(connector: SourceConnector, lookup: KeyLookup, onRow: (row: Row) => void): Promise<void> {
  const keys = [...new Set(lookup.keys)];
  if (keys.length === 0) return;
  const fixed = lookup.where ? `(${lookup.where})` : '';
  const params = lookup.params ?? [];
  if (keys.length >= SCAN_FROM && !connector.inProcess) {
    const wanted = new Set(keys.map(String));
    const sql = fixed ? `${lookup.select} WHERE ${fixed}` : lookup.select;
    for await (const batch of connector.streamBatches(sql, params, 5_000, lookup.signal)) {
      for (const row of batch) {
        const key = lookup.keyOf(row);
        if (key !== null && wanted.has(String(key))) onRow(row);
      }
    }
    return;
  }
  for (let i = 0; i < keys.length; i += CHUNK) {
    const chunk = keys.slice(i, i + CHUNK);
    const inList = `${lookup.keyColumn} IN (${chunk.map(() => '?').join(', ')})`;
    const sql = `${lookup.select} WHERE ${fixed ? `${fixed} AND ` : ''}${inList}`;
    const rows = await connector.queryAll(sql, [...params, ...chunk], { timeoutMs: TIMEOUT_MS, signal: lookup.signal });
    for (const row of rows) onRow(row);
  }
}

/** A small whole table (code lists, years). */
export async function readAll(connector: SourceConnector, sql: string, signal?: AbortSignal): Promise<Row[]> {
  return connector.queryAll(sql, [], { timeoutMs: TIMEOUT_MS, signal });
}

/** Source values as the engine compares them: trimmed text (CHAR columns come padded from SQL Server). */
export function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return String(value).trim();
}

export function num(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'bigint' ? Number(value) : Number(value);
  return Number.isFinite(n) ? n : null;
}
