import { isIP } from 'node:net';
import type { CustomTypesConfig, FieldDef, Pool, PoolClient } from 'pg';
import type CursorType from 'pg-cursor';
import { parseConnectionConfig, type ConnectionConfig } from '../../connections/connection-config.js';
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
  type PrivilegeCheck,
  type QueryOptions,
  type QueryResult,
  type Row,
  type TableInfo,
  type TestResult,
  type WriteTx,
} from '../connector.js';
import { translatePlaceholders } from '../placeholders.js';
import { CappedRead, type CappedReadDriver } from './postgres-capped-read.js';
import { classifyPostgresError } from './postgres-errors.js';
import { loadPostgresDriver, postgresTypeParsers, sendCancelRequest } from './postgres-driver.js';

export type PostgresConfig = ConnectionConfig<'postgres'>;

const POOL_SIZE = 8;
/** After a cancel request, how long the server gets to stop before the socket is cut. */
const KILL_GRACE_MS = 5_000;
/** Rows per fetch when listing catalogs. */
const CATALOG_ROWS = 100_000;

interface Driver {
  pool: Pool;
  Cursor: typeof CursorType;
  capped: CappedReadDriver;
  types: CustomTypesConfig;
}

interface Lease {
  client: PoolClient;
  release(destroy: boolean): void;
}

/**
 * Every read runs in `BEGIN TRANSACTION READ ONLY` and is rolled back, on the extended protocol:
 * one statement per call (the server refuses stacked statements there), rows fetched only up to
 * the cap, never materialised. query() does it in one round trip with `SET LOCAL
 * statement_timeout` (postgres-capped-read.ts); streams open the transaction here, then fetch
 * from a cursor batch by batch.
 */
// The SELECT takes the transaction's first snapshot: from then on nothing in the user's statement
// can switch the transaction back to READ WRITE.
const STREAM_BEGIN = 'BEGIN TRANSACTION READ ONLY; SELECT 1';

const LIST_TABLES_SQL = `
  SELECT table_schema AS schema_name, table_name AS name, CASE WHEN table_type = 'VIEW' THEN 'view' ELSE 'table' END AS kind
    FROM information_schema.tables
   WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg\\_%'
  UNION ALL
  SELECT schemaname, matviewname, 'view' FROM pg_catalog.pg_matviews WHERE schemaname NOT LIKE 'pg\\_%'
  ORDER BY 1, 2`;

const DESCRIBE_TABLE_SQL = `
  SELECT a.attname AS name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable,
         EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY (i.indkey)) AS primary_key
    FROM pg_catalog.pg_attribute a
    JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
   ORDER BY a.attnum`;

const FOREIGN_KEYS_SQL = `
  SELECT ns.nspname AS schema_name, cl.relname AS table_name, c.conname AS fk, k.ord AS seq, a.attname AS from_col,
         rns.nspname AS ref_schema, rcl.relname AS ref_table, ra.attname AS to_col
    FROM pg_catalog.pg_constraint c
    JOIN pg_catalog.pg_class cl ON cl.oid = c.conrelid
    JOIN pg_catalog.pg_namespace ns ON ns.oid = cl.relnamespace
    JOIN pg_catalog.pg_class rcl ON rcl.oid = c.confrelid
    JOIN pg_catalog.pg_namespace rns ON rns.oid = rcl.relnamespace
    CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(attnum, refnum, ord)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
    JOIN pg_catalog.pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = k.refnum
   WHERE c.contype = 'f' AND ns.nspname NOT IN ('pg_catalog', 'information_schema')
   ORDER BY 1, 2, 3, 4`;

export class PostgresConnector implements DatabaseConnector {
  readonly family = 'database' as const;
  readonly dialect = 'postgres' as const;
  readonly catalog: string;
  readonly inProcess = false;
  private readonly config: PostgresConfig;
  private driverReady?: Promise<Driver>;
  private closed = false;

  constructor(
    private readonly record: Pick<ConnectionRecord, 'id' | 'role' | 'config'>,
    private readonly password: string | undefined,
    private readonly login: { ambientCredentials?: boolean } = {},
  ) {
    this.config = parseConnectionConfig('postgres', record.config) as PostgresConfig;
    this.catalog = this.config.database;
  }

  get endpoint(): Endpoint {
    const c = this.config;
    return { connectionId: this.record.id, product: 'PostgreSQL', host: c.host, port: c.port, database: c.database, user: c.user, connectTimeoutMs: c.connect_timeout_ms };
  }

