import type { ConnectionPool, Request as MssqlRequest, Transaction } from 'mssql';
import { parseConnectionConfig } from '../../connections/connection-config.js';
import { assertWritable, type ConnectionRecord } from '../../connections/connection-types.js';
import { abortable } from '../abortable.js';
import { failedTest, SourceUnavailableError, type Endpoint } from '../connection-failure.js';
import {
  groupForeignKeys,
  QueryCancelledError,
  QueryTimeoutError,
  queryEveryRow,
  type ForeignKeyInfo,
  type ColumnInfo,
  type DatabaseConnector,
  type DatabaseFacts,
  type DatabaseSetting,
  type PrivilegeCheck,
  type QueryOptions,
  type QueryResult,
  type Row,
  type TableInfo,
  type TestResult,
  type WriteTx,
} from '../connector.js';
import { translatePlaceholders } from '../placeholders.js';
import { uniqueColumnNames } from '../result-columns.js';
import {
  normalizeSqlServerRow,
  orderedColumns,
  readIsolationFrom,
  sqlServerColumns,
  sqlServerRowFromValues,
  sqlServerLoginWarning,
  sqlServerVersionLabel,
  SQLSERVER_DATABASE_SQL,
  SQLSERVER_DESCRIBE_TABLE_SQL,
  SQLSERVER_FOREIGN_KEYS_SQL,
  SQLSERVER_ISOLATION_SQL,
  SQLSERVER_LIST_TABLES_SQL,
  SQLSERVER_TEST_SQL,
  sqlServerPrivilegesSql,
  type ReadIsolation,
  type SqlServerColumnMeta,
} from './sqlserver-catalog.js';
import { classifySqlServerError, LOCK_TIMEOUT_ERROR, SNAPSHOT_NOT_ALLOWED_ERROR, SourceBusyError, sqlServerErrorNumbers, sqlServerWriteError } from './sqlserver-errors.js';
import { loadSqlServerDriver, type MssqlModule } from './sqlserver-driver.js';
import { DEFAULT_SQLSERVER_PORT, sqlServerDriverConfig, type PoolPurpose, type SqlServerConfig } from './sqlserver-options.js';
import { bindParameters } from './sqlserver-parameters.js';

/** Extra time tedious's own request timeout allows beyond ours, as a backstop. */
const DRIVER_TIMEOUT_SLACK_MS = 2_000;
const CATALOG_ROWS = 100_000;

interface Connected {
  mssql: MssqlModule;
  pool: ConnectionPool;
}

type RequestWithOverrides = (tx: Transaction, overrides: { requestTimeout?: number }) => MssqlRequest;
const requestOf: RequestWithOverrides = (tx, overrides) => (tx.request as unknown as (o: { requestTimeout?: number }) => MssqlRequest).call(tx, overrides);

/**
 * SQL Server through mssql (tedious; msnodesqlv8 for Windows integrated login on Windows). Every
 * read runs inside a transaction that is always rolled back, streamed row by row: the cap stops
 * the request instead of collecting the rest, a timeout or the client's cancel sends an attention.
 * Reads are SNAPSHOT transactions where the database allows them, READ COMMITTED otherwise (see
 * ReadIsolation), and each read statement starts with SET LOCK_TIMEOUT, so a read never waits
 * long behind a PACS writer. mssql sends every query as an sp_executesql call, so a USE or SET
 * inside it ends with it and never sticks to the pooled connection. Text parameters take the
 * type of the column they meet (sqlserver-parameters.ts). Production logins should still be
 * db_datareader: a rollback cannot undo EXEC xp_cmdshell (the guard refuses that).
 */
export class SqlServerConnector implements DatabaseConnector {
  readonly family = 'database' as const;
  readonly dialect = 'tsql' as const;
  readonly catalog: string;
  readonly inProcess = false;
  private readonly config: SqlServerConfig;
  /** One pool, or two when reads ask for ApplicationIntent=ReadOnly and writes must not. */
  private readonly pools = new Map<PoolPurpose, Promise<Connected>>();
  private isolation?: Promise<ReadIsolation>;
  private closed = false;

  constructor(
    private readonly record: Pick<ConnectionRecord, 'id' | 'role' | 'config'>,
    private readonly password: string | undefined,
    private readonly login: { ambientCredentials?: boolean } = {},
  ) {
    this.config = parseConnectionConfig('sqlserver', record.config) as SqlServerConfig;
    this.catalog = this.config.database;
  }

