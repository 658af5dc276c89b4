import { useEffect, useState } from 'react';
import { api, type Out } from '../api';

export type Job = Out<'jobs', 'get'>;

/** Polls a job until it finishes; `onDone` runs once with the final state. */
export function useJob(jobId: string | null, onDone?: (job: Job) => void): Job | null {
  const [job, setJob] = useState<Job | null>(null);
  useEffect(() => {
    setJob(null);
    if (!jobId) return;
    let stopped = false;
    const poll = async () => {
      while (!stopped) {
        const next = await api.jobs.get({ job_id: jobId }).catch((err: Error) => ({ job_id: jobId, kind: '', status: 'failed' as const, done: 0, total: null, message: 'Failed', error: err.message, result: null }));
        if (stopped) return;
        setJob(next);
        if (next.status === 'succeeded' || next.status === 'failed') {
          onDone?.(next);
          return;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    void poll();
    return () => {
      stopped = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobId]);
  return job;
}
