import fs from 'node:fs';
import path from 'node:path';
import type { ColumnInfo, SourceConnector } from '../../connectors/connector.js';
import type { ConnectionRecord } from '../../connections/connection-types.js';
import { dialectOf } from '../../dialects/index.js';
import type { Engine } from '../../engine.js';
import { UserError } from '../../util/user-error.js';
import type { JobContext, JobOutcome, JobRecord } from '../../jobs/job-runner.js';
import { ModelView, sensitiveColumnNames, tableColumnClasses } from '../../masking/model-view.js';
import { duckdbType, lakeTypeFromDeclared, type LakeColumn } from '../lake-types.js';
import { lakeColumnNames, lakeTableName } from '../names.js';
import { ParquetWriter, type ParquetField } from '../parquet/parquet-writer.js';
import { lastRun, recordRun } from '../runs.js';
import type { LoadResult, WarehouseConnector } from '../warehouse.js';
import { assertWarehouseWritable, resolveWarehouse } from '../warehouse-select.js';
import { canBeWatermark, compareWatermarkValues, watermarkFromValue, watermarkParameter, type Watermark } from './watermark.js';

export type SyncMode = 'full' | 'incremental';

export interface SyncRequest {
  connectionId?: string | null;
  tableName: string;
  syncMode: SyncMode;
  watermarkColumn?: string | null;
  warehouseConnectionId?: string | null;
  tenantId?: string | null;
  bronzeTable?: string | null;
  batchSize?: number;
}

/** A problem with the request itself, found before any job starts. */
export class SyncRequestError extends UserError {
  constructor(message: string) {
    super('invalid', message);
  }
}

const DEFAULT_BATCH = 5_000;

/**
 * Starts `sync_table_to_bronze`: checks everything it can cheaply (source table, columns,
 * watermark, warehouse, tenant) and returns the queued job; the extraction runs in the job.
 */
export async function startSync(engine: Engine, request: SyncRequest): Promise<{ job: JobRecord; warehouse: WarehouseConnector; source: ConnectionRecord }> {
  const { record: source, connector } = await engine.source(request.connectionId);
  const { record: warehouseRecord, connector: warehouse } = await resolveWarehouse(engine, request.warehouseConnectionId, request.tenantId);
  assertWarehouseWritable(warehouseRecord, 'loading tables into it');

  const { schema, name } = dialectOf(connector.dialect).splitTableName(request.tableName);
  const columns = await connector.describeTable(schema, name);
  if (columns.length === 0) {
    throw new SyncRequestError(`Table "${request.tableName}" was not found in connection "${source.id}". Call list_source_tables to see the names.`);
  }
  // What lands in the lakehouse is what the model may read: sensitive values are pseudonyms unless the user allowed this source's values in clear.
  const view = await ModelView.open(engine, source.id, 'model');
  const fields = planFields(columns, connector, view.masking ? sensitiveColumnNames(name, columns.map((c) => c.name)) : new Set());
  if (request.watermarkColumn && view.masking && sensitiveColumnNames(name, [request.watermarkColumn]).size) {
    throw new SyncRequestError(`Column "${request.watermarkColumn}" holds sensitive values, which are loaded as pseudonyms: it cannot be a watermark. Use an id or a last-modified date.`);
  }
  const watermark = request.watermarkColumn ? findWatermark(fields, request.watermarkColumn, request.tableName) : undefined;
  if (request.syncMode === 'incremental' && !watermark) {
    throw new SyncRequestError('An incremental sync needs watermark_column: a column that only grows as rows are added or changed (an id, or a last-modified date).');
  }
  const target = lakeTableName(request.bronzeTable ?? name);
  const targetKey = `${warehouse.location}/bronze/${target}`;
  const plan: SyncPlan = { engine, source, connector, warehouse, warehouseRecord, schema, table: name, fields, watermark, target, targetKey, request, view };

  const job = await engine.jobs.start(
    {
      kind: 'sync',
      tenantId: warehouse.tenantId,
      sourceConnectionId: source.id,
      warehouseConnectionId: warehouseRecord.id,
      targetKey,
      targetTable: warehouse.qualifiedName('bronze', target),
      args: { connection_id: source.id, table_name: request.tableName, sync_mode: request.syncMode, watermark_column: request.watermarkColumn ?? null },
    },
    (ctx) => runSync(plan, ctx),
  );
  return { job, warehouse, source };
}

