import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { queryEveryRow, type ColumnInfo, type QueryOptions, type QueryResult, type Row, type TableInfo, type TestResult } from '../../connectors/connector.js';
import { duckdb } from '../../dialects/duckdb.js';
import type { SqliteDb, SqliteTx } from '../../store/sqlite-db.js';
import { UserError } from '../../util/user-error.js';
import { duckdbType, sameLakeType, type LakeColumn } from '../lake-types.js';
import { isLayer, type Layer } from '../names.js';
import { hashFile, type ParquetFile } from '../parquet/parquet-writer.js';
import { tenantCatalog } from '../tenant.js';
import type { LoadRequest, LoadResult, MaterializeRequest, WarehouseConnector, WarehouseTable } from '../warehouse.js';
import { WarehouseRegistry, type RegisteredFile, type RegisteredTable } from '../warehouse-registry.js';
import { duckDbVersion } from './duckdb.js';
import { sweepReaderFolders, type SessionSpec, type SessionTable } from './reader-session.js';
import { LakehouseWorker } from './worker/worker-client.js';

export interface LocalLakehouseOptions {
  dataDir: string;
  store: SqliteDb;
  tenantId: string;
}

export class SchemaChangeError extends UserError {
  constructor(message: string) {
    super('conflict', message);
  }
}

/** The lakehouse folder of the data dir; one sub-folder per tenant, one per layer below it. */
export function lakehouseRoot(dataDir: string): string {
  return path.join(dataDir, 'lakehouse');
}

/**
 * The embedded lakehouse: Parquet files under `<data dir>/lakehouse/tenant_<id>/<layer>/<table>/`,
 * the table registry in the app store, and DuckDB for every read. Works with no server at all.
 * Every DuckDB statement runs in the lakehouse query worker, a child process: a statement that
 * makes DuckDB abort ends that process only, and the next call starts a new one.
 */
export class LocalLakehouse implements WarehouseConnector {
  readonly family = 'warehouse' as const;
  readonly warehouseKind = 'lakehouse' as const;
  readonly dialect = 'duckdb' as const;
  readonly catalog: string;
  readonly inProcess = true;
  readonly location: string;
  readonly root: string;
  private readonly registry: WarehouseRegistry;
  private readonly readersDir: string;
  private readonly worker: LakehouseWorker;
  private closed = false;

  constructor(private readonly options: LocalLakehouseOptions) {
    this.catalog = tenantCatalog(options.tenantId);
    this.location = `local:${options.tenantId}`;
    this.root = path.join(lakehouseRoot(options.dataDir), this.catalog);
    this.registry = new WarehouseRegistry(options.store);
    this.readersDir = path.join(lakehouseRoot(options.dataDir), '.readers');
    sweepReaderFolders(this.readersDir);
    // A worker that died leaves its reader folder behind.
    this.worker = new LakehouseWorker(() => sweepReaderFolders(this.readersDir));
  }

  get tenantId(): string {
    return this.options.tenantId;
  }

  qualifiedName(layer: Layer, name: string): string {
    return `${this.catalog}.${layer}.${name}`;
  }

  sqlName(layer: Layer, name: string): string {
    return duckdb.qualifiedTable(layer, name);
  }

  workDir(jobId: string): string {
    return path.join(lakehouseRoot(this.options.dataDir), '.work', jobId);
  }

  async test(): Promise<TestResult> {
    const started = performance.now();
    try {
      fs.mkdirSync(this.root, { recursive: true, mode: 0o700 });
      fs.accessSync(this.root, fs.constants.W_OK);
      const version = await duckDbVersion();
      const tables = await this.registry.list(this.location);
      return {
        ok: true,
        latency_ms: performance.now() - started,
        server_version: `DuckDB ${version}`,
        message: `Local lakehouse of tenant "${this.tenantId}" at ${this.root}: ${tables.length} tables.`,
      };
    } catch (err) {
      return { ok: false, latency_ms: performance.now() - started, failure: 'other', message: `The local lakehouse at ${this.root} is not usable: ${(err as Error).message}. Check that the data folder is writable.` };
    }
  }

  async listTables(): Promise<TableInfo[]> {
    return (await this.registry.list(this.location)).map((t) => ({ catalog: this.catalog, schema: t.layer, name: t.name, type: 'table' as const }));
  }

