import type { Engine } from '../../engine.js';
import type { JobContext, JobOutcome, JobRecord } from '../../jobs/job-runner.js';
import { duckdbType } from '../lake-types.js';
import { lakeTableName, parseLayerTable } from '../names.js';
import { recordRun } from '../runs.js';
import type { WarehouseConnector } from '../warehouse.js';
import { assertWarehouseWritable, resolveWarehouse } from '../warehouse-select.js';
import { compileTransform, type CompiledTransform } from './compile-transform.js';
import { resolveTransformations, TransformSpecError, type ResolvedSpec, type Transformations } from './transform-spec.js';

export interface TransformRequest {
  bronzeTable: string;
  transformations: Transformations;
  silverTable?: string | null;
  warehouseConnectionId?: string | null;
  tenantId?: string | null;
}

/**
 * Starts `transform_to_silver`: validates the spec against the bronze table's columns and
 * compiles it (both before any job starts, so a bad spec is an immediate, complete error),
 * then the job counts cast failures, builds silver.<name> and records the run.
 */
export async function startTransform(engine: Engine, request: TransformRequest): Promise<{ job: JobRecord; compiled: CompiledTransform; spec: ResolvedSpec; warehouse: WarehouseConnector }> {
  const { record, connector: warehouse } = await resolveWarehouse(engine, request.warehouseConnectionId, request.tenantId);
  assertWarehouseWritable(record, 'building silver tables in it');
  const bronze = parseLayerTable(request.bronzeTable.replace(new RegExp(`^${warehouse.catalog}\\.`, 'i'), ''), 'bronze');
  if (bronze.layer !== 'bronze') throw new TransformSpecError([`bronze_table must be a bronze table, not ${bronze.layer}.${bronze.name}.`]);
  const columns = await warehouse.tableColumns('bronze', bronze.name);
  if (!columns) {
    throw new TransformSpecError([`there is no table ${warehouse.qualifiedName('bronze', bronze.name)} (call list_source_tables on the warehouse connection with layer "bronze").`]);
  }
  const spec = resolveTransformations(request.transformations, columns);
  const compiled = compileTransform(spec, warehouse.dialect, warehouse.sqlName('bronze', bronze.name));
  const target = lakeTableName(request.silverTable ?? bronze.name);
  const targetKey = `${warehouse.location}/silver/${target}`;
  const job = await engine.jobs.start(
    {
      kind: 'transform',
      tenantId: warehouse.tenantId,
      warehouseConnectionId: record.id,
      targetKey,
      targetTable: warehouse.qualifiedName('silver', target),
      args: { bronze_table: warehouse.qualifiedName('bronze', bronze.name), silver_table: target, transformations: request.transformations },
    },
    (ctx) => runTransform({ warehouse, warehouseConnectionId: record.id, bronze: bronze.name, target, targetKey, compiled, spec, transformations: request.transformations }, ctx),
  );
  return { job, compiled, spec, warehouse };
}

interface TransformPlan {
  warehouse: WarehouseConnector;
  warehouseConnectionId: string;
  bronze: string;
  target: string;
  targetKey: string;
  compiled: CompiledTransform;
  spec: ResolvedSpec;
  transformations: Transformations;
}

async function runTransform(plan: TransformPlan, ctx: JobContext): Promise<JobOutcome> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const { warehouse, compiled } = plan;
  ctx.progress(0, null, 'counting rows and cast failures');
  const statsResult = await warehouse.query(compiled.stats, [], { maxRows: 1, timeoutMs: 600_000, signal: ctx.signal });
  const stats = statsResult.rows[0] ?? {};
  const rowsIn = Number(stats.rows_in ?? 0);
  const castErrors = [];
  for (let i = 0; i < compiled.casts.length; i++) {
    const c = compiled.casts[i];
    const count = Number(stats[`cast_errors_${i}`] ?? 0);
    const examples = count > 0 ? (await warehouse.query(compiled.castExamples(i), [], { maxRows: 5, timeoutMs: 120_000, signal: ctx.signal })).rows.map((r) => r.value) : [];
    castErrors.push({ column: c.source, to: duckdbType(c.cast!.to), on_error: c.cast!.onError, count, examples });
  }
  const fatal = castErrors.filter((e) => e.on_error === 'fail' && e.count > 0);
  if (fatal.length > 0) {
    throw new TransformSpecError(
      fatal.map((e) => `${e.count} values of "${e.column}" do not convert to ${e.to} (for example ${e.examples.map((v) => JSON.stringify(v)).join(', ')}); on_error is "fail", so nothing was written.`),
    );
  }
  ctx.progress(0, rowsIn, `building ${warehouse.qualifiedName('silver', plan.target)}`);
  const loaded = await warehouse.materialize({
    layer: 'silver',
    name: plan.target,
    select: compiled.select,
    inputs: [{ layer: 'bronze', name: plan.bronze }],
    source: { kind: 'transform', bronze_table: warehouse.qualifiedName('bronze', plan.bronze), transformations: plan.transformations },
    jobId: ctx.jobId,
    signal: ctx.signal,
  });
  const rowsKept = Number(stats.rows_kept ?? loaded.row_count);
  const durationMs = Math.round(performance.now() - started);
  return {
    rows: loaded.row_count,
    result: {
      silver_table: loaded.qualified_name,
      bronze_table: warehouse.qualifiedName('bronze', plan.bronze),
      rows_in: rowsIn,
      rows_out: loaded.row_count,
      rows_filtered_out: rowsIn - rowsKept,
      duplicates_removed: Math.max(0, rowsKept - loaded.row_count),
      cast_errors: castErrors,
      columns: plan.spec.output.map((c) => ({ name: c.target, from: c.source, type: duckdbType(c.finalType) })),
      sql: compiled.select,
      file_sha256: loaded.file?.sha256 ?? null,
      duration_ms: durationMs,
    },
    publish: async (tx) => {
      await loaded.publish(tx);
      await recordRun(tx, {
        jobId: ctx.jobId,
        kind: 'transform',
        tenantId: warehouse.tenantId,
        sourceConnectionId: null,
        sourceName: warehouse.qualifiedName('bronze', plan.bronze),
        warehouseConnectionId: plan.warehouseConnectionId,
        targetKey: plan.targetKey,
        targetTable: loaded.qualified_name,
        syncMode: null,
        watermarkColumn: null,
        watermarkBefore: null,
        watermarkAfter: null,
        rows: loaded.row_count,
        fileSha256: loaded.file?.sha256 ?? '',
        fileBytes: loaded.file?.bytes ?? 0,
        durationMs,
        startedAt,
      });
    },
    afterPublish: loaded.afterPublish,
    discard: loaded.discard,
  };
}
