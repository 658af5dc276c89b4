import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { assertWritable, type ConnectionRecord } from '../../connections/connection-types.js';
import { SqliteCursor, SqliteDb, type SqlValue } from '../../store/sqlite-db.js';
import { UserError } from '../../util/user-error.js';
import { SourceUnavailableError } from '../connection-failure.js';
import { uniqueColumnNames } from '../result-columns.js';
import { jsonPageSql, rowsFromJsonPage } from './sqlite-json-pages.js';
import { ownRowLimit, pageableSelect, pageSql, type PageableSelect } from './sqlite-paging.js';
import {
  groupForeignKeys,
  QueryCancelledError,
  QueryTimeoutError,
  type ColumnInfo,
  type DatabaseConnector,
  type DatabaseFacts,
  type PrivilegeCheck,
  type ForeignKeyInfo,
  type QueryOptions,
  type QueryResult,
  type Row,
  type TableInfo,
  type TestResult,
  type WriteTx,
} from '../connector.js';

export interface SqliteConnectionConfig {
  file: string;
}

/** Who the connection is, for the write guard (a production file is never written by writeTransaction). */
type ConnectionIdentity = Pick<ConnectionRecord, 'id' | 'role'>;

const POOL_SIZE = 4;
/**
 * The largest text or blob a read may produce. A query such as `SELECT randomblob(300000000)`
 * fails inside SQLite instead of handing Node a value that has to be copied, encoded and sent.
 */
export const SQLITE_MAX_VALUE_BYTES = 16 * 1024 * 1024;
/** A stream's first page; later pages double up to MAX_PAGE_ROWS (each skips the rows before it, so pages stay few). */
const FIRST_PAGE_ROWS = 10_000;
const MAX_PAGE_ROWS = 100_000;
/** About the most values one JSON page holds (a few tens of MB of text). */
const MAX_PAGE_VALUES = 2_000_000;

/**
 * Reads run on connections opened OPEN_READONLY, a small pool so an interrupt (timeout or
 * cancel) stops only the query that owns that connection. The database layer holds on its own,
 * whatever SQL reaches it:
 *  - `PRAGMA query_only = ON` is set again before every statement, so a statement that turned it
 *    off cannot leave a writable connection in the pool;
 *  - no database may be attached (SQLITE_LIMIT_ATTACHED 0), which also stops `VACUUM INTO`
 *    (it attaches its target) from writing a copy anywhere;
 *  - values are capped at SQLITE_MAX_VALUE_BYTES.
 * node-sqlite3 offers no authorizer (sqlite3_set_authorizer is not exposed), so these three are
 * what the driver allows. Training-side writes (`writeTransaction`) use one separate read-write
 * connection, opened on first use and never shared with reads.
 */
export class SqliteConnector implements DatabaseConnector {
  readonly family = 'database' as const;
  readonly dialect = 'sqlite' as const;
  readonly catalog: string;
  readonly inProcess = true;
  private readonly idle: SqliteDb[] = [];
  private readonly waiters: ((db: SqliteDb) => void)[] = [];
  private opened = 0;
  private writer: Promise<SqliteDb> | undefined;

  constructor(
    private readonly config: SqliteConnectionConfig,
    private readonly record?: ConnectionIdentity,
  ) {
    this.catalog = path.basename(config.file).replace(/\.(sqlite3?|db)$/i, '');
  }

  private fileMissing(): SourceUnavailableError {
    return new SourceUnavailableError('file_missing', `The SQLite file ${this.config.file} does not exist. Check the path, or run \`pacs-mcp demo\` for the demo database.`);
  }

