import type { SqliteDb, SqliteTx } from '../store/sqlite-db.js';
import type { LakehouseJobKind } from '../jobs/job-kinds.js';
import type { Watermark } from './sync/watermark.js';

/** One load into a warehouse table, recorded with the job that did it. */
export interface LoadRun {
  jobId: string;
  kind: LakehouseJobKind;
  tenantId: string;
  sourceConnectionId: string | null;
  sourceName: string;
  warehouseConnectionId: string;
  targetKey: string;
  targetTable: string;
  syncMode: 'full' | 'incremental' | null;
  watermarkColumn: string | null;
  watermarkBefore: Watermark | null;
  watermarkAfter: Watermark | null;
  rows: number;
  fileSha256: string;
  fileBytes: number;
  durationMs: number;
  startedAt: string;
}

export async function recordRun(tx: SqliteTx, run: LoadRun): Promise<void> {
  await tx.run(
    `INSERT INTO lakehouse_runs (job_id, kind, tenant_id, source_connection_id, source_name, warehouse_connection_id, target_key, target_table,
       sync_mode, watermark_column, watermark_before_json, watermark_after_json, rows, file_sha256, file_bytes, duration_ms, started_at, finished_at)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    [run.jobId, run.kind, run.tenantId, run.sourceConnectionId, run.sourceName, run.warehouseConnectionId, run.targetKey, run.targetTable,
      run.syncMode, run.watermarkColumn, run.watermarkBefore ? JSON.stringify(run.watermarkBefore) : null,
      run.watermarkAfter ? JSON.stringify(run.watermarkAfter) : null, run.rows, run.fileSha256, run.fileBytes, run.durationMs, run.startedAt,
      new Date().toISOString()],
  );
}

export interface LastRun {
  kind: LakehouseJobKind;
  source_connection_id: string | null;
  source_name: string;
  watermark_column: string | null;
  watermark_after: Watermark | null;
}

/** The latest load of a target table, whatever it was. */
export async function lastRun(store: SqliteDb, targetKey: string): Promise<LastRun | undefined> {
  const row = await store.get<{ kind: LakehouseJobKind; source_connection_id: string | null; source_name: string; watermark_column: string | null; watermark_after_json: string | null }>(
    'SELECT kind, source_connection_id, source_name, watermark_column, watermark_after_json FROM lakehouse_runs WHERE target_key = ? ORDER BY run_id DESC LIMIT 1',
    [targetKey],
  );
  if (!row) return undefined;
  return { ...row, watermark_after: row.watermark_after_json ? (JSON.parse(row.watermark_after_json) as Watermark) : null };
}
