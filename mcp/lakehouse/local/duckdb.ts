import type { DuckDBConnection, DuckDBInstance, DuckDBResultReader, DuckDBType } from '@duckdb/node-api';
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

/** A path or other text as a DuckDB string literal. */
export function sqlText(value: string): string {
  if (value.includes('\0')) throw new Error('Text for DuckDB may not contain a NUL character.');
  return `'${value.replace(/'/g, "''")}'`;
}

export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * DuckDB values as JSON can carry them: integers as numbers when exact, decimals as numbers when
 * the number prints back as the same decimal (else the exact text), dates and times as ISO text.
 */
export function jsonValue(value: unknown, type: DuckDBType): unknown {
  if (value === null || value === undefined) return null;
  const name = type.toString();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(name)) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : String(value);
  }
  if (name.startsWith('DECIMAL')) {
    const text = String(value);
    const n = Number(text);
    return Number.isFinite(n) && sameDecimal(String(n), text) ? n : text;
  }
  return value;
}

function sameDecimal(a: string, b: string): boolean {
  const norm = (s: string) => {
    let [int, frac = ''] = s.split('.');
    frac = frac.replace(/0+$/, '');
    int = int.replace(/^(-?)0+(?=\d)/, '$1');
    return frac ? `${int}.${frac}` : int === '-0' ? '0' : int;
  };
  return norm(a) === norm(b);
}

/** Rows of a reader as plain objects, keyed by the (deduplicated) column names. */
export function readerRows(reader: DuckDBResultReader): { columns: string[]; rows: Row[] } {
  const columns = reader.deduplicatedColumnNames();
  const types = reader.columnTypes();
  const raw = reader.getRowsJson() as unknown[][];
  const rows = raw.map((values) => {
    const row: Row = {};
    for (let i = 0; i < columns.length; i++) row[columns[i]] = jsonValue(values[i], types[i]);
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