  private async acquire(): Promise<SqliteDb> {
    const db = this.idle.pop();
    if (db) return db;
    if (this.opened < POOL_SIZE) {
      this.opened++;
      try {
        if (!fs.existsSync(this.config.file)) throw this.fileMissing();
        const db = await SqliteDb.open(this.config.file, { readOnly: true, busyTimeoutMs: 5_000 });
        db.raw.configure('limit', sqlite3.LIMIT_ATTACHED, 0);
        db.raw.configure('limit', sqlite3.LIMIT_LENGTH, SQLITE_MAX_VALUE_BYTES);
        return db;
      } catch (err) {
        this.opened--;
        throw err;
      }
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(db: SqliteDb): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(db);
    else this.idle.push(db);
  }

  /** A pooled read connection, query_only asserted again before it is handed out. */
  private async acquireRead(): Promise<SqliteDb> {
    const db = await this.acquire();
    try {
      await db.exec('PRAGMA query_only = ON');
    } catch (err) {
      this.release(db);
      throw err;
    }
    return db;
  }

  private async withConnection<T>(work: (db: SqliteDb) => Promise<T>): Promise<T> {
    const db = await this.acquireRead();
    try {
      return await work(db);
    } finally {
      this.release(db);
    }
  }

  /**
   * `work` on a pooled read connection that the timeout or the caller's cancel interrupts; what it
   * was running then fails as a QueryTimeoutError or QueryCancelledError.
   */
  private withInterruptibleConnection<T>(options: Omit<QueryOptions, 'maxRows'>, work: (db: SqliteDb) => Promise<T>): Promise<T> {
    return this.withConnection(async (db) => {
      if (options.signal?.aborted) throw new QueryCancelledError();
      let stoppedBy: 'timeout' | 'cancel' | undefined;
      const stop = (why: 'timeout' | 'cancel') => {
        stoppedBy = why;
        db.interrupt();
      };
      const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
      const onAbort = () => stop('cancel');
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return await work(db);
      } catch (err) {
        if (stoppedBy === 'timeout') throw new QueryTimeoutError(options.timeoutMs);
        if (stoppedBy === 'cancel') throw new QueryCancelledError();
        throw err;
      } finally {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      }
    });
  }

  async test(): Promise<TestResult> {
    const started = performance.now();
    if (!fs.existsSync(this.config.file)) {
      return { ok: false, latency_ms: 0, failure: 'file_missing', message: `The SQLite file ${this.config.file} does not exist. Check the path in the connection, or run \`pacs-mcp demo\` to rebuild the demo database.` };
    }
    try {
      const row = await this.withConnection((db) => db.get<{ v: string }>('SELECT sqlite_version() AS v'));
      await this.withConnection((db) => db.get('SELECT count(*) FROM sqlite_master'));
      return { ok: true, latency_ms: performance.now() - started, server_version: `SQLite ${row?.v}`, message: 'Connected.' };
    } catch (err) {
      return { ok: false, latency_ms: performance.now() - started, failure: 'other', message: `SQLite could not read ${this.config.file}: ${(err as Error).message}. Check that it is a SQLite database and readable.` };
    }
  }

  async listTables(): Promise<TableInfo[]> {
    const rows = await this.withConnection((db) =>
      db.all<{ name: string; type: string }>(
        "SELECT name, type FROM sqlite_master WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%' ORDER BY name",
      ),
    );
    return rows.map((r) => ({ catalog: this.catalog, schema: 'main', name: r.name, type: r.type === 'view' ? 'view' : 'table' }));
  }

  async describeTable(schema: string, name: string): Promise<ColumnInfo[]> {
    if (schema !== 'main') throw new UserError('not_found', `SQLite connections have one schema, "main"; "${schema}" does not exist.`);
    const rows = await this.withConnection((db) =>
      db.all<{ name: string; type: string; notnull: number; pk: number }>('SELECT name, type, "notnull", pk FROM pragma_table_info(?)', [name]),
    );
    return rows.map((r) => ({ name: r.name, type: r.type || 'ANY', nullable: r.notnull === 0 && r.pk === 0, primary_key: r.pk > 0 }));
  }

  /**
   * SQLite has no grants: reading is allowed where the table exists, writing where this process
   * may write the file and its folder (the journal goes there), and there are no procedures.
   */
  async privileges(checks: readonly PrivilegeCheck[]): Promise<(boolean | null)[]> {
    const tables = new Set((await this.listTables()).map((t) => t.name.toLowerCase()));
    const writable = [this.config.file, path.dirname(this.config.file)].every((target) => {
      try {
        fs.accessSync(target, fs.constants.W_OK);
        return true;
      } catch {
        return false;
      }
    });
    return checks.map((check) => {
      if (check.privilege === 'EXECUTE' || check.database) return null;
      if (!tables.has(check.object.toLowerCase())) return null;
      return check.privilege === 'SELECT' ? true : writable;
    });
  }

  async facts(): Promise<DatabaseFacts> {
    const row = await this.withConnection((db) => db.get<{ version: string; journal: string }>('SELECT sqlite_version() AS version, (SELECT journal_mode FROM pragma_journal_mode) AS journal'));
    return {
      version: `SQLite ${row?.version ?? '?'}`,
      settings: [{ name: 'journal_mode', value: String(row?.journal ?? '?'), ok: true, note: 'Reads take no locks a writer waits for in WAL mode; in other modes a write waits for readers to finish.' }],
    };
  }