  private driver(): Promise<Driver> {
    this.driverReady ??= loadPostgresDriver().then(({ pg, Client, Cursor, capped }) => {
      const c = this.config;
      const types = postgresTypeParsers(pg);
      const pool = new pg.Pool({
        host: c.host,
        port: c.port,
        database: c.database,
        user: c.user,
        password: this.passwordOption(),
        ssl: c.ssl === 'disable' ? false : c.ssl === 'require' ? { rejectUnauthorized: false } : { rejectUnauthorized: true, ...(isIP(c.host) ? {} : { servername: c.host }) },
        connectionTimeoutMillis: c.connect_timeout_ms,
        max: POOL_SIZE,
        idleTimeoutMillis: 30_000,
        allowExitOnIdle: true,
        application_name: 'PACS MCP',
        keepAlive: true,
        types,
        Client,
      });
      // An idle connection that dies (server restart, network) is dropped by the pool; the
      // event must not reach the process as an unhandled 'error'.
      pool.on('error', () => undefined);
      return { pool, Cursor, capped, types };
    });
    return this.driverReady;
  }

  /**
   * What pg is given as the password. Given nothing, pg would fall back to PGPASSWORD and the
   * matching ~/.pgpass entry and send them to whatever host the connection names; a function
   * stops that fallback. It is asked only when the server wants a password: the stored one, or
   * (when a person allowed it for this connection) the computer's own.
   */
  private passwordOption(): string | (() => string) | undefined {
    if (this.password !== undefined) return this.password;
    if (this.login.ambientCredentials) return undefined;
    const id = this.record.id;
    return () => {
      throw new SourceUnavailableError(
        'login',
        `PostgreSQL asks for a password and none is stored for connection "${id}". The user stores it with \`pacs-mcp connections set-password ${id}\` or in the PACS MCP app ` +
          '(the PGPASSWORD variable and .pgpass are used only when the user turns that on for the connection).',
      );
    };
  }

  private async acquire(signal?: AbortSignal): Promise<Lease> {
    if (this.closed) throw new Error(`Connection "${this.record.id}" was closed; call the tool again.`);
    const { pool } = await this.driver();
    let client: PoolClient;
    try {
      client = await abortable(pool.connect(), signal, (late) => late.release());
    } catch (err) {
      if (err instanceof QueryCancelledError) throw err;
      const { failure, message } = classifyPostgresError(err, this.endpoint);
      throw new SourceUnavailableError(failure, message);
    }
    // Between our statements a checked-out client has no query to report an error to.
    const onError = () => undefined;
    client.on('error', onError);
    return {
      client,
      release: (destroy) => {
        client.off('error', onError);
        client.release(destroy || undefined);
      },
    };
  }

  /** Stops a running statement on timeout or cancel: a cancel request first, then the socket. */
  private stopper(client: PoolClient, timeoutMs: number | null, signal?: AbortSignal) {
    let stoppedBy: 'timeout' | 'cancel' | undefined;
    let killed = false;
    let killTimer: NodeJS.Timeout | undefined;
    const backend = client as unknown as { processID?: number; secretKey?: number; connection?: { stream?: { destroy(): void } } };
    const stop = (why: 'timeout' | 'cancel') => {
      stoppedBy ??= why;
      if (backend.processID !== undefined && backend.secretKey !== undefined) {
        void sendCancelRequest(this.config.host, this.config.port, backend.processID, backend.secretKey);
      }
      killTimer ??= setTimeout(() => {
        killed = true;
        backend.connection?.stream?.destroy();
      }, KILL_GRACE_MS);
    };
    const onAbort = () => stop('cancel');
    signal?.addEventListener('abort', onAbort, { once: true });
    // statement_timeout stops the statement on the server; this fires only if the server itself stops answering.
    const watchdog = timeoutMs === null ? undefined : setTimeout(() => stop('timeout'), timeoutMs + 1_000);
    return {
      get killed() {
        return killed;
      },
      translate(err: unknown): unknown {
        if (stoppedBy === 'cancel') return new QueryCancelledError();
        const code = (err as { code?: string })?.code;
        if (stoppedBy === 'timeout' || (code === '57014' && /statement timeout/i.test((err as Error).message))) return new QueryTimeoutError(timeoutMs ?? 0);
        return err;
      },
      dispose() {
        signal?.removeEventListener('abort', onAbort);
        clearTimeout(watchdog);
        clearTimeout(killTimer);
      },
    };
  }

  /** Ends the read transaction; a connection that cannot is destroyed rather than reused. */
  private async finish(lease: Lease, forceDestroy: boolean): Promise<void> {
    const rolledBack = forceDestroy ? false : await lease.client.query('ROLLBACK').then(() => true, () => false);
    lease.release(!rolledBack);
  }

