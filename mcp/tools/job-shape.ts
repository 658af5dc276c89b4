import { z } from 'zod';
import type { JobRecord } from '../lakehouse/jobs/job-runner.js';

/** How lakehouse tools report a job (get_job, and the tools that start one). */
export const jobShape = {
  job_id: z.string(),
  kind: z.enum(['sync', 'upload', 'transform']),
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

export function jobStructured(job: JobRecord) {
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

export function jobText(job: JobRecord): string {
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