  async foreignKeys(): Promise<ForeignKeyInfo[]> {
    // A reference without column names points at the referenced table's primary key.
    const rows = await this.withConnection((db) =>
      db.all<Row>(
        `SELECT 'main' AS schema_name, m.name AS table_name, f.id AS fk, f.seq AS seq, f."from" AS from_col, 'main' AS ref_schema, f."table" AS ref_table,
                COALESCE(f."to", (SELECT p.name FROM pragma_table_info(f."table") p WHERE p.pk = f.seq + 1)) AS to_col
           FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
          WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
          ORDER BY m.name, f.id, f.seq`,
      ),
    );
    return groupForeignKeys(rows);
  }

  async query(sql: string, params: unknown[], options: QueryOptions): Promise<QueryResult> {
    return this.withInterruptibleConnection(options, async (db) => {
      const capped = await this.firstPage(db, sql, params, options.maxRows);
      if (capped) return capped;
      const statement = await prepareKeepingColumns(db, sql, params as SqlValue[]);
      const cursor = statement.cursor;
      try {
        const rows: Row[] = [];
        let truncated = false;
        for (;;) {
          const row = await cursor.next();
          if (!row) break;
          if (rows.length === options.maxRows) {
            truncated = true;
            break;
          }
          rows.push(row);
        }
        const names = rows.length ? Object.keys(rows[0]) : statement.wrapped ? await emptyResultColumns(db, sql, params as SqlValue[]) : [];
        return statement.wrapped ? keyedByUniqueNames(names, rows, truncated) : { columns: names, rows, row_count: rows.length, truncated };
      } finally {
        await cursor.finalize();
      }
    });
  }

  /**
   * The first `maxRows` rows in one call into SQLite, or undefined when they cannot be read that
   * way (the statement is then stepped row by row). A statement that reads as a subquery is
   * limited outside it, `SELECT * FROM (…) LIMIT n + 1`, whatever its own LIMIT or ORDER BY, and
   * its repeated column names come back apart; any other is limited when it has no LIMIT of its
   * own, or read as it is when its own LIMIT is within the cap. A statement that fails only in the
   * form read here is stepped too, so its own error or rows come back (an interrupt is not such a
   * failure: it is rethrown).
   */
  private async firstPage(db: SqliteDb, sql: string, params: unknown[], maxRows: number): Promise<QueryResult | undefined> {
    const wrapped = wrappedSelect(sql);
    if (wrapped) {
      const rows = await allUnlessRefused(db, `${wrapped} LIMIT ${Math.floor(maxRows) + 1}`, params);
      if (!rows) return undefined;
      const truncated = rows.length > maxRows;
      if (truncated) rows.length = maxRows;
      const names = rows.length ? Object.keys(rows[0]) : await emptyResultColumns(db, sql, params as SqlValue[]);
      return keyedByUniqueNames(names, rows, truncated);
    }
    const select = pageableSelect(sql);
    const own = select ? undefined : ownRowLimit(sql);
    if (!select && (own === undefined || own > maxRows)) return undefined;
    const rows = await allUnlessRefused(db, select ? pageSql(select, maxRows + 1) : sql, params);
    if (!rows) return undefined;
    const truncated = rows.length > maxRows;
    if (truncated) rows.length = maxRows;
    return { columns: rows.length ? Object.keys(rows[0]) : [], rows, row_count: rows.length, truncated };
  }

  /** In one call to SQLite: `query` steps row by row to honour its cap, which is slower. */
  async queryAll(sql: string, params: unknown[], options: Omit<QueryOptions, 'maxRows'>): Promise<Row[]> {
    return this.withInterruptibleConnection(options, (db) => db.all<Row>(sql, params as SqlValue[]));
  }

  /**
   * Pages of rows, each one call into SQLite, inside one read transaction so every page sees the
   * same state of the file. A statement with its own LIMIT, more than one statement, or one whose
   * pages SQLite refuses is stepped row by row instead; a sorted one is paged only when it fits
   * in one page (equal sort keys could fall differently across pages).
   */
  async *streamBatches(sql: string, params: unknown[], batchSize: number, signal?: AbortSignal): AsyncIterable<Row[]> {
    const db = await this.acquireRead();
    try {
      const select = pageableSelect(sql);
      const paged = select ? await this.pagedRows(db, select, params, batchSize, signal) : undefined;
      if (paged) {
        yield* paged;
        return;
      }
      yield* this.steppedRows(db, sql, params, batchSize, signal);
    } finally {
      this.release(db);
    }
  }

