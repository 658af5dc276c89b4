import { useEffect, useState } from 'react';
import { api, type Out } from '../api';

export type Job = Out<'jobs', 'get'>;

/** Polls one of the engine's jobs until it succeeded or failed; `onDone` runs once with the final state. */
export function useJob(jobId: string | null, onDone?: (job: Job) => void): { job: Job | null; pollError: string | null } {
  const [job, setJob] = useState<Job | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  useEffect(() => {
    setJob(null);
    setPollError(null);
    if (!jobId) return;
    let stopped = false;
    const poll = async () => {
      while (!stopped) {
        try {
          const next = await api.jobs.get({ job_id: jobId });
          if (stopped) return;
          setJob(next);
          if (next.status === 'succeeded' || next.status === 'failed') {
            onDone?.(next);
            return;
          }
        } catch (err) {
          if (stopped) return;
          setPollError((err as Error).message);
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
  return { job, pollError };
}
