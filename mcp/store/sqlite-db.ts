import sqlite3 from 'sqlite3';
import { createPrivateFile } from '../util/private-files.js';

export type SqlValue = string | number | bigint | null | Buffer;
export type Row = Record<string, unknown>;

export interface OpenOptions {
  readOnly?: boolean;
  /** Create the file when it does not exist (default true; ignored with readOnly). */
  create?: boolean;
  /** Milliseconds SQLite waits on a lock held by another process before SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /** WAL + synchronous=NORMAL: for the app store, shared by the app and Claude-spawned servers. */
  wal?: boolean;
}

/**
 * A promise wrapper over one `sqlite3` connection. Statements run one at a time through a
 * queue, so a transaction opened by `transaction()` never interleaves with another caller's
 * statements on the same connection.
 */
export class SqliteDb {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly raw: sqlite3.Database, readonly file: string) {}

  static async open(file: string, options: OpenOptions = {}): Promise<SqliteDb> {
    const mode = options.readOnly ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | (options.create === false ? 0 : sqlite3.OPEN_CREATE);
    // A new database file is created owner-only; SQLite gives its WAL and journal the same mode.
    if (mode & sqlite3.OPEN_CREATE && file !== ':memory:' && file !== '') createPrivateFile(file);
    const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
      const db: sqlite3.Database = new sqlite3.Database(file, mode, (err) => (err ? reject(err) : resolve(db)));
    });
    const db = new SqliteDb(raw, file);
    raw.configure('busyTimeout', options.busyTimeoutMs ?? 10_000);
    if (options.wal) {
      await db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
    }
    if (options.readOnly) await db.exec('PRAGMA query_only = ON;');
    return db;
  }

  /** Runs `work` after everything queued before it; nothing else runs on this connection meanwhile. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  exec(sql: string): Promise<void> {
    return this.exclusive(() => this.execNow(sql));
  }

  run(sql: string, params: SqlValue[] = []): Promise<{ changes: number; lastId: number }> {
    return this.exclusive(() => this.runNow(sql, params));
  }

  all<T = Row>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    return this.exclusive(() => this.allNow<T>(sql, params));
  }

  get<T = Row>(sql: string, params: SqlValue[] = []): Promise<T | undefined> {
    return this.exclusive(() => this.getNow<T>(sql, params));
  }

  /**
   * BEGIN IMMEDIATE … COMMIT around `work`. IMMEDIATE takes the write lock up front, so two
   * processes never deadlock upgrading read locks; the busy timeout makes the other one wait.
   */
  transaction<T>(work: (tx: SqliteTx) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      await this.execNow('BEGIN IMMEDIATE');
      try {
        const value = await work(this.txHandle);
        await this.execNow('COMMIT');
        return value;
      } catch (err) {
        await this.execNow('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  /** Reads that see one state of the database, whatever other connections commit meanwhile (BEGIN … COMMIT). */
  readTransaction<T>(work: (tx: SqliteTx) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      await this.execNow('BEGIN');
      try {
        return await work(this.txHandle);
      } finally {
        await this.execNow('COMMIT').catch(() => undefined);
      }
    });
  }

  interrupt(): void {
    this.raw.interrupt();
  }

  close(): Promise<void> {
    return this.exclusive(() => new Promise<void>((resolve, reject) => this.raw.close((err) => (err ? reject(err) : resolve()))));
  }

  private readonly txHandle: SqliteTx = {
    exec: (sql) => this.execNow(sql),
    run: (sql, params = []) => this.runNow(sql, params),
    all: (sql, params = []) => this.allNow(sql, params),
    get: (sql, params = []) => this.getNow(sql, params),
  };

  execNow(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.raw.exec(sql, (err) => (err ? reject(err) : resolve())));
  }

  runNow(sql: string, params: SqlValue[]): Promise<{ changes: number; lastId: number }> {
    return new Promise((resolve, reject) =>
      this.raw.run(sql, params, function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(err);
        else resolve({ changes: this.changes, lastId: this.lastID });
      }),
    );
  }

  allNow<T>(sql: string, params: SqlValue[]): Promise<T[]> {
    return new Promise((resolve, reject) => this.raw.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
  }

  getNow<T>(sql: string, params: SqlValue[]): Promise<T | undefined> {
    return new Promise((resolve, reject) => this.raw.get(sql, params, (err, row) => (err ? reject(err) : resolve(row as T | undefined))));
  }
}

export interface SqliteTx {
  exec(sql: string): Promise<void>;
  run(sql: string, params?: SqlValue[]): Promise<{ changes: number; lastId: number }>;
  all<T = Row>(sql: string, params?: SqlValue[]): Promise<T[]>;
  get<T = Row>(sql: string, params?: SqlValue[]): Promise<T | undefined>;
}

/** Steps a prepared statement one row at a time, so a capped read never materialises the rest. */
export class SqliteCursor {
  private constructor(private readonly stmt: sqlite3.Statement) {}

  static prepare(db: SqliteDb, sql: string, params: SqlValue[] = []): Promise<SqliteCursor> {
    return new Promise((resolve, reject) => {
      const stmt: sqlite3.Statement = db.raw.prepare(sql, params, (err) => (err ? reject(err) : resolve(new SqliteCursor(stmt))));
    });
  }

  next(): Promise<Row | undefined> {
    return new Promise((resolve, reject) => this.stmt.get((err: Error | null, row: Row | undefined) => (err ? reject(err) : resolve(row))));
  }

  finalize(): Promise<void> {
    return new Promise((resolve) => this.stmt.finalize(() => resolve()));
  }
}