  get endpoint(): Endpoint {
    const c = this.config;
    return {
      connectionId: this.record.id,
      product: 'SQL Server',
      host: c.instance ? `${c.server}\\${c.instance}` : c.server,
      port: c.instance ? undefined : (c.port ?? DEFAULT_SQLSERVER_PORT),
      database: c.database,
      user: c.authentication === 'windows' ? undefined : c.domain && c.user ? `${c.domain}\\${c.user}` : c.user,
      connectTimeoutMs: c.connect_timeout_ms,
    };
  }

  private classify(err: unknown) {
    return classifySqlServerError(err, this.endpoint, this.config.authentication);
  }

  /** The pool for reads or writes, connected once; a failed connect is forgotten so the next call tries again. */
  private connect(purpose: PoolPurpose = 'read', signal?: AbortSignal): Promise<Connected> {
    if (this.closed) return Promise.reject(new Error(`Connection "${this.record.id}" was closed; call the tool again.`));
    const key: PoolPurpose = this.config.read_only_intent ? purpose : 'read';
    let connected = this.pools.get(key);
    if (!connected) {
      const attempt = (async () => {
        const choice = sqlServerDriverConfig(this.record.id, this.config, this.password, { ambientCredentials: this.login.ambientCredentials, purpose: key });
        const mssql = await loadSqlServerDriver(choice.driver);
        const pool = new mssql.ConnectionPool(choice.config as never);
        // Errors of idle pooled connections must not reach the process as unhandled events.
        pool.on('error', () => undefined);
        try {
          await pool.connect();
        } catch (err) {
          void pool.close().catch(() => undefined);
          const { failure, message } = this.classify(err);
          throw new SourceUnavailableError(failure, message);
        }
        return { mssql, pool };
      })();
      this.pools.set(key, attempt);
      attempt.catch(() => {
        if (this.pools.get(key) === attempt) this.pools.delete(key);
      });
      connected = attempt;
    }
    return abortable(connected, signal, () => undefined);
  }

  /**
   * How this database isolates reads, read once per connection from sys.databases (the current
   * database's own row is visible to every login).
   */
  readIsolation(signal?: AbortSignal): Promise<ReadIsolation> {
    if (!this.isolation) {
      const attempt = (async () => {
        const { pool } = await this.connect('read', signal);
        const result = await pool.request().batch(SQLSERVER_ISOLATION_SQL);
        return readIsolationFrom(result.recordset?.[0] as Row | undefined);
      })();
      this.isolation = attempt;
      attempt.catch(() => {
        if (this.isolation === attempt) this.isolation = undefined;
      });
    }
    return abortable(this.isolation, signal, () => undefined);
  }

  /** The database stopped allowing SNAPSHOT (error 3952): reads go READ COMMITTED from now on. */
  private snapshotRefused(): void {
    this.isolation = Promise.resolve({ level: 'read_committed', snapshotState: 'OFF', readCommittedSnapshot: null });
  }

  /** A read statement as sent: it waits at most lock_timeout_ms for a lock (the SET ends with the sp_executesql call). */
  private readText(sql: string, params: unknown[]): string {
    return `SET LOCK_TIMEOUT ${this.config.lock_timeout_ms}; ${translatePlaceholders(sql, params, 'tsql')}`;
  }

  /** A lock timeout in words; anything else unchanged. */
  private readError(err: unknown): unknown {
    return sqlServerErrorNumbers(err).includes(LOCK_TIMEOUT_ERROR) ? new SourceBusyError(this.record.id, this.config.lock_timeout_ms, { cause: err }) : err;
  }

  /** Begins a read transaction at the database's read isolation. */
  private async beginRead(signal: AbortSignal | undefined): Promise<{ tx: Transaction; mssql: MssqlModule }> {
    const isolation = await this.readIsolation(signal);
    const { mssql, pool } = await this.connect('read', signal);
    const tx = new mssql.Transaction(pool);
    const level = isolation.level === 'snapshot' ? mssql.ISOLATION_LEVEL.SNAPSHOT : mssql.ISOLATION_LEVEL.READ_COMMITTED;
    await abortable(tx.begin(level), signal, () => void tx.rollback().catch(() => undefined));
    return { tx, mssql };
  }

  /** Runs `work` in a read transaction that is rolled back whatever happens. */
  private async inRolledBackTransaction<T>(signal: AbortSignal | undefined, work: (tx: Transaction, mssql: MssqlModule) => Promise<T>): Promise<T> {
    const { tx, mssql } = await this.beginRead(signal);
    try {
      return await work(tx, mssql);
    } finally {
      // Already rolled back when the server aborted the transaction; that is fine too.
      await tx.rollback().catch(() => undefined);
    }
  }

