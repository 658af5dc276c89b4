import { sqlite } from '../dialects/sqlite.js';
import type { SqliteDb, SqlValue } from '../store/sqlite-db.js';
import type { TableSpec } from './demo-schema.js';

/** A row keyed by column name; a missing column is NULL. */
export type RowValues = Record<string, SqlValue | undefined>;

const ROWS_PER_STATEMENT = 400;
/** Statements queued in SQLite's worker while JavaScript generates the next rows; bounds memory. */
const MAX_IN_FLIGHT = 12;

interface TableBuffer {
  columnNames: string[];
  /** `INSERT INTO t (…) VALUES ` */
  prefix: string;
  /** One `(…)` literal tuple per buffered row. */
  tuples: string[];
  inserted: number;
}

/**
 * Buffers rows per table and writes them as multi-row INSERTs. Statements are handed to
 * sqlite3's worker without waiting, so SQLite inserts while the generator computes; callers
 * `throttle()` now and then and `flush()` before COMMIT.
 *
 * Values go in as SQL literals, not bound parameters: sqlite3 converts bound parameters on
 * the JavaScript thread (half the build time when measured), while SQLite parses literals on
 * its worker thread. Only generated values pass through here, never user input.
 */
export class BatchInserter {
  private readonly buffers = new Map<string, TableBuffer>();
  private pending = 0;
  private wakeups: (() => void)[] = [];
  private failure: Error | undefined;

  constructor(private readonly db: SqliteDb, specs: readonly TableSpec[]) {
    for (const spec of specs) {
      const columnNames = spec.columns.map((c) => c.name);
      this.buffers.set(spec.name, {
        columnNames,
        prefix: `INSERT INTO ${sqlite.quoteIdent(spec.name)} (${columnNames.map((c) => sqlite.quoteIdent(c)).join(',')}) VALUES `,
        tuples: [],
        inserted: 0,
      });
    }
  }

  add(table: string, row: RowValues): void {
    const buffer = this.buffers.get(table);
    if (!buffer) throw new Error(`demo generator: no table ${table}`);
    let matched = 0;
    let tuple = '(';
    for (let i = 0; i < buffer.columnNames.length; i++) {
      const value = row[buffer.columnNames[i]];
      if (value !== undefined) matched++;
      if (i > 0) tuple += ',';
      tuple += sqlLiteral(value);
    }
    let given = 0;
    for (const key in row) if (row[key] !== undefined) given++;
    if (given !== matched) {
      const unknown = Object.keys(row).filter((k) => !buffer.columnNames.includes(k));
      throw new Error(`demo generator: ${table} has no column ${unknown.join(', ')}`);
    }
    buffer.tuples.push(tuple + ')');
    if (buffer.tuples.length === ROWS_PER_STATEMENT) this.send(buffer);
  }

  /** Rows added to `table` so far (sent or still buffered). */
  count(table: string): number {
    const buffer = this.buffers.get(table);
    return buffer ? buffer.inserted + buffer.tuples.length : 0;
  }

  /** Waits while too many statements are queued; rethrows the first failed insert. */
  async throttle(): Promise<void> {
    while (this.pending > MAX_IN_FLIGHT) await new Promise<void>((resolve) => this.wakeups.push(resolve));
    if (this.failure) throw this.failure;
  }

  /** Sends every buffered row and waits until SQLite has them all. */
  async flush(): Promise<void> {
    for (const buffer of this.buffers.values()) if (buffer.tuples.length > 0) this.send(buffer);
    while (this.pending > 0) await new Promise<void>((resolve) => this.wakeups.push(resolve));
    if (this.failure) throw this.failure;
  }

  /** Waits for the statements already sent, sends nothing more: for closing after a failure. */
  async settle(): Promise<void> {
    while (this.pending > 0) await new Promise<void>((resolve) => this.wakeups.push(resolve));
  }

  private send(buffer: TableBuffer): void {
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

function sqlLiteral(value: SqlValue | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return sqlite.numberLiteral(value);
  if (typeof value === 'string') return sqlite.stringLiteral(value);
  return `X'${value.toString('hex')}'`;
}

