import type { DuckDBConnection, DuckDBDataChunk, DuckDBInstance, DuckDBResultReader } from '@duckdb/node-api';
import type { Row } from '../../connectors/connector.js';

/**
 * The few DuckDB helpers the lakehouse shares. `@duckdb/node-api` is imported on first use, so a
 * server that never touches the lakehouse never loads DuckDB.
 */

export type DuckDbModule = typeof import('@duckdb/node-api');

let loading: Promise<DuckDbModule> | undefined;

export function loadDuckDb(): Promise<DuckDbModule> {
  loading ??= import('@duckdb/node-api').catch((err: unknown) => {
    loading = undefined;
    throw new Error(`DuckDB could not be loaded (${(err as Error).message}). Reinstall PACS MCP; the lakehouse needs its bundled DuckDB.`);
  });
  return loading;
}

export async function duckDbVersion(): Promise<string> {
  return (await loadDuckDb()).version();
}

export interface OpenOptions {
  readOnly?: boolean;
  memoryLimit?: string;
  threads?: number;
  tempDirectory?: string;
}

export async function openDuckDb(file: string, options: OpenOptions = {}): Promise<DuckDBInstance> {
  const { DuckDBInstance } = await loadDuckDb();
  const config: Record<string, string> = {
    threads: String(options.threads ?? 2),
    memory_limit: options.memoryLimit ?? '256MB',
    // Extensions are never installed or loaded from the network by the lakehouse.
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  };
  if (options.readOnly) config.access_mode = 'READ_ONLY';
  if (options.tempDirectory) config.temp_directory = options.tempDirectory;
  return DuckDBInstance.create(file, config);
}

/**
 * A DuckDB value as plain JSON-safe JavaScript: integers as numbers when exact (else text),
 * decimals as numbers when the number prints back as the same decimal (else the exact text),
 * dates and times as ISO-like text, binary as base64, nested values as JSON-safe structures.
 */
export function plainValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value !== 'object') return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  const ctor = (value as { constructor?: { name?: string } }).constructor?.name ?? '';
  if (ctor === 'DuckDBBlobValue') return Buffer.from((value as { bytes: Uint8Array }).bytes).toString('base64');
  if (ctor === 'DuckDBDecimalValue') {
    const text = String(value);
    const n = Number(text);
    return Number.isFinite(n) && sameDecimal(String(n), text) ? n : text;
  }
  if (ctor === 'DuckDBListValue' || ctor === 'DuckDBArrayValue') return ((value as { items: unknown[] }).items ?? []).map(plainValue);
  if (ctor === 'DuckDBStructValue') {
    const entries = (value as { entries: Record<string, unknown> }).entries ?? {};
    return Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, plainValue(v)]));
  }
  return String(value);
}

function sameDecimal(a: string, b: string): boolean {
  const norm = (s: string) => {
    let [int, frac = ''] = s.split('.');
    frac = frac.replace(/0+$/, '');
    int = int.replace(/^(-?)0+(?=\d)/, '$1');
    const out = frac ? `${int}.${frac}` : int;
    return out === '-0' ? '0' : out;
  };
  return norm(a) === norm(b);
}

/** Rows of a chunk as plain objects. */
export function chunkRows(chunk: DuckDBDataChunk, columns: readonly string[]): Row[] {
  const raw = chunk.getRows();
  const rows: Row[] = new Array(raw.length);
  for (let r = 0; r < raw.length; r++) {
    const values = raw[r];
    const row: Row = {};
    for (let i = 0; i < columns.length; i++) row[columns[i]] = plainValue(values[i]);
    rows[r] = row;
  }
  return rows;
}

/** Rows of a fully read result. */
export function readerRows(reader: DuckDBResultReader): { columns: string[]; rows: Row[] } {
  const columns = reader.deduplicatedColumnNames();
  const rows = reader.getRows().map((values) => {
    const row: Row = {};
    for (let i = 0; i < columns.length; i++) row[columns[i]] = plainValue(values[i]);
    return row;
  });
  return { columns, rows };
}

export async function withConnection<T>(instance: DuckDBInstance, work: (c: DuckDBConnection) => Promise<T>): Promise<T> {
  const connection = await instance.connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
  }
}
