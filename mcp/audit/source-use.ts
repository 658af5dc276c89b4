import { AsyncLocalStorage } from 'node:async_hooks';

const usedByCall = new AsyncLocalStorage<string[]>();

/**
 * Runs one audited call, collecting the ids of the connections it opens, in order (the default
 * training connection included when the call names none), so its audit row can name the
 * connection it really used, whether it succeeded or failed.
 */
export function collectSourceUse<T>(used: string[], work: () => Promise<T>): Promise<T> {
  return usedByCall.run(used, work);
}

/** Called by the source pool for every connector handed out. */
export function noteSourceUse(connectionId: string): void {
  const used = usedByCall.getStore();
  if (used && !used.includes(connectionId)) used.push(connectionId);
}
