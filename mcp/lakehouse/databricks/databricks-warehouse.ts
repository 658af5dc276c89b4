import path from 'node:path';
import type { DBSQLClient } from '@databricks/sql';
import { queryEveryRow, type ColumnInfo, type ConnectorContext, type QueryOptions, type QueryResult, type Row, type TableInfo, type TestResult } from '../../connectors/connector.js';
import type { ConnectionRecord } from '../../connections/connection-types.js';
import { secretAccount, type SecretStore } from '../../credentials/credentials.js';
import { assertReadOnly } from '../../guard/read-only-guard.js';
import { logError } from '../../util/log.js';
import { lakeTypeFromDeclared, type LakeColumn } from '../lake-types.js';
import { isLayer, type Layer } from '../names.js';
import type { LoadRequest, LoadResult, MaterializeRequest, WarehouseConnector, WarehouseTable } from '../warehouse.js';
import { WarehouseRegistry } from '../warehouse-registry.js';
import { assertCatalogScope } from './catalog-scope.js';
import { connectOptions, databricksSettings, sessionRequest, type DatabricksSettings } from './databricks-config.js';
import { DatabricksError, translateDatabricksError } from './errors.js';
import { renamedByPosition, resultColumnNames, resultRow, type DriverColumn } from './result-rows.js';
import { StagingArea } from './staging.js';
import * as sql from './statements.js';

type IDBSQLSession = import('@databricks/sql/dist/contracts/IDBSQLSession.js').default;
type IOperation = import('@databricks/sql/dist/contracts/IOperation.js').default;

const QUERY_SESSION_TIMEOUT_S = 60;
const FETCH_CHUNK = 10_000;

/** The driver's log lines go to stderr (stdout carries the MCP protocol), warnings and errors only. */
const stderrLogger = {
  log(level: string, message: string) {
    if (level === 'error' || level === 'warn') process.stderr.write(`[pacs-mcp] databricks ${level}: ${message}\n`);
  },
};

/**
 * Databricks SQL as a warehouse: tables `tenant_{id}.{bronze|silver|gold}.*` in Unity Catalog.
 * Loads PUT a local Parquet file into a Unity Catalog volume (the driver may read only our
 * private staging folder), then build the bronze table over it with read_files.
 */
export class DatabricksWarehouse implements WarehouseConnector {
  readonly family = 'warehouse' as const;
  readonly warehouseKind = 'databricks' as const;
  readonly dialect = 'databricks' as const;
  readonly catalog: string;
  readonly inProcess = false;
  readonly location: string;
  private client?: Promise<DBSQLClient>;
  private sessions = new Map<'query' | 'load', Promise<IDBSQLSession>>();
  private readonly registry: WarehouseRegistry;

  private constructor(
    private readonly settings: DatabricksSettings,
    private readonly secret: () => Promise<string>,
    private readonly context: ConnectorContext,
  ) {
    this.catalog = settings.catalog;
    this.location = `databricks:${settings.connectionId}`;
    this.registry = new WarehouseRegistry(context.store);
  }

  static fromConnection(record: ConnectionRecord, secrets: SecretStore, context: ConnectorContext): DatabricksWarehouse {
    const settings = databricksSettings(record, context.tenantId);
    const secret = async () => {
      const value = await secrets.get(secretAccount.connection(record.id));
      if (!value) {
        throw new DatabricksError(
          `Connection "${record.id}" has no ${settings.auth === 'oauth-m2m' ? 'OAuth secret' : 'access token'} in the keychain. ` +
            `Store it with \`pacs-mcp connections set-password ${record.id}\` or in the PACS MCP app.`,
          'login',
          'no secret',
        );
      }
      return value;
    };
    return new DatabricksWarehouse(settings, secret, context);
  }

  get tenantId(): string {
    return this.settings.tenantId;
  }

  qualifiedName(layer: Layer, name: string): string {
    return `${this.catalog}.${layer}.${name}`;
  }

  sqlName(layer: Layer, name: string): string {
    return sql.tableRef(this.catalog, layer, name);
  }

  workDir(jobId: string): string {
    return path.join(this.context.dataDir, 'lakehouse', '.work', jobId);
  }

