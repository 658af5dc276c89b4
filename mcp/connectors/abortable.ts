import { QueryCancelledError } from './connector.js';

/**
 * Waits for `pending` unless `signal` aborts first (then rejects with QueryCancelledError). A
 * value that arrives after the abort is handed to `dispose` (a pooled connection goes back),
 * so nothing leaks.
 */
export function abortable<T>(pending: Promise<T>, signal: AbortSignal | undefined, dispose: (late: T) => void): Promise<T> {
  if (!signal) return pending;
  if (signal.aborted) {
    pending.then(dispose, () => undefined);
    return Promise.reject(new QueryCancelledError());
  }
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const onAbort = () => {
      if (settled) return;
      settled = true;
      reject(new QueryCancelledError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        if (settled) dispose(value);
        else {
          settled = true;
          resolve(value);
        }
      },
      (err) => {
        signal.removeEventListener('abort', onAbort);
        if (!settled) {
          settled = true;
          reject(err);
        }
      },
    );
  });
}