  /** The paged reader, or undefined when SQLite refuses the paged statement or a sorted result is more than one page. */
  private async pagedRows(db: SqliteDb, select: PageableSelect, params: unknown[], batchSize: number, signal?: AbortSignal): Promise<AsyncGenerator<Row[]> | undefined> {
    await db.exec('BEGIN');
    let reader: PageReader | undefined;
    let first: Row[];
    let firstLimit = 0;
    try {
      reader = await this.pageReader(db, select, params);
      firstLimit = Math.min(Math.max(batchSize, FIRST_PAGE_ROWS), reader.maxRows);
      first = await reader.read(select.ordered ? firstLimit + 1 : firstLimit, 0);
    } catch (err) {
      await db.exec('COMMIT').catch(() => undefined);
      if ((err as { code?: unknown }).code === 'SQLITE_ERROR') return undefined;
      throw err;
    }
    if (select.ordered && first.length > firstLimit) {
      await db.exec('COMMIT').catch(() => undefined);
      return undefined;
    }
    const pages = reader;
    return (async function* () {
      try {
        let page = first;
        let limit = firstLimit;
        let offset = 0;
        for (;;) {
          for (let i = 0; i < page.length; i += batchSize) yield page.slice(i, i + batchSize);
          if (page.length < limit || select.ordered) return;
          offset += page.length;
          limit = Math.min(limit * 2, Math.max(batchSize, MAX_PAGE_ROWS), pages.maxRows);
          if (signal?.aborted) throw new QueryCancelledError();
          page = await pages.read(limit, offset);
        }
      } finally {
        await db.exec('COMMIT').catch(() => undefined);
      }
    })();
  }

  /**
   * How the pages of `select` are read: as one JSON text per page (sqlite-json-pages.ts) when its
   * columns can be named, else as the driver's rows. A JSON page holds at most about
   * MAX_PAGE_VALUES values, so a wide table gets shorter pages.
   */
  private async pageReader(db: SqliteDb, select: PageableSelect, params: unknown[]): Promise<PageReader> {
    const sqliteNames = await emptyResultColumns(db, select.body, params as SqlValue[]);
    if (sqliteNames.length === 0) {
      return { maxRows: MAX_PAGE_ROWS, read: (limit, offset) => db.all<Row>(pageSql(select, limit, offset), params as SqlValue[]) };
    }
    const columns = uniqueNamesOfSqliteColumns(sqliteNames);
    return {
      maxRows: Math.max(1_000, Math.floor(MAX_PAGE_VALUES / sqliteNames.length)),
      read: async (limit, offset) => {
        const row = await db.get<{ page: string }>(jsonPageSql(pageSql(select, limit, offset), sqliteNames), params as SqlValue[]);
        return rowsFromJsonPage(row?.page ?? '[]', columns);
      },
    };
  }

  private async *steppedRows(db: SqliteDb, sql: string, params: unknown[], batchSize: number, signal?: AbortSignal): AsyncGenerator<Row[]> {
    let cursor: SqliteCursor | undefined;
    try {
      cursor = await SqliteCursor.prepare(db, sql, params as SqlValue[]);
      let batch: Row[] = [];
      for (;;) {
        if (signal?.aborted) throw new QueryCancelledError();
        const row = await cursor.next();
        if (!row) break;
        batch.push(row);
        if (batch.length === batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    } finally {
      await cursor?.finalize();
    }
  }

  /**
   * One BEGIN IMMEDIATE … COMMIT on the read-write connection; any error rolls everything back.
   * Transactions from one connector run one after another (the connection's queue), and the
   * busy timeout makes a writer in another process wait rather than fail.
   */
  async writeTransaction<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
    if (this.record) assertWritable(this.record, 'writing through this connection');
    return this.transaction(work);
  }

  /** A QA-signed promotion's allowlisted statements (see SourceConnector.promotionTransaction). */
  async promotionTransaction<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
    return this.transaction(work);
  }

  private async transaction<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
    const db = await this.openWriter();
    return db.transaction(async (tx) =>
      work({
        execute: async (sql, params) => ({ rowsAffected: (await tx.run(sql, params as SqlValue[])).changes }),
        query: (sql, params) => tx.all<Row>(sql, params as SqlValue[]),
      }),
    );
  }

  private openWriter(): Promise<SqliteDb> {
    if (!this.writer) {
      const opening = (async () => {
        if (!fs.existsSync(this.config.file)) throw this.fileMissing();
        // create: false — a write must never conjure an empty database where the file went missing.
        return SqliteDb.open(this.config.file, { create: false, busyTimeoutMs: 15_000 });
      })();
      this.writer = opening;
      opening.catch(() => {
        if (this.writer === opening) this.writer = undefined;
      });
    }
    return this.writer;
  }

  async close(): Promise<void> {
    const all = this.idle.splice(0);
    this.opened -= all.length;
    const writer = this.writer;
    this.writer = undefined;
    await Promise.all([...all.map((db) => db.close()), writer?.then((db) => db.close()).catch(() => undefined)]);
  }
}

