import { z } from 'zod';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;

/** Long work (staging a file, taking a snapshot) runs as a job the screen polls for its progress bar. */
export const jobView = z.object({
  job_id: z.string(),
  kind: z.string(),
  status: z.enum(JOB_STATUSES),
  done: z.number(),
  /** Null while the total is unknown (the bar is then indeterminate). */
  total: z.number().nullable(),
  message: z.string(),
  error: z.string().nullable(),
  /** What the job made, once it succeeded. */
  result: z.object({ batch_id: z.string().optional(), snapshot_id: z.string().optional() }).nullable(),
});

export const jobsGet = {
  input: z.object({ job_id: z.string().min(1).max(100) }),
  output: jobView,
};
