import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from '../../engine.js';
import type { JobContext, JobOutcome, JobRecord } from '../../jobs/job-runner.js';
import { lakeColumnNames, lakeTableName } from '../names.js';
import { hashFile, ParquetWriter, type ParquetField } from '../parquet/parquet-writer.js';
import { recordRun } from '../runs.js';
import type { WarehouseConnector } from '../warehouse.js';
import { assertWarehouseWritable, resolveWarehouse } from '../warehouse-select.js';
import { formatOf, openTabular, UploadError, type UploadSource } from './tabular-file.js';

export interface UploadRequest {
  source: UploadSource;
  datasetName?: string | null;
  warehouseConnectionId?: string | null;
  tenantId?: string | null;
  encoding?: string;
  sheet?: string;
}

/**
 * Starts `upload_file`: a CSV or XLSX file becomes bronze table `<dataset>`, every column kept
 * as the text the file holds (bronze is raw; transform_to_silver casts and cleans).
 */
export async function startUpload(engine: Engine, request: UploadRequest): Promise<{ job: JobRecord; warehouse: WarehouseConnector }> {
  const { record, connector: warehouse } = await resolveWarehouse(engine, request.warehouseConnectionId, request.tenantId);
  assertWarehouseWritable(record, 'loading files into it');
  const fileName = request.source.kind === 'content' ? request.source.fileName : path.basename(request.source.filePath);
  formatOf(fileName);
  if (request.source.kind === 'path' && !fs.statSync(request.source.filePath, { throwIfNoEntry: false })?.isFile()) {
    throw new UploadError(`There is no file at ${request.source.filePath}. Check the path (it is read on the computer running PACS MCP).`);
  }
  const target = lakeTableName(request.datasetName ?? fileName.replace(/\.[^.]+$/, ''));
  const targetKey = `${warehouse.location}/bronze/${target}`;
  const job = await engine.jobs.start(
    {
      kind: 'upload',
      tenantId: warehouse.tenantId,
      warehouseConnectionId: record.id,
      targetKey,
      targetTable: warehouse.qualifiedName('bronze', target),
      args: { file_name: fileName, file_path: request.source.kind === 'path' ? request.source.filePath : null, dataset_name: target },
    },
    (ctx) => runUpload({ engine, request, warehouse, warehouseConnectionId: record.id, fileName, target, targetKey }, ctx),
  );
  return { job, warehouse };
}

interface UploadPlan {
  engine: Engine;
  request: UploadRequest;
  warehouse: WarehouseConnector;
  warehouseConnectionId: string;
  fileName: string;
  target: string;
  targetKey: string;
}

async function runUpload(plan: UploadPlan, ctx: JobContext): Promise<JobOutcome> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const { warehouse, request } = plan;
  const workDir = warehouse.workDir(ctx.jobId);
  fs.mkdirSync(workDir, { recursive: true, mode: 0o700 });
  try {
    const sourceSha256 =
      request.source.kind === 'content' ? createHash('sha256').update(request.source.content).digest('hex') : (await hashFile(request.source.filePath)).sha256;
    ctx.progress(0, null, 'reading the header');
    const reader = await openTabular(request.source, { encoding: request.encoding, sheet: request.sheet });
    const names = lakeColumnNames(reader.header);
    const fields: ParquetField[] = names.map((name, i) => ({ source: String(i), column: { name, type: { kind: 'varchar' }, nullable: true } }));
    const writer = ParquetWriter.open({ workDir, fields, zone: 'local' });
    try {
      for await (const batch of reader.batches) {
        if (ctx.signal.aborted) throw new UploadError('The upload was stopped before it finished.');
        writer.write(batch.rows.map((cells) => Object.fromEntries(cells.map((c, i) => [String(i), c]))));
        ctx.progress(writer.rows, null, `read ${batch.lastLine} lines`);
      }
    } catch (err) {
      writer.abort();
      throw err;
    }
    const file = await writer.finish(path.join(workDir, `${plan.target}.parquet`));
    ctx.progress(file.rows, file.rows, `loading into ${warehouse.qualifiedName('bronze', plan.target)}`);
    const loaded = await warehouse.load({
      layer: 'bronze',
      name: plan.target,
      file,
      mode: 'replace',
      source: { kind: 'upload', file_name: plan.fileName, format: reader.format, source_sha256: sourceSha256 },
      jobId: ctx.jobId,
      signal: ctx.signal,
    });
    const durationMs = Math.round(performance.now() - started);
    return {
      rows: file.rows,
      result: {
        bronze_table: loaded.qualified_name,
        dataset_name: plan.target,
        file_name: plan.fileName,
        format: reader.format,
        rows_loaded: file.rows,
        columns: names.map((name, i) => ({ name, original: reader.header[i], type: 'VARCHAR' })),
        source_sha256: sourceSha256,
        file_sha256: file.sha256,
        duration_ms: durationMs,
      },
      publish: async (tx) => {
        await loaded.publish(tx);
        await recordRun(tx, {
          jobId: ctx.jobId,
          kind: 'upload',
          tenantId: warehouse.tenantId,
          sourceConnectionId: null,
          sourceName: plan.fileName,
          warehouseConnectionId: plan.warehouseConnectionId,
          targetKey: plan.targetKey,
          targetTable: loaded.qualified_name,
          syncMode: null,
          watermarkColumn: null,
          watermarkBefore: null,
          watermarkAfter: null,
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