interface SyncPlan {
  engine: Engine;
  source: ConnectionRecord;
  connector: SourceConnector;
  warehouse: WarehouseConnector;
  warehouseRecord: ConnectionRecord;
  schema: string;
  table: string;
  fields: ParquetField[];
  watermark?: ParquetField;
  target: string;
  targetKey: string;
  request: SyncRequest;
  view: ModelView;
}

/** Source columns → lakehouse columns (names made safe, types mapped exactly; a masked column holds pseudonyms, so text). */
export function planFields(columns: ColumnInfo[], connector: Pick<SourceConnector, 'dialect'>, masked: ReadonlySet<string> = new Set()): ParquetField[] {
  const names = lakeColumnNames(columns.map((c) => c.name));
  return columns.map((c, i): ParquetField => {
    const type: LakeColumn['type'] = masked.has(c.name) ? { kind: 'varchar' } : lakeTypeFromDeclared(connector.dialect, c.type);
    const column: LakeColumn = { name: names[i], type, nullable: c.nullable };
    return { source: c.name, column };
  });
}

function findWatermark(fields: ParquetField[], requested: string, table: string): ParquetField {
  const field = fields.find((f) => f.source === requested) ?? fields.find((f) => f.source.toLowerCase() === requested.toLowerCase());
  if (!field) throw new SyncRequestError(`Table "${table}" has no column "${requested}". Its columns: ${fields.map((f) => f.source).join(', ')}.`);
  if (!canBeWatermark(field.column.type)) {
    throw new SyncRequestError(
      `Column "${field.source}" is ${duckdbType(field.column.type)}; a watermark must be a number, date or timestamp that grows as rows change (text does not order reliably).`,
    );
  }
  return field;
}

