import { z } from 'zod';
import { LAKEHOUSE_JOB_KINDS, type LakehouseJobKind } from '../jobs/job-kinds.js';
import { UnknownJobError, type JobRecord } from '../jobs/job-runner.js';

/** A job a lakehouse tool started: a sync, upload or transform, with its warehouse and target. */
export type LakehouseJob = JobRecord & { kind: LakehouseJobKind; warehouse_connection_id: string; target_table: string };

/** The job as the lakehouse tools see it; any other kind of job is not theirs to report. */
export function lakehouseJob(job: JobRecord): LakehouseJob {
  const isLakehouse = (LAKEHOUSE_JOB_KINDS as readonly string[]).includes(job.kind) && job.warehouse_connection_id !== null && job.target_table !== null;
  if (!isLakehouse) throw new UnknownJobError(job.job_id);
  return job as LakehouseJob;
}

/** How lakehouse tools report a job (get_job, and the tools that start one). */
export const jobShape = {
  job_id: z.string(),
  kind: z.enum(LAKEHOUSE_JOB_KINDS),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  rows: z.number().int().nullable().describe('Rows loaded (when finished) or extracted so far.'),
  bronze_table: z.string().nullable().describe('The bronze table a sync or upload loads (tenant-qualified).'),
  target_table: z.string().describe('The table the job writes (bronze for syncs and uploads, silver for transforms).'),
  tenant_id: z.string(),
  warehouse_connection_id: z.string(),
  source_connection_id: z.string().nullable(),
  progress: z.object({
    done: z.number().int(),
    total: z.number().int().nullable(),
    fraction: z.number().nullable().describe('0..1 when the total is known.'),
    message: z.string().nullable(),
  }),
  error: z.string().nullable(),
  result: z.record(z.string(), z.unknown()).nullable().describe('Details when succeeded: row counts, watermark, file sha256, duration.'),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  duration_ms: z.number().nullable(),
};

export function jobStructured(job: LakehouseJob) {
  const rows = job.rows ?? (job.status === 'running' || job.status === 'failed' ? job.progress.done : null);
  return {
    job_id: job.job_id,
    kind: job.kind,
    status: job.status,
    rows,
    bronze_table: job.kind === 'transform' ? (typeof job.result?.bronze_table === 'string' ? job.result.bronze_table : null) : job.target_table,
    target_table: job.target_table,
    tenant_id: job.tenant_id,
    warehouse_connection_id: job.warehouse_connection_id,
    source_connection_id: job.source_connection_id,
    progress: job.progress,
    error: job.error,
    result: job.result,
    created_at: job.created_at,
    started_at: job.started_at,
    finished_at: job.finished_at,
    duration_ms: job.duration_ms,
  };
}

export function jobText(job: LakehouseJob): string {
  const progress = job.progress.total ? ` (${job.progress.done.toLocaleString('en-US')} of ${job.progress.total.toLocaleString('en-US')} rows)` : job.progress.done ? ` (${job.progress.done.toLocaleString('en-US')} rows so far)` : '';
  switch (job.status) {
    case 'queued':
      return `Job ${job.job_id} is queued to load ${job.target_table}. Poll it with get_job.`;
    case 'running':
      return `Job ${job.job_id} is running: ${job.progress.message ?? 'working'}${progress}. Poll it again with get_job.`;
    case 'succeeded':
      return `Job ${job.job_id} succeeded: ${job.target_table} loaded with ${(job.rows ?? 0).toLocaleString('en-US')} rows in ${Math.round((job.duration_ms ?? 0) / 100) / 10} s.`;
    case 'failed':
      // The reason can quote a source's data: it is in the result's error field.
      return `Job ${job.job_id} failed; error says why.`;
  }
}

/** A snapshot job export_parcel_snapshot started (the desktop app's snapshots are its own to report). */
export type SnapshotJob = JobRecord & { kind: 'snapshot' };

export function snapshotJob(job: JobRecord): SnapshotJob {
  if (job.kind !== 'snapshot') throw new UnknownJobError(job.job_id);
  return job as SnapshotJob;
}

/** A snapshot job in get_job's shape: no warehouse, no target table; the result names the snapshot. */
export function snapshotJobStructured(job: SnapshotJob) {
  return {
    job_id: job.job_id,
    kind: job.kind,
    status: job.status,
    rows: job.rows ?? (job.status === 'running' || job.status === 'failed' ? job.progress.done : null),
    bronze_table: null,
    target_table: null,
    tenant_id: job.tenant_id,
    warehouse_connection_id: null,
    source_connection_id: job.source_connection_id,
    progress: job.progress,
    error: job.error,
    result: job.result,
    created_at: job.created_at,
    started_at: job.started_at,
    finished_at: job.finished_at,
    duration_ms: job.duration_ms,
  };
}

export function snapshotJobText(job: SnapshotJob): string {
  const done = job.progress.done ? ` (${job.progress.done.toLocaleString('en-US')} rows so far)` : '';
  switch (job.status) {
    case 'queued':
      return `Snapshot job ${job.job_id} is queued. Poll it with get_job.`;
    case 'running':
      return `Snapshot job ${job.job_id} is running: ${job.progress.message ?? 'reading parcels'}${done}. Poll it again with get_job.`;
    case 'succeeded':
      return `Snapshot job ${job.job_id} succeeded: snapshot ${String(job.result?.snapshot_id ?? '?')} with ${(job.rows ?? 0).toLocaleString('en-US')} rows in ${Math.round((job.duration_ms ?? 0) / 100) / 10} s.`;
    case 'failed':
      return `Snapshot job ${job.job_id} failed: ${job.error ?? 'unknown error'}`;
  }
}