  async test(): Promise<TestResult> {
    const started = performance.now();
    try {
      const result = await this.run('query', 'SELECT current_version().dbsql_version AS version', [], { maxRows: 1, timeoutMs: 30_000 });
      await this.run('query', `SELECT 1 FROM ${sql.bt(this.catalog)}.information_schema.schemata LIMIT 1`, [], { maxRows: 1, timeoutMs: 30_000 });
      return {
        ok: true,
        latency_ms: performance.now() - started,
        server_version: `Databricks SQL ${String(result.rows[0]?.version ?? '')}`.trim(),
        message: `Connected to ${this.settings.host}; catalog ${this.catalog} is reachable.`,
      };
    } catch (err) {
      const translated = this.translate(err);
      const failure = translated instanceof DatabricksError ? translated.failure : 'other';
      const known = ['dns', 'refused', 'tls', 'login', 'database_missing', 'timeout', 'file_missing', 'other'] as const;
      return { ok: false, latency_ms: performance.now() - started, failure: (known as readonly string[]).includes(failure) ? (failure as TestResult['failure']) : 'other', message: translated.message };
    }
  }

  async listTables(): Promise<TableInfo[]> {
    const result = await this.run('query', sql.listLayerTables(this.catalog), [], { maxRows: 100_000, timeoutMs: 30_000 });
    return result.rows.map((r) => ({
      catalog: this.catalog,
      schema: String(r.table_schema),
      name: String(r.table_name),
      type: /VIEW/i.test(String(r.table_type)) ? ('view' as const) : ('table' as const),
    }));
  }

  async describeTable(schema: string, name: string): Promise<ColumnInfo[]> {
    const result = await this.run('query', sql.tableColumns(this.catalog), [schema.toLowerCase(), name.toLowerCase()], { maxRows: 10_000, timeoutMs: 30_000 });
    return result.rows.map((r) => ({ name: String(r.column_name), type: String(r.full_data_type ?? r.data_type), nullable: String(r.is_nullable) !== 'NO', primary_key: false }));
  }

  async listLayerTables(layer?: Layer): Promise<WarehouseTable[]> {
    const known = new Map((await this.registry.list(this.location)).map((t) => [`${t.layer}.${t.name}`, t]));
    const tables = (await this.listTables()).filter((t) => isLayer(t.schema) && (!layer || t.schema === layer));
    const out: WarehouseTable[] = [];
    for (const t of tables) {
      const entry = known.get(`${t.schema}.${t.name}`);
      out.push({
        layer: t.schema as Layer,
        name: t.name,
        qualified_name: this.qualifiedName(t.schema as Layer, t.name),
        row_count: entry?.row_count ?? null,
        column_count: entry?.columns.length ?? (await this.describeTable(t.schema, t.name)).length,
        updated_at: entry?.updated_at ?? null,
        source: entry?.source ?? null,
      });
    }
    return out;
  }

  async tableColumns(layer: Layer, name: string): Promise<LakeColumn[] | null> {
    const columns = await this.describeTable(layer, name);
    if (columns.length === 0) return null;
    return columns.map((c) => ({ name: c.name, type: lakeTypeFromDeclared('databricks', c.type), nullable: c.nullable }));
  }

  /**
   * Databricks has no read-only session, so besides the caller's guard the connector checks
   * every query itself: one read-only statement (the guard's Databricks dialect), inside the
   * tenant's catalog. Loads never come through here.
   */
  async query(text: string, params: unknown[], options: QueryOptions): Promise<QueryResult> {
    await assertReadOnly(text, 'databricks');
    assertCatalogScope(text, this.catalog);
    return this.run('query', text, params, options);
  }

  async queryAll(text: string, params: unknown[], options: Omit<QueryOptions, 'maxRows'>): Promise<Row[]> {
    return queryEveryRow(this, text, params, options);
  }