async function runSync(plan: SyncPlan, ctx: JobContext): Promise<JobOutcome> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const { connector, warehouse, fields, watermark } = plan;
  const workDir = warehouse.workDir(ctx.jobId);
  fs.mkdirSync(workDir, { recursive: true, mode: 0o700 });
  try {
    const previous = plan.request.syncMode === 'incremental' ? await previousWatermark(plan) : null;
    const mode = previous ? 'append' : 'replace';
    const dialect = dialectOf(connector.dialect);
    const from = dialect.qualifiedTable(plan.schema, plan.table);
    const sourceNames = fields.map((f) => f.source);
    const list = fields.map((f) => dialect.quoteIdent(f.source)).join(', ');
    const where = previous && watermark ? ` WHERE ${dialect.quoteIdent(watermark.source)} > ?` : '';
    const params = previous ? [watermarkParameter(previous)] : [];

    // The row count only feeds the progress bar: it runs beside the extraction, not before it.
    let total: number | null = null;
    void countRows(connector, `SELECT COUNT(*) AS n FROM ${from}${where}`, params, ctx.signal).then((n) => (total = n));
    const writer = ParquetWriter.open({ workDir, fields, zone: dialect.driverTimestampZone });
    let high: unknown = null;
    try {
      ctx.progress(0, null, 'extracting');
      for await (const batch of connector.streamBatches(`SELECT ${list} FROM ${from}${where}`, params, plan.request.batchSize ?? DEFAULT_BATCH, ctx.signal)) {
        if (ctx.signal.aborted) throw new Error('The sync was stopped before it finished.');
        writer.write(plan.view.masking ? plan.view.rows(sourceNames, batch, { classes: tableColumnClasses(plan.table, sourceNames) }).rows : batch);
        if (watermark) {
          for (const row of batch) {
            const value = row[watermark.source];
            if (value !== null && value !== undefined && (high === null || compareWatermarkValues(watermark.column.type, value, high) > 0)) high = value;
          }
        }
        ctx.progress(writer.rows, total && total >= writer.rows ? total : null, 'extracting');
      }
    } catch (err) {
      writer.abort();
      throw err;
    }
    ctx.progress(writer.rows, writer.rows, 'writing Parquet');
    const file = await writer.finish(path.join(workDir, `${plan.target}.parquet`));
    ctx.progress(file.rows, file.rows, `loading into ${warehouse.qualifiedName('bronze', plan.target)}`);
    const loaded = mode === 'append' && file.rows === 0 ? await nothingNew(warehouse, plan.target, file.path) : await warehouse.load({
      layer: 'bronze',
      name: plan.target,
      file,
      mode,
      source: { kind: 'sync', connection_id: plan.source.id, table: `${plan.schema}.${plan.table}`, sync_mode: plan.request.syncMode, watermark_column: watermark?.source ?? null },
      jobId: ctx.jobId,
      signal: ctx.signal,
    });
    const after: Watermark | null = watermarkFromValue(high) ?? previous;
    const durationMs = Math.round(performance.now() - started);
    return {
      rows: file.rows,
      result: {
        bronze_table: loaded.qualified_name,
        rows_loaded: file.rows,
        table_rows: loaded.row_count,
        sync_mode: plan.request.syncMode,
        load: mode === 'append' ? 'appended' : 'replaced',
        watermark_column: watermark?.source ?? null,
        watermark_before: previous?.value ?? null,
        watermark_after: after?.value ?? null,
        file_sha256: file.sha256,
        file_bytes: file.bytes,
        duration_ms: durationMs,
        rows_per_second: durationMs > 0 ? Math.round((file.rows * 1000) / durationMs) : null,
        columns: file.columns.map((c) => ({ name: c.name, type: duckdbType(c.type) })),
        masked_columns: plan.view.masking ? [...sensitiveColumnNames(plan.table, sourceNames)] : [],
      },
      publish: async (tx) => {
        await loaded.publish(tx);
        await recordRun(tx, {
          jobId: ctx.jobId,
          kind: 'sync',
          tenantId: warehouse.tenantId,
          sourceConnectionId: plan.source.id,
          sourceName: `${plan.schema}.${plan.table}`,
          warehouseConnectionId: plan.warehouseRecord.id,
          targetKey: plan.targetKey,
          targetTable: loaded.qualified_name,
          syncMode: plan.request.syncMode,
          watermarkColumn: watermark?.source ?? null,
          watermarkBefore: previous,
          watermarkAfter: after,
          rows: file.rows,
          fileSha256: file.sha256,
          fileBytes: file.bytes,
          durationMs,
          startedAt,
        });
      },
      afterPublish: loaded.afterPublish,
      discard: loaded.discard,
    };
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * The watermark to continue from: only when the table's last load was a sync of this same
 * source table with this same watermark column (after anything else, reload in full).
 */
async function previousWatermark(plan: SyncPlan): Promise<Watermark | null> {
  const last = await lastRun(plan.engine.store, plan.targetKey);
  if (!last || last.kind !== 'sync' || last.source_connection_id !== plan.source.id) return null;
  if (last.source_name !== `${plan.schema}.${plan.table}` || last.watermark_column !== plan.watermark?.source) return null;
  if ((await plan.warehouse.tableColumns('bronze', plan.target)) === null) return null;
  return last.watermark_after;
}

/** An incremental sync that found no new rows leaves the table as it is (and records the run). */
async function nothingNew(warehouse: WarehouseConnector, target: string, file: string): Promise<LoadResult> {
  fs.rmSync(file, { force: true });
  const table = (await warehouse.listLayerTables('bronze')).find((t) => t.name === target);
  return { qualified_name: warehouse.qualifiedName('bronze', target), row_count: table?.row_count ?? 0, publish: async () => undefined };
}

async function countRows(connector: SourceConnector, sql: string, params: unknown[], signal: AbortSignal): Promise<number | null> {
  try {
    const result = await connector.query(sql, params, { maxRows: 1, timeoutMs: 10_000, signal });
    const n = Number(Object.values(result.rows[0] ?? {})[0]);
    return Number.isFinite(n) ? n : null;
  } catch {
    return null;
  }
}