  async test(): Promise<TestResult> {
    const started = performance.now();
    try {
      const { pool } = await this.connect('read');
      const result = await pool.request().query(SQLSERVER_TEST_SQL);
      const info = result.recordset[0] as Row;
      const warning = sqlServerLoginWarning(info, this.record.role);
      return {
        ok: true,
        latency_ms: performance.now() - started,
        server_version: sqlServerVersionLabel(String(info.product_version), info.edition as string | null),
        message: `Connected to "${String(info.database_name)}" on ${this.endpoint.host} as ${String(info.login_name)}.${warning}`,
      };
    } catch (err) {
      return failedTest(started, this.classify(err));
    }
  }

  async listTables(): Promise<TableInfo[]> {
    const { rows } = await this.query(SQLSERVER_LIST_TABLES_SQL, [], { maxRows: CATALOG_ROWS, timeoutMs: this.config.request_timeout_ms });
    return rows.map((r) => ({ catalog: this.catalog, schema: String(r.schema_name), name: String(r.name), type: r.kind === 'view' ? 'view' : 'table' }));
  }

  async describeTable(schema: string, name: string): Promise<ColumnInfo[]> {
    const { rows } = await this.query(SQLSERVER_DESCRIBE_TABLE_SQL, [schema, name], { maxRows: 10_000, timeoutMs: this.config.request_timeout_ms });
    return sqlServerColumns(rows);
  }

  async foreignKeys(): Promise<ForeignKeyInfo[]> {
    const { rows } = await this.query(SQLSERVER_FOREIGN_KEYS_SQL, [], { maxRows: CATALOG_ROWS, timeoutMs: this.config.request_timeout_ms });
    return groupForeignKeys(rows);
  }

  /** HAS_PERMS_BY_NAME for the login, one statement for every check; NULL (missing object) stays null. */
  async privileges(checks: readonly PrivilegeCheck[]): Promise<(boolean | null)[]> {
    if (checks.length === 0) return [];
    const quote = (part: string) => `[${part.replace(/]/g, ']]')}]`;
    const names = checks.map((c) => {
      const parts = c.object.includes('.') ? c.object.split('.') : ['dbo', c.object];
      return [...(c.database ? [c.database] : []), ...parts].map(quote).join('.');
    });
    const { rows } = await this.query(
      sqlServerPrivilegesSql(checks.length),
      checks.flatMap((c, i) => [i, names[i], c.privilege]),
      { maxRows: checks.length, timeoutMs: this.config.request_timeout_ms },
    );
    const byIndex = new Map(rows.map((r) => [Number(r.i), r.granted === null || r.granted === undefined ? null : Number(r.granted) === 1]));
    return checks.map((_, i) => byIndex.get(i) ?? null);
  }

  /** Version, how reads are isolated, the collation (searches ignore case only in a case-insensitive one), the compatibility level. */
  async facts(): Promise<DatabaseFacts> {
    const { rows: server } = await this.query(SQLSERVER_TEST_SQL, [], { maxRows: 1, timeoutMs: this.config.request_timeout_ms });
    const { rows: database } = await this.query(SQLSERVER_DATABASE_SQL, [], { maxRows: 1, timeoutMs: this.config.request_timeout_ms });
    const isolation = await this.readIsolation();
    const info = server[0] ?? {};
    const collation = String(database[0]?.collation_name ?? '?');
    const settings: DatabaseSetting[] = [
      {
        name: 'reads',
        value: isolation.level === 'snapshot' ? 'SNAPSHOT' : `READ COMMITTED${isolation.readCommittedSnapshot ? ' (row versions: READ_COMMITTED_SNAPSHOT ON)' : ''}`,
        ok: true,
        note:
          isolation.level === 'snapshot'
            ? 'ALLOW_SNAPSHOT_ISOLATION is ON: reads never wait for PACS writers.'
            : `ALLOW_SNAPSHOT_ISOLATION is ${isolation.snapshotState ?? 'unknown'}: reads wait at most ${this.config.lock_timeout_ms} ms for a lock, then say the rows are busy. A DBA can allow snapshot isolation (docs/sql-server.md, "Locking").`,
      },
      { name: 'lock_timeout_ms', value: String(this.config.lock_timeout_ms), ok: true },
      {
        name: 'collation',
        value: collation,
        ok: /_CI_/i.test(collation),
        note: /_CI_/i.test(collation) ? 'Case-insensitive: searches ignore case.' : 'Not case-insensitive: search_parcels matches text only in the case PACS stored it.',
      },
      { name: 'compatibility_level', value: String(database[0]?.compatibility_level ?? '?'), ok: Number(database[0]?.compatibility_level ?? 0) >= 110, note: 'TRY_CONVERT in the promotion procedures needs 110 (SQL Server 2012) or later.' },
    ];
    const loginWarning = sqlServerLoginWarning(info, this.record.role);
    if (loginWarning) settings.push({ name: 'login', value: String(info.login_name), ok: false, note: loginWarning.trim().replace(/^Warning: /, '') });
    return { version: sqlServerVersionLabel(String(info.product_version ?? '?'), info.edition as string | null), settings };
  }