  async describeTable(schema: string, name: string): Promise<ColumnInfo[]> {
    const layer = schema.toLowerCase();
    if (!isLayer(layer)) return [];
    const table = await this.registry.get(this.location, layer, name.toLowerCase());
    return (table?.columns ?? []).map((c) => ({ name: c.name, type: duckdbType(c.type), nullable: c.nullable, primary_key: false }));
  }

  async listLayerTables(layer?: Layer): Promise<WarehouseTable[]> {
    return (await this.registry.list(this.location, layer)).map((t) => ({
      layer: t.layer,
      name: t.name,
      qualified_name: this.qualifiedName(t.layer, t.name),
      row_count: t.row_count,
      column_count: t.columns.length,
      updated_at: t.updated_at,
      source: t.source,
    }));
  }

  async tableColumns(layer: Layer, name: string): Promise<LakeColumn[] | null> {
    return (await this.registry.get(this.location, layer, name))?.columns ?? null;
  }

  async query(sql: string, params: unknown[], options: QueryOptions): Promise<QueryResult> {
    return this.worker.query(await this.sessionSpec(), sql, params, options);
  }

  async queryAll(sql: string, params: unknown[], options: Omit<QueryOptions, 'maxRows'>): Promise<Row[]> {
    return queryEveryRow(this, sql, params, options);
  }

  async *streamBatches(sql: string, params: unknown[], batchSize: number, signal?: AbortSignal): AsyncIterable<Row[]> {
    yield* this.worker.stream(await this.sessionSpec(), sql, params, batchSize, signal);
  }

  async load(request: LoadRequest): Promise<LoadResult> {
    await this.sweepWork(request.jobId);
    const existing = await this.registry.get(this.location, request.layer, request.name);
    if (request.mode === 'append' && existing) mergeColumns(existing.columns, request.file.columns, this.qualifiedName(request.layer, request.name));
    const placed = this.place(request.layer, request.name, request.file);
    const rowsAfter = request.mode === 'append' && existing ? existing.row_count + placed.rows : placed.rows;
    return {
      qualified_name: this.qualifiedName(request.layer, request.name),
      row_count: rowsAfter,
      file: { sha256: placed.sha256, bytes: placed.bytes },
      publish: (tx) => this.publish(tx, request, placed, request.file.columns),
      afterPublish: async () => this.sweepTable(request.layer, request.name),
      discard: async () => removeFile(this.resolveFile(placed.path)),
    };
  }

  async materialize(request: MaterializeRequest): Promise<LoadResult> {
    const work = this.workDir(request.jobId);
    fs.mkdirSync(work, { recursive: true, mode: 0o700 });
    const temp = path.join(work, `materialize-${randomUUID()}.parquet`);
    const tables: SessionTable[] = [];
    for (const input of request.inputs) {
      const table = await this.registry.get(this.location, input.layer, input.name);
      if (!table) throw new UserError('not_found', `${this.qualifiedName(input.layer, input.name)} does not exist. Call list_source_tables on the warehouse connection to see the tables.`);
      tables.push({ layer: input.layer, name: input.name, files: table.files.map((f) => this.resolveFile(f.path)) });
    }
    let made;
    try {
      made = await this.worker.materialize({ tables, select: request.select, target: temp, spillDir: path.join(work, 'spill') }, request.signal);
    } catch (err) {
      fs.rmSync(temp, { force: true });
      if (request.signal.aborted) throw new Error('The transform was stopped before it finished.');
      throw err;
    }
    const { sha256, bytes } = await hashFile(temp);
    const file: ParquetFile = { path: temp, rows: made.rows, bytes, sha256, columns: made.columns };
    return this.load({ layer: request.layer, name: request.name, file, mode: 'replace', source: request.source, jobId: request.jobId, signal: request.signal });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.worker.close();
  }

  /** Moves a finished Parquet file into the table's folder, read-only, under a unique name. */
  private place(layer: Layer, name: string, file: ParquetFile): RegisteredFile {
    const dir = path.join(this.root, layer, name);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const fileName = `${new Date().toISOString().replace(/[-:.]/g, '').replace('T', '-').slice(0, 15)}-${file.sha256.slice(0, 16)}-${randomUUID().slice(0, 4)}.parquet`;
    const target = path.join(dir, fileName);
    fs.renameSync(file.path, target);
    fs.chmodSync(target, 0o400);
    return { path: [layer, name, fileName].join('/'), rows: file.rows, sha256: file.sha256, bytes: file.bytes };
  }