  async *streamBatches(text: string, params: unknown[], batchSize: number, signal?: AbortSignal): AsyncIterable<Row[]> {
    await assertReadOnly(text, 'databricks');
    assertCatalogScope(text, this.catalog);
    const session = await this.session('query');
    let operation: IOperation | undefined;
    const onAbort = () => void operation?.cancel().catch(() => undefined);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const execute = async (statement: string) => {
        operation = await session.executeStatement(statement, { ordinalParameters: params as never[] });
        return ((await operation.getSchema().catch(() => null))?.columns ?? []) as DriverColumn[];
      };
      const schema = await execute(text);
      const columns = resultColumnNames(schema);
      const renamed = renamedByPosition(text, schema, columns);
      if (renamed) {
        await operation!.close().catch(() => undefined);
        await execute(renamed);
      }
      for (;;) {
        const chunk = (await operation!.fetchChunk({ maxRows: batchSize, disableBuffering: true })) as Row[];
        if (chunk.length > 0) yield chunk.map((row) => resultRow(schema.length ? columns : Object.keys(row), row));
        if (!(await operation!.hasMoreRows())) break;
      }
    } catch (err) {
      throw this.translate(err);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await operation?.close().catch(() => undefined);
    }
  }

  async load(request: LoadRequest): Promise<LoadResult> {
    const staging = StagingArea.create();
    const fileName = `${request.name}-${request.file.sha256.slice(0, 16)}.parquet`;
    const volumeFile = sql.volumePath(this.catalog, request.layer, this.settings.volume, [request.jobId, fileName]);
    const action = `loading ${this.qualifiedName(request.layer, request.name)}`;
    try {
      const local = staging.adopt(request.file.path, fileName);
      await this.exec(sql.createSchema(this.catalog, request.layer), action);
      await this.exec(sql.createVolume(this.catalog, request.layer, this.settings.volume), action);
      await this.stage(sql.putFile(local, volumeFile), action, staging.allowedLocalPaths);
      const exists = (await this.tableColumns(request.layer, request.name)) !== null;
      if (request.mode === 'append' && exists) {
        await this.exec(sql.appendFromFile(this.catalog, request.layer, request.name, volumeFile, request.file.columns), action);
      } else {
        await this.exec(sql.replaceTableFromFile(this.catalog, request.layer, request.name, volumeFile), action);
      }
      await this.stage(sql.removeFile(volumeFile), action, staging.allowedLocalPaths).catch((err) => logError(`removing ${volumeFile}`, err));
    } finally {
      staging.dispose();
    }
    return this.recorded(request.layer, request.name, request.source, request.jobId, request.file.columns);
  }

  async materialize(request: MaterializeRequest): Promise<LoadResult> {
    const action = `building ${this.qualifiedName(request.layer, request.name)}`;
    await this.exec(sql.createSchema(this.catalog, request.layer), action);
    await this.exec(sql.replaceTableAs(this.catalog, request.layer, request.name, request.select), action);
    const columns = (await this.tableColumns(request.layer, request.name)) ?? [];
    return this.recorded(request.layer, request.name, request.source, request.jobId, columns);
  }

  async close(): Promise<void> {
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(sessions.map((s) => s.then((x) => x.close()).catch(() => undefined)));
    const client = this.client;
    this.client = undefined;
    if (client) await client.then((c) => c.close()).catch(() => undefined);
  }

  private async recorded(layer: Layer, name: string, source: Record<string, unknown>, jobId: string, columns: LakeColumn[]): Promise<LoadResult> {
    const counted = await this.run('load', sql.countRows(this.catalog, layer, name), [], { maxRows: 1, timeoutMs: this.settings.loadTimeoutS * 1000 });
    const rowCount = Number(counted.rows[0]?.row_count ?? 0);
    return {
      qualified_name: this.qualifiedName(layer, name),
      row_count: rowCount,
      publish: (tx) =>
        this.registry.upsert(tx, { location: this.location, tenant_id: this.tenantId, layer, name, columns, files: [], row_count: rowCount, source, last_job_id: jobId }),
    };
  }

  private translate(err: unknown, action?: string, timeoutMs?: number): Error {
    return translateDatabricksError(err, { host: this.settings.host, catalog: this.catalog, action, timeoutMs });
  }

  private async connect(): Promise<DBSQLClient> {
    this.client ??= (async () => {
      const { DBSQLClient } = await import('@databricks/sql');
      const client = new DBSQLClient({ logger: stderrLogger as never });
      client.on('error', (err: Error) => logError('databricks connection', err));
      return (await client.connect(connectOptions(this.settings, await this.secret()))) as DBSQLClient;
    })();
    this.client.catch(() => (this.client = undefined));
    return this.client;
  }

  private session(kind: 'query' | 'load'): Promise<IDBSQLSession> {
    let session = this.sessions.get(kind);
    if (!session) {
      session = (async () => {
        const client = await this.connect();
        return client.openSession(sessionRequest(this.settings, kind === 'load' ? this.settings.loadTimeoutS : QUERY_SESSION_TIMEOUT_S));
      })();
      session.catch(() => this.sessions.delete(kind));
      this.sessions.set(kind, session);
    }
    return session;
  }

  /**
   * A PUT or REMOVE: the driver performs the file transfer itself (reading only inside
   * `allowedLocalPaths`) and has consumed the statement's one row, so nothing is fetched.
   */
  private async stage(text: string, action: string, allowedLocalPaths: string[]): Promise<void> {
    let operation: IOperation | undefined;
    try {
      const session = await this.session('load');
      operation = await session.executeStatement(text, { stagingAllowedLocalPath: allowedLocalPaths });
    } catch (err) {
      throw this.translate(err, action);
    } finally {
      await operation?.close().catch(() => undefined);
    }
  }

  /** One statement; a timeout or abort cancels it on the server. */
  private async run(kind: 'query' | 'load', text: string, params: unknown[], options: QueryOptions): Promise<QueryResult> {
    let operation: IOperation | undefined;
    let stoppedBy: 'timeout' | 'cancel' | undefined;
    const cancel = (why: 'timeout' | 'cancel') => {
      stoppedBy = why;
      void operation?.cancel().catch(() => undefined);
    };
    const timer = setTimeout(() => cancel('timeout'), options.timeoutMs);
    const onAbort = () => cancel('cancel');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const session = await this.session(kind).catch((err) => {
        this.sessions.delete(kind);
        throw err;
      });
      const execute = async (statement: string) => {
        operation = await session.executeStatement(statement, {
          ordinalParameters: params.length > 0 ? (params as never[]) : undefined,
          queryTimeout: Math.ceil(options.timeoutMs / 1000),
          maxRows: Math.min(options.maxRows + 1, FETCH_CHUNK),
        });
        if (stoppedBy) void operation.cancel().catch(() => undefined);
        return ((await operation.getSchema().catch(() => null))?.columns ?? []) as DriverColumn[];
      };
      let schema = await execute(text);
      const columns = resultColumnNames(schema);
      // The driver gives each row as an object, one value per column name: repeated names are renamed by position first.
      const renamed = renamedByPosition(text, schema, columns);
      if (renamed) {
        await operation!.close().catch(() => undefined);
        schema = await execute(renamed);
      }
      // A statement without a result schema (a command) names its columns by its rows.
      const named = schema.length ? columns : null;
      const rows: Row[] = [];
      let truncated = false;
      while (!truncated) {
        const chunk = (await operation!.fetchChunk({ maxRows: Math.min(options.maxRows + 1, FETCH_CHUNK), disableBuffering: true })) as Row[];
        for (const row of chunk) {
          if (rows.length === options.maxRows) {
            truncated = true;
            break;
          }
          rows.push(resultRow(named ?? Object.keys(row), row));
        }
        if (!(await operation!.hasMoreRows())) break;
      }
      return { columns: named ?? (rows[0] ? Object.keys(rows[0]) : []), rows, row_count: rows.length, truncated };
    } catch (err) {
      if (stoppedBy === 'cancel') throw translateDatabricksError(Object.assign(new Error('cancelled'), { errorCode: 'CANCELED' }), this.errorContext());
      if (stoppedBy === 'timeout') throw this.translate(Object.assign(new Error('timed out'), { errorCode: 'TIMEOUT' }), undefined, options.timeoutMs);
      if (/session.*(closed|expired)|Invalid SessionHandle/i.test(String((err as Error)?.message))) this.sessions.delete(kind);
      throw this.translate(err, undefined, undefined);
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      await operation?.close().catch(() => undefined);
    }
  }

  private errorContext() {
    return { host: this.settings.host, catalog: this.catalog };
  }

  private async exec(text: string, action: string): Promise<void> {
    try {
      await this.run('load', text, [], { maxRows: 10, timeoutMs: this.settings.loadTimeoutS * 1000 });
    } catch (err) {
      throw this.translate(err, action);
    }
  }
}
