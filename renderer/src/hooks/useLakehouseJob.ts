import { useEffect, useState } from 'react';
import { api, type Out } from '../api';

export type LakehouseJob = Out<'lakehouse', 'job'>;

/** Polls an engine lakehouse job (get_job) until it succeeded or failed; `onDone` runs once. */
export function useLakehouseJob(jobId: string | null, onDone?: (job: LakehouseJob) => void): { job: LakehouseJob | null; pollError: string | null } {
  const [job, setJob] = useState<LakehouseJob | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  useEffect(() => {
    setJob(null);
    setPollError(null);
    if (!jobId) return;
    let stopped = false;
    const poll = async () => {
      while (!stopped) {
        try {
          const next = await api.lakehouse.job({ job_id: jobId });
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
        await new Promise((r) => setTimeout(r, 300));
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