  private async publish(tx: SqliteTx, request: LoadRequest, placed: RegisteredFile, columns: LakeColumn[]): Promise<void> {
    const existing = await this.registry.get(this.location, request.layer, request.name, tx);
    const append = request.mode === 'append' && existing;
    const files = append ? [...existing.files, placed] : [placed];
    await this.registry.upsert(tx, {
      location: this.location,
      tenant_id: this.tenantId,
      layer: request.layer,
      name: request.name,
      columns: append ? mergeColumns(existing.columns, columns, this.qualifiedName(request.layer, request.name)) : columns,
      files,
      row_count: files.reduce((sum, f) => sum + f.rows, 0),
      source: request.source,
      last_job_id: request.jobId,
    });
  }

  /**
   * Deletes the table's files the registry no longer names (replaced by a full load, or left by
   * a job that died before publishing), and temporary files older than an hour.
   */
  private async sweepTable(layer: Layer, name: string): Promise<void> {
    const table = await this.registry.get(this.location, layer, name);
    const keep = new Set((table?.files ?? []).map((f) => path.basename(f.path)));
    const dir = path.join(this.root, layer, name);
    for (const entry of fs.readdirSync(dir)) {
      if (keep.has(entry)) continue;
      const file = path.join(dir, entry);
      if (entry.startsWith('.tmp-') && Date.now() - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0) < 3_600_000) continue;
      removeFile(file);
    }
  }

  /** Work folders of jobs that are no longer queued or running (a crash leaves them behind). */
  private async sweepWork(current: string): Promise<void> {
    const workRoot = path.join(lakehouseRoot(this.options.dataDir), '.work');
    let entries: string[];
    try {
      entries = fs.readdirSync(workRoot).filter((e) => e !== current);
    } catch {
      return;
    }
    if (entries.length === 0) return;
    const active = new Set(
      (await this.options.store.all<{ job_id: string }>("SELECT job_id FROM jobs WHERE status IN ('queued','running')")).map((r) => r.job_id),
    );
    for (const entry of entries) if (!active.has(entry)) fs.rmSync(path.join(workRoot, entry), { recursive: true, force: true });
  }

  resolveFile(relative: string): string {
    const resolved = path.resolve(this.root, ...relative.split('/'));
    if (!resolved.startsWith(this.root + path.sep)) throw new Error(`The lakehouse registry names a file outside tenant "${this.tenantId}": ${relative}.`);
    return resolved;
  }

  /** What the worker builds its read-only DuckDB session from: every table of the tenant and its files. */
  private async sessionSpec(): Promise<SessionSpec> {
    if (this.closed) throw new Error('This lakehouse connection is closed.');
    const tables = await this.registry.list(this.location);
    return {
      readersDir: this.readersDir,
      catalog: this.catalog,
      key: sessionKey(tables),
      tables: tables.map((t) => ({ layer: t.layer, name: t.name, files: t.files.map((f) => this.resolveFile(f.path)) })),
    };
  }
}

function sessionKey(tables: RegisteredTable[]): string {
  const hash = createHash('sha256');
  for (const t of tables) hash.update(`${t.layer}\0${t.name}\0${t.files.map((f) => f.path).join('\0')}\n`);
  return hash.digest('hex');
}

/**
 * Columns of a table after appending a file: new columns are added, a column that changed type
 * is refused (an incremental load must not quietly reinterpret the rows already loaded).
 */
function mergeColumns(existing: LakeColumn[], incoming: LakeColumn[], table: string): LakeColumn[] {
  const merged = existing.map((c) => ({ ...c }));
  for (const column of incoming) {
    const old = merged.find((c) => c.name.toLowerCase() === column.name.toLowerCase());
    if (!old) {
      merged.push({ ...column, nullable: true });
      continue;
    }
    if (!sameLakeType(old.type, column.type)) {
      throw new SchemaChangeError(
        `Column "${column.name}" of ${table} was ${duckdbType(old.type)} and the source now says ${duckdbType(column.type)}. ` +
          'An incremental sync cannot change a column type: run a full sync (sync_mode "full") to reload the table.',
      );
    }
  }
  return merged;
}

function removeFile(file: string): void {
  try {
    fs.chmodSync(file, 0o644);
    fs.rmSync(file, { force: true });
  } catch {
    // Still open elsewhere (Windows): the next sweep removes it.
  }
}
