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
  type QueryOptions,
  type QueryResult,
  type Row,
  type TableInfo,
  type TestResult,
  type WriteTx,
} from '../connector.js';
import { translatePlaceholders, tsqlParameterName } from '../placeholders.js';
import { uniqueColumnNames } from '../result-columns.js';
import {
  normalizeSqlServerRow,
  orderedColumns,
  sqlServerColumns,
  sqlServerRowFromValues,
  sqlServerLoginWarning,
  sqlServerVersionLabel,
  SQLSERVER_DESCRIBE_TABLE_SQL,
  SQLSERVER_FOREIGN_KEYS_SQL,
  SQLSERVER_LIST_TABLES_SQL,
  SQLSERVER_TEST_SQL,
  type SqlServerColumnMeta,
} from './sqlserver-catalog.js';
import { classifySqlServerError } from './sqlserver-errors.js';
import { loadSqlServerDriver, type MssqlModule } from './sqlserver-driver.js';
import { DEFAULT_SQLSERVER_PORT, sqlServerDriverConfig, type SqlServerConfig } from './sqlserver-options.js';

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
 * mssql sends every query as an sp_executesql call, so a USE or SET inside it ends with it and
 * never sticks to the pooled connection. Production logins should still be db_datareader: a
 * rollback cannot undo EXEC xp_cmdshell (the guard refuses that).
 */
export class SqlServerConnector implements DatabaseConnector {
  readonly family = 'database' as const;
  readonly dialect = 'tsql' as const;
  readonly catalog: string;
  readonly inProcess = false;
  private readonly config: SqlServerConfig;
  private connected?: Promise<Connected>;
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

  /** The pool, connected once; a failed connect is forgotten so the next call tries again. */
  private connect(signal?: AbortSignal): Promise<Connected> {
    if (this.closed) return Promise.reject(new Error(`Connection "${this.record.id}" was closed; call the tool again.`));
    if (!this.connected) {
      const attempt = (async () => {
        const choice = sqlServerDriverConfig(this.record.id, this.config, this.password, { ambientCredentials: this.login.ambientCredentials });
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
      this.connected = attempt;
      attempt.catch(() => {
        if (this.connected === attempt) this.connected = undefined;
      });
    }
    return abortable(this.connected, signal, () => undefined);
  }

  /** Runs `work` in a transaction that is rolled back whatever happens. */
  private async inRolledBackTransaction<T>(signal: AbortSignal | undefined, work: (tx: Transaction, mssql: MssqlModule) => Promise<T>): Promise<T> {
    const { mssql, pool } = await this.connect(signal);
    const tx = new mssql.Transaction(pool);
    await abortable(tx.begin(mssql.ISOLATION_LEVEL.READ_COMMITTED), signal, () => void tx.rollback().catch(() => undefined));
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
      const { pool } = await this.connect();
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

  async query(sql: string, params: unknown[], options: QueryOptions): Promise<QueryResult> {
    const text = translatePlaceholders(sql, params, 'tsql');
    const timeoutMs = Math.min(options.timeoutMs, this.config.request_timeout_ms);
    return this.inRolledBackTransaction(options.signal, (tx) => {
      const request = requestOf(tx, { requestTimeout: timeoutMs + DRIVER_TIMEOUT_SLACK_MS });
      bindParameters(request, params);
      return collectCapped(request, text, options.maxRows, timeoutMs, options.signal);
    });
  }

  async queryAll(sql: string, params: unknown[], options: Omit<QueryOptions, 'maxRows'>): Promise<Row[]> {
    return queryEveryRow(this, sql, params, options);
  }

  async *streamBatches(sql: string, params: unknown[], batchSize: number, signal?: AbortSignal): AsyncIterable<Row[]> {
    const text = translatePlaceholders(sql, params, 'tsql');
    const { mssql, pool } = await this.connect(signal);
    const tx = new mssql.Transaction(pool);
    await tx.begin(mssql.ISOLATION_LEVEL.READ_COMMITTED);
    // No request timeout: a sync may stream a big table for a long time, pulled batch by batch.
    const request = requestOf(tx, { requestTimeout: 0 });
    bindParameters(request, params);
    const stream = new BatchStream(request, batchSize);
    const onAbort = () => stream.stop();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      stream.start(text);
      for (;;) {
        const batch = await stream.next();
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
    const { mssql, pool } = await this.connect();
    const tx = new mssql.Transaction(pool);
    await tx.begin(mssql.ISOLATION_LEVEL.READ_COMMITTED);
    const run = (sql: string, params: unknown[]) => {
      const request = requestOf(tx, {});
      bindParameters(request, params);
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
    } finally {
      if (!committed) await tx.rollback().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const connected = this.connected;
    this.connected = undefined;
    if (connected) await connected.then((c) => c.pool.close()).catch(() => undefined);
  }
}

function bindParameters(request: MssqlRequest, params: unknown[]): void {
  params.forEach((value, i) => request.input(tsqlParameterName(i), value ?? null));
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
