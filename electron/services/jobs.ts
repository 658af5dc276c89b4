import { randomUUID } from 'node:crypto';
import { UserError } from '../../mcp/util/user-error.js';
import type { JOB_STATUSES } from '../api/schemas/jobs.js';

export type JobStatus = (typeof JOB_STATUSES)[number];
export interface JobResult {
  batch_id?: string;
  snapshot_id?: string;
}
export type ReportProgress = (done: number, total: number | null, message?: string) => void;

interface Job {
  job_id: string;
  kind: string;
  status: JobStatus;
  done: number;
  total: number | null;
  message: string;
  error: string | null;
  result: JobResult | null;
}

const KEEP_FINISHED = 100;

/**
 * Long work started from the app (staging a file, taking a snapshot) runs here, off the request:
 * the call returns a job id at once and the screen polls `jobs.get` for its progress bar.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, Job>();

  start(kind: string, work: (report: ReportProgress) => Promise<JobResult>, onError?: (err: unknown) => void): string {
    const job: Job = { job_id: randomUUID(), kind, status: 'queued', done: 0, total: null, message: 'Queued', error: null, result: null };
    this.jobs.set(job.job_id, job);
    this.prune();
    const report: ReportProgress = (done, total, message) => {
      job.done = done;
      job.total = total;
      if (message !== undefined) job.message = message;
    };
    queueMicrotask(async () => {
      job.status = 'running';
      job.message = 'Running';
      try {
        job.result = await work(report);
        job.status = 'succeeded';
        job.message = 'Done';
        if (job.total !== null) job.done = job.total;
      } catch (err) {
        job.status = 'failed';
        job.error = err instanceof Error ? err.message : String(err);
        job.message = 'Failed';
        onError?.(err);
      }
    });
    return job.job_id;
  }

  get(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new UserError('not_found', `There is no job "${jobId}" (jobs are kept until the app restarts).`);
    return { ...job, result: job.result ? { ...job.result } : null };
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.status === 'succeeded' || j.status === 'failed');
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(job.job_id);
  }
}
