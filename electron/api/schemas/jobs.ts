import { z } from 'zod';

/** The engine's job kinds and statuses (mcp/jobs/job-kinds.ts; a test keeps the two lists equal). */
export const JOB_KINDS = ['sync', 'upload', 'transform', 'staging', 'snapshot', 'diff'] as const;
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;

/**
 * Long work (a lakehouse sync, staging a file, taking a snapshot) runs as one of the engine's
 * jobs: the call that starts it returns a job id at once and the screen polls `jobs.get` for its
 * progress bar. The same job rows MCP's get_job reads.
 */
export const jobView = z.object({
  job_id: z.string(),
  kind: z.enum(JOB_KINDS),
  status: z.enum(JOB_STATUSES),
  /** What the job writes, when it writes a table (lakehouse jobs). */
  target_table: z.string().nullable(),
  source_connection_id: z.string().nullable(),
  rows: z.number().nullable(),
  progress: z.object({
    done: z.number(),
    /** Null while the total is unknown (the bar is then indeterminate). */
    total: z.number().nullable(),
    fraction: z.number().nullable(),
    message: z.string().nullable(),
  }),
  error: z.string().nullable(),
  /** What the job made, once it succeeded (a batch_id, a snapshot_id, a table's row counts …). */
  result: z.record(z.string(), z.unknown()).nullable(),
  created_at: z.string(),
  finished_at: z.string().nullable(),
  duration_ms: z.number().nullable(),
});

export const jobsGet = {
  input: z.object({ job_id: z.string().min(1).max(100) }),
  output: jobView,
};

export const jobsList = {
  input: z.object({ kinds: z.array(z.enum(JOB_KINDS)).min(1).max(JOB_KINDS.length).optional(), limit: z.number().int().min(1).max(200).default(20) }),
  output: z.object({ jobs: z.array(jobView) }),
};