/*
 * node-sqlite3 hands rows over as objects keyed by column name and has no column metadata, so
 * `SELECT a.market, b.market` would come back with one `market`. Read as `SELECT * FROM (…)`,
 * SQLite itself names the repeats `market:1`, `market:2`; those become the `market_2` names of
 * result-columns.ts. A statement that cannot be read that way (it does not start with SELECT,
 * WITH or VALUES, or the wrapped form does not compile) runs as written.
 */

const WRAPPABLE = /^\s*(?:(?:--[^\n]*\n|\/\*[\s\S]*?\*\/)\s*)*(select|with|values)\b/i;
const SQLITE_REPEAT = /^(.*):(\d+)$/;
/** A name no query uses, for the probe that reads the columns of an empty result. */
const PROBE_COLUMN = '__pacs_mcp_probe__';

function wrappedSelect(sql: string): string | null {
  if (!WRAPPABLE.test(sql)) return null;
  const body = sql.replace(/[\s;]+$/, '');
  // The line break ends a trailing -- comment before the closing parenthesis.
  return `SELECT * FROM (${body}\n)`;
}

/** All rows of `sql`, or undefined when SQLite refuses the statement (an interrupt or any other failure is rethrown). */
async function allUnlessRefused(db: SqliteDb, sql: string, params: unknown[]): Promise<Row[] | undefined> {
  try {
    return await db.all<Row>(sql, params as SqlValue[]);
  } catch (err) {
    if ((err as { code?: unknown }).code === 'SQLITE_ERROR') return undefined;
    throw err;
  }
}

async function prepareKeepingColumns(db: SqliteDb, sql: string, params: SqlValue[]): Promise<{ cursor: SqliteCursor; wrapped: boolean }> {
  const wrapped = wrappedSelect(sql);
  if (wrapped) {
    const cursor = await SqliteCursor.prepare(db, wrapped, params).catch(() => null);
    if (cursor) return { cursor, wrapped: true };
  }
  return { cursor: await SqliteCursor.prepare(db, sql, params), wrapped: false };
}

/** The column names of a query that returned no rows: one row of NULLs under its column names. */
async function emptyResultColumns(db: SqliteDb, sql: string, params: SqlValue[]): Promise<string[]> {
  const probe = `SELECT * FROM (SELECT 1 AS "${PROBE_COLUMN}") LEFT JOIN (SELECT * FROM (${sql.replace(/[\s;]+$/, '')}\n) LIMIT 0) ON 1`;
  const cursor = await SqliteCursor.prepare(db, probe, params).catch(() => null);
  if (!cursor) return [];
  try {
    const row = await cursor.next();
    return row ? Object.keys(row).filter((name) => name !== PROBE_COLUMN) : [];
  } finally {
    await cursor.finalize();
  }
}

/** SQLite's `market:1` for a repeated `market` → `market_2`. */
function uniqueNamesOfSqliteColumns(sqliteNames: readonly string[]): string[] {
  const present = new Set(sqliteNames);
  const base = sqliteNames.map((name) => {
    const repeat = SQLITE_REPEAT.exec(name);
    return repeat && present.has(repeat[1]) ? repeat[1] : name;
  });
  return uniqueColumnNames(base);
}

/** The rows re-keyed to the unique names of their columns. */
function keyedByUniqueNames(sqliteNames: string[], rows: Row[], truncated: boolean): QueryResult {
  const columns = uniqueNamesOfSqliteColumns(sqliteNames);
  const renamed = columns.some((c, i) => c !== sqliteNames[i]);
  const keyed = renamed
    ? rows.map((row) => {
        const out: Row = {};
        sqliteNames.forEach((name, i) => {
          out[columns[i]] = row[name];
        });
        return out;
      })
    : rows;
  return { columns, rows: keyed, row_count: rows.length, truncated };
}

interface PageReader {
  /** The most rows one page may hold. */
  maxRows: number;
  read(limit: number, offset: number): Promise<Row[]>;
}