  async test(): Promise<TestResult> {
    const started = performance.now();
    try {
      const lease = await this.acquire();
      try {
        const { rows } = await lease.client.query(
          "SELECT current_setting('server_version') AS version, current_database() AS db, current_user AS login, (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) AS superuser",
        );
        const info = rows[0] as { version: string; db: string; login: string; superuser: boolean };
        const warning = info.superuser
          ? ' Warning: this connection logs in as a superuser, which can read password hashes and server files whatever the connection\'s role; give it a login that can only read (SELECT on the PACS tables).'
          : '';
        lease.release(false);
        return {
          ok: true,
          latency_ms: performance.now() - started,
          server_version: `PostgreSQL ${info.version}`,
          message: `Connected to "${info.db}" on ${this.config.host}:${this.config.port} as "${info.login}".${warning}`,
        };
      } catch (err) {
        lease.release(true);
        throw err;
      }
    } catch (err) {
      return failedTest(started, classifyPostgresError(err, this.endpoint));
    }
  }

  async listTables(): Promise<TableInfo[]> {
    const { rows } = await this.query(LIST_TABLES_SQL, [], { maxRows: CATALOG_ROWS, timeoutMs: this.config.statement_timeout_ms });
    return rows.map((r) => ({ catalog: this.catalog, schema: String(r.schema_name), name: String(r.name), type: r.kind === 'view' ? 'view' : 'table' }));
  }

  async describeTable(schema: string, name: string): Promise<ColumnInfo[]> {
    const describe = async (n: string) =>
      (await this.query(DESCRIBE_TABLE_SQL, [schema, n], { maxRows: 10_000, timeoutMs: this.config.statement_timeout_ms })).rows;
    let rows = await describe(name);
    // Unquoted names are folded to lower case by PostgreSQL: "Property" means property.
    if (rows.length === 0 && name !== name.toLowerCase()) rows = await describe(name.toLowerCase());
    return rows.map((r) => ({ name: String(r.name), type: String(r.type), nullable: r.nullable === true, primary_key: r.primary_key === true }));
  }

  /** has_table_privilege / has_function_privilege for the connection's login; null for what does not exist. */
  async privileges(checks: readonly PrivilegeCheck[]): Promise<(boolean | null)[]> {
    if (checks.length === 0) return [];
    const rows: string[] = [];
    const params: unknown[] = [];
    checks.forEach((check, i) => {
      if (check.database) return;
      const [schema, name] = check.object.includes('.') ? check.object.split('.', 2) : ['public', check.object];
      rows.push('(?, ?, ?, ?)');
      params.push(i, schema, name, check.privilege);
    });
    if (rows.length === 0) return checks.map(() => null);
    const { rows: answers } = await this.query(
      `SELECT c.i, CASE WHEN c.priv = 'EXECUTE'
                     THEN (SELECT has_function_privilege(p.oid, 'EXECUTE') FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = c.sch AND p.proname = c.obj LIMIT 1)
                     ELSE CASE WHEN to_regclass(quote_ident(c.sch) || '.' || quote_ident(c.obj)) IS NULL THEN NULL
                               ELSE has_table_privilege(to_regclass(quote_ident(c.sch) || '.' || quote_ident(c.obj)), c.priv) END
                END AS granted
         FROM (VALUES ${rows.join(', ')}) AS c(i, sch, obj, priv)`,
      params.map((p) => (typeof p === 'number' ? p : String(p))),
      { maxRows: checks.length, timeoutMs: this.config.statement_timeout_ms },
    );
    const byIndex = new Map(answers.map((r) => [Number(r.i), r.granted === null || r.granted === undefined ? null : r.granted === true]));
    return checks.map((_, i) => byIndex.get(i) ?? null);
  }

  async facts(): Promise<DatabaseFacts> {
    const { rows } = await this.query(
      "SELECT current_setting('server_version') AS version, current_setting('default_transaction_isolation') AS isolation, current_setting('server_encoding') AS encoding",
      [],
      { maxRows: 1, timeoutMs: this.config.statement_timeout_ms },
    );
    const r = rows[0] ?? {};
    return {
      version: `PostgreSQL ${String(r.version)}`,
      settings: [
        { name: 'default_transaction_isolation', value: String(r.isolation), ok: true, note: 'Reads are READ ONLY transactions; PostgreSQL readers never wait for writers.' },
        { name: 'server_encoding', value: String(r.encoding), ok: String(r.encoding).toUpperCase() === 'UTF8', note: 'UTF8 holds every character PACS text may carry.' },
      ],
    };
  }