  async query(sql: string, params: unknown[], options: QueryOptions): Promise<QueryResult> {
    const text = this.readText(sql, params);
    const timeoutMs = Math.min(options.timeoutMs, this.config.request_timeout_ms);
    const read = () =>
      this.inRolledBackTransaction(options.signal, (tx, mssql) => {
        const request = requestOf(tx, { requestTimeout: timeoutMs + DRIVER_TIMEOUT_SLACK_MS });
        bindParameters(mssql, request, sql, params);
        return collectCapped(request, text, options.maxRows, timeoutMs, options.signal);
      });
    try {
      return await read();
    } catch (err) {
      if (!sqlServerErrorNumbers(err).includes(SNAPSHOT_NOT_ALLOWED_ERROR)) throw this.readError(err);
      // A DBA turned snapshot isolation off while this connection was open: read again without it.
      this.snapshotRefused();
      return read().catch((again: unknown) => Promise.reject(this.readError(again)));
    }
  }

  async queryAll(sql: string, params: unknown[], options: Omit<QueryOptions, 'maxRows'>): Promise<Row[]> {
    return queryEveryRow(this, sql, params, options);
  }

  async *streamBatches(sql: string, params: unknown[], batchSize: number, signal?: AbortSignal): AsyncIterable<Row[]> {
    const text = this.readText(sql, params);
    const { tx, mssql } = await this.beginRead(signal);
    // The request timeout runs until the first rows arrive (tedious stops it then): a stream that
    // waits that long for a big sort or a lock is stopped; after that it is pulled batch by batch.
    const request = requestOf(tx, { requestTimeout: this.config.stream_timeout_ms });
    bindParameters(mssql, request, sql, params);
    const stream = new BatchStream(request, batchSize);
    const onAbort = () => stream.stop();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      stream.start(text);
      for (;;) {
        const batch = await stream.next().catch((err: unknown) => {
          if (sqlServerErrorNumbers(err).includes(SNAPSHOT_NOT_ALLOWED_ERROR)) this.snapshotRefused();
          throw this.readError(err);
        });
        if (signal?.aborted) throw new QueryCancelledError();
        if (!batch) break;
        yield batch;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await stream.stopAndWait();
      await tx.rollback().catch(() => undefined);
    }
  }

  async writeTransaction<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
    assertWritable(this.record, 'writing through this connection');
    return this.transaction(work);
  }

  /** A QA-signed promotion's EXEC of the allowlisted procedure (see SourceConnector.promotionTransaction). */
  async promotionTransaction<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
    return this.transaction(work);
  }

  private async transaction<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
    const { mssql, pool } = await this.connect('write');
    const tx = new mssql.Transaction(pool);
    await tx.begin(mssql.ISOLATION_LEVEL.READ_COMMITTED);
    const run = (sql: string, params: unknown[]) => {
      const request = requestOf(tx, {});
      bindParameters(mssql, request, sql, params);
      return request.query(translatePlaceholders(sql, params, 'tsql'));
    };
    let committed = false;
    try {
      const result = await work({
        execute: async (sql, params) => ({ rowsAffected: (await run(sql, params)).rowsAffected.reduce((a, b) => a + b, 0) }),
        query: async (sql, params) => {
          const { recordset } = await run(sql, params);
          if (!recordset) return [];
          const columns = orderedColumns(recordset.columns as unknown as Record<string, SqlServerColumnMeta>);
          return recordset.map((row: Row) => normalizeSqlServerRow(row, columns));
        },
      });
      await tx.commit();
      committed = true;
      return result;
    } catch (err) {
      // A procedure that ended the transaction (266, then 3902 on COMMIT) or refused with its own error.
      throw sqlServerWriteError(err, this.record.id);
    } finally {
      // Already rolled back when the server ended the transaction; that is fine too.
      if (!committed) await tx.rollback().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((connected) => connected.then((c) => c.pool.close()).catch(() => undefined)));
  }
}

