import { sqlite } from '../dialects/sqlite.js';
import type { SqliteDb, SqlValue } from '../store/sqlite-db.js';
import { writableColumns, type TableSpec } from './demo-schema.js';

/** A row keyed by column name; a missing column gets its default (or NULL). */
export type RowValues = Record<string, SqlValue | undefined>;

const ROWS_PER_STATEMENT = 400;
/** Statements queued in SQLite's worker while JavaScript generates the next rows; bounds memory. */
const MAX_IN_FLIGHT = 12;

interface TableColumns {
  writable: Set<string>;
  /** DATETIME columns: a date-only value there means midnight, as SQL Server reads it. */
  datetimes: Set<string>;
  /** One buffer per set of columns the rows give. */
  buffers: Map<string, StatementBuffer>;
}

interface StatementBuffer {
  columnNames: string[];
  /** `INSERT INTO t (…) VALUES ` */
  prefix: string;
  /** One `(…)` literal tuple per buffered row. */
  tuples: string[];
  inserted: number;
}

/**
 * Buffers rows per table (and per set of columns given, so a column left out gets the table's
 * default) and writes them as multi-row INSERTs. Statements are handed to sqlite3's worker
 * without waiting, so SQLite inserts while the generator computes; callers `throttle()` now and
 * then and `flush()` before COMMIT.
 *
 * Values go in as SQL literals, not bound parameters: sqlite3 converts bound parameters on
 * the JavaScript thread (half the build time when measured), while SQLite parses literals on
 * its worker thread. Only generated values pass through here, never user input.
 */
export class BatchInserter {
  private readonly tables = new Map<string, TableColumns>();
  private pending = 0;
  private wakeups: (() => void)[] = [];
  private failure: Error | undefined;

  constructor(private readonly db: SqliteDb, specs: readonly TableSpec[]) {
    for (const spec of specs) {
      const writable = writableColumns(spec);
      this.tables.set(spec.name, {
        writable: new Set(writable.map((c) => c.name)),
        datetimes: new Set(writable.filter((c) => c.type.kind === 'datetime' || c.type.kind === 'smalldatetime').map((c) => c.name)),
        buffers: new Map(),
      });
    }
  }

  add(table: string, row: RowValues): void {
    const columns = this.tables.get(table);
    if (!columns) throw new Error(`demo generator: no table ${table}`);
    let signature = '';
    let tuple = '(';
    let first = true;
    for (const key in row) {
      let value = row[key];
      if (value === undefined) continue;
      if (!columns.writable.has(key)) throw new Error(`demo generator: ${table} has no column ${key} to write`);
      if (typeof value === 'string' && value.length === 10 && columns.datetimes.has(key)) value += 'T00:00:00';
      signature += key + ',';
      tuple += (first ? '' : ',') + sqlLiteral(value);
      first = false;
    }
    let buffer = columns.buffers.get(signature);
    if (!buffer) {
      const columnNames = signature.slice(0, -1).split(',');
      buffer = { columnNames, prefix: `INSERT INTO ${sqlite.quoteIdent(table)} (${columnNames.map((c) => sqlite.quoteIdent(c)).join(',')}) VALUES `, tuples: [], inserted: 0 };
      columns.buffers.set(signature, buffer);
    }
    buffer.tuples.push(tuple + ')');
    if (buffer.tuples.length === ROWS_PER_STATEMENT) this.send(buffer);
  }

  /** Rows added to `table` so far (sent or still buffered). */
  count(table: string): number {
    let n = 0;
    for (const buffer of this.tables.get(table)?.buffers.values() ?? []) n += buffer.inserted + buffer.tuples.length;
    return n;
  }

  /** Waits while too many statements are queued; rethrows the first failed insert. */
  async throttle(): Promise<void> {
    while (this.pending > MAX_IN_FLIGHT) await new Promise<void>((resolve) => this.wakeups.push(resolve));
    if (this.failure) throw this.failure;
  }

  /** Sends every buffered row and waits until SQLite has them all. */
  async flush(): Promise<void> {
    for (const columns of this.tables.values()) for (const buffer of columns.buffers.values()) if (buffer.tuples.length > 0) this.send(buffer);
    while (this.pending > 0) await new Promise<void>((resolve) => this.wakeups.push(resolve));
    if (this.failure) throw this.failure;
  }

  /** Waits for the statements already sent, sends nothing more: for closing after a failure. */
  async settle(): Promise<void> {
    while (this.pending > 0) await new Promise<void>((resolve) => this.wakeups.push(resolve));
  }

  private send(buffer: StatementBuffer): void {
    const sql = buffer.prefix + buffer.tuples.join(',');
    buffer.inserted += buffer.tuples.length;
    buffer.tuples = [];
    this.pending++;
    this.db.raw.run(sql, (err: Error | null) => this.settled(err));
  }

  private settled(err: Error | null): void {
    this.pending--;
    if (err) this.failure ??= err;
    const wakeups = this.wakeups;
    this.wakeups = [];
    for (const wake of wakeups) wake();
  }
}

function sqlLiteral(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return sqlite.numberLiteral(value);
  if (typeof value === 'string') return sqlite.stringLiteral(value);
  return `X'${value.toString('hex')}'`;
}