  async foreignKeys(): Promise<ForeignKeyInfo[]> {
    const { rows } = await this.query(FOREIGN_KEYS_SQL, [], { maxRows: CATALOG_ROWS, timeoutMs: this.config.statement_timeout_ms });
    return groupForeignKeys(rows);
  }

  async query(sql: string, params: unknown[], options: QueryOptions): Promise<QueryResult> {
    if (sql.includes('\0')) throw new Error('The SQL contains a NUL character, which PostgreSQL cannot receive. Remove it and try again.');
    const text = translatePlaceholders(sql, params, 'postgres');
    const timeoutMs = Math.min(options.timeoutMs, this.config.statement_timeout_ms);
    const { capped, types } = await this.driver();
    const lease = await this.acquire(options.signal);
    const stopper = this.stopper(lease.client, timeoutMs, options.signal);
    let clean = false;
    try {
      const read = new CappedRead(text, params, options.maxRows, timeoutMs, types, capped);
      lease.client.query(read as never);
      const { rows, columns, truncated } = await read.done;
      clean = true;
      return { columns, rows, row_count: rows.length, truncated };
    } catch (err) {
      throw stopper.translate(err);
    } finally {
      stopper.dispose();
      // A read that completed already rolled back inside its round trip.
      if (clean && !stopper.killed) lease.release(false);
      else await this.finish(lease, stopper.killed);
    }
  }

  async queryAll(sql: string, params: unknown[], options: Omit<QueryOptions, 'maxRows'>): Promise<Row[]> {
    return queryEveryRow(this, sql, params, options);
  }

  async *streamBatches(sql: string, params: unknown[], batchSize: number, signal?: AbortSignal): AsyncIterable<Row[]> {
    if (sql.includes('\0')) throw new Error('The SQL contains a NUL character, which PostgreSQL cannot receive. Remove it and try again.');
    const text = translatePlaceholders(sql, params, 'postgres');
    const { Cursor, types } = await this.driver();
    const lease = await this.acquire(signal);
    // No statement timeout: a sync of a big table may stream for a long time, pulled batch by batch.
    const stopper = this.stopper(lease.client, null, signal);
    let cursor: CursorType | undefined;
    let cursorFailed = false;
    try {
      await lease.client.query(STREAM_BEGIN);
      cursor = lease.client.query(new Cursor(text, params, { types }));
      for (;;) {
        if (signal?.aborted) throw new QueryCancelledError();
        const { rows } = await readBatch(cursor, batchSize).catch((err: unknown) => {
          cursorFailed = true;
          throw err;
        });
        if (rows.length === 0) break;
        yield rows;
        if (rows.length < batchSize) break;
      }
    } catch (err) {
      throw stopper.translate(err);
    } finally {
      stopper.dispose();
      // A cursor that failed has already ended its portal; closing one that did not (the
      // consumer stopped early, or cancelled between batches) tells the server to stop producing
      // rows, and lets the ROLLBACK after it run.
      if (!cursorFailed) await cursor?.close().catch(() => undefined);
      await this.finish(lease, stopper.killed);
    }
  }

  async writeTransaction<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
    assertWritable(this.record, 'writing through this connection');
    return this.transaction(work);
  }

  /** A QA-signed promotion's allowlisted statements (see SourceConnector.promotionTransaction). */
  async promotionTransaction<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
    return this.transaction(work);
  }

  private async transaction<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
    const { types } = await this.driver();
    const lease = await this.acquire();
    const run = (sql: string, params: unknown[]) => lease.client.query({ text: translatePlaceholders(sql, params, 'postgres'), values: params, types });
    let committed = false;
    try {
      await lease.client.query(`BEGIN; SET LOCAL statement_timeout = ${this.config.statement_timeout_ms}`);
      const result = await work({
        execute: async (sql, params) => ({ rowsAffected: (await run(sql, params)).rowCount ?? 0 }),
        query: async (sql, params) => (await run(sql, params)).rows as Row[],
      });
      await lease.client.query('COMMIT');
      committed = true;
      return result;
    } finally {
      if (committed) lease.release(false);
      else await this.finish(lease, false);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const driver = this.driverReady;
    this.driverReady = undefined;
    if (driver) await driver.then((d) => d.pool.end()).catch(() => undefined);
  }
}

function readBatch(cursor: CursorType, count: number): Promise<{ rows: Row[]; fields: FieldDef[] }> {
  return new Promise((resolve, reject) => {
    cursor.read(count, (err, rows, result) => (err ? reject(err) : resolve({ rows: rows as Row[], fields: result?.fields ?? [] })));
  });
}