const isCancelError = (err: unknown) => (err as { code?: string })?.code === 'ECANCEL';
const isTimeoutError = (err: unknown) => (err as { code?: string })?.code === 'ETIMEOUT';

/**
 * Streams the first result set into at most `maxRows` rows. One row past the cap marks the result
 * truncated and cancels the request; the rows after it are never kept.
 */
function collectCapped(request: MssqlRequest, text: string, maxRows: number, timeoutMs: number, signal?: AbortSignal): Promise<QueryResult> {
  return new Promise((resolve, reject) => {
    let columns: SqlServerColumnMeta[] = [];
    let names: string[] = [];
    let recordsets = 0;
    const rows: Row[] = [];
    let truncated = false;
    let stoppedBy: 'cap' | 'timeout' | 'cancel' | undefined;
    let firstError: unknown;
    const stop = (why: 'cap' | 'timeout' | 'cancel') => {
      if (stoppedBy) return;
      stoppedBy = why;
      request.cancel();
    };
    const timer = setTimeout(() => stop('timeout'), timeoutMs);
    const onAbort = () => stop('cancel');
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) stop('cancel');

    request.stream = true;
    // Rows as arrays: in object mode mssql folds columns sharing a name into one key.
    request.arrayRowMode = true;
    request.on('recordset', (meta: SqlServerColumnMeta[]) => {
      recordsets += 1;
      if (recordsets === 1) {
        columns = orderedColumns(meta);
        names = uniqueColumnNames(columns.map((c) => c.name));
      }
    });
    request.on('row', (row: unknown[]) => {
      if (stoppedBy || recordsets !== 1) return;
      if (rows.length === maxRows) {
        truncated = true;
        stop('cap');
        return;
      }
      rows.push(sqlServerRowFromValues(row, columns, names));
    });
    request.on('error', (err: unknown) => {
      firstError ??= err;
    });
    request.on('done', () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (stoppedBy === 'timeout' || (!stoppedBy && isTimeoutError(firstError))) reject(new QueryTimeoutError(timeoutMs));
      else if (stoppedBy === 'cancel') reject(new QueryCancelledError());
      else if (firstError !== undefined && !(stoppedBy === 'cap' && isCancelError(firstError))) reject(firstError);
      else resolve({ columns: names, rows, row_count: rows.length, truncated });
    });
    void request.query(text);
  });
}

/**
 * Rows of the first result set in batches, with backpressure: the request is paused while a full
 * batch waits for the consumer and resumed when the consumer asks for more.
 */
class BatchStream {
  private columns: SqlServerColumnMeta[] = [];
  private recordsets = 0;
  private batch: Row[] = [];
  private readonly ready: Row[][] = [];
  private done = false;
  private stopped = false;
  private error: unknown;
  private wake?: () => void;
  private finished: Promise<void>;
  private markFinished!: () => void;

  constructor(
    private readonly request: MssqlRequest,
    private readonly batchSize: number,
  ) {
    this.finished = new Promise((resolve) => (this.markFinished = resolve));
    request.stream = true;
    request.on('recordset', (meta: Record<string, SqlServerColumnMeta>) => {
      this.recordsets += 1;
      if (this.recordsets === 1) this.columns = orderedColumns(meta);
    });
    request.on('row', (row: Row) => {
      if (this.stopped || this.recordsets !== 1) return;
      this.batch.push(normalizeSqlServerRow(row, this.columns));
      if (this.batch.length >= this.batchSize) {
        this.ready.push(this.batch);
        this.batch = [];
        request.pause();
        this.notify();
      }
    });
    request.on('error', (err: unknown) => {
      this.error ??= err;
    });
    request.on('done', () => {
      if (this.batch.length && !this.stopped) this.ready.push(this.batch);
      this.batch = [];
      this.done = true;
      this.markFinished();
      this.notify();
    });
  }

  start(text: string): void {
    void this.request.query(text);
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  async next(): Promise<Row[] | undefined> {
    for (;;) {
      const batch = this.ready.shift();
      if (batch) {
        // Produce the next batch while the consumer works on this one.
        if (this.ready.length === 0 && !this.done) this.request.resume();
        return batch;
      }
      if (this.error !== undefined && !(this.stopped && isCancelError(this.error))) throw this.error;
      if (this.done) return undefined;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  stop(): void {
    if (this.stopped || this.done) return;
    this.stopped = true;
    this.request.cancel();
    this.request.resume();
    this.notify();
  }

  async stopAndWait(): Promise<void> {
    this.stop();
    await this.finished;
  }
}
