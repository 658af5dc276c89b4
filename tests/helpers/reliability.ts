/**
 * The reliability suites run a short form in `npm test` (each under a minute) and the long form
 * the issue names when PACS_RELIABILITY_FULL=1 (`PACS_RELIABILITY_FULL=1 npx vitest run tests/reliability`).
 */
export const RELIABILITY_FULL = process.env.PACS_RELIABILITY_FULL === '1';

export function reliabilityScale<T>(quick: T, full: T): T {
  return RELIABILITY_FULL ? full : quick;
}

/** Long forms need more than vitest's default 60 s per test. */
export const RELIABILITY_TIMEOUT_MS = RELIABILITY_FULL ? 30 * 60_000 : 90_000;

/** Captures what this process writes to stderr (the in-process host logs there) until stopped. */
export function captureStderr(): { text: () => string; stop: () => void } {
  let text = '';
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
  return { text: () => text, stop: () => void (process.stderr.write = original) };
}

/** Runs `total` jobs with at most `inFlight` at once. */
export async function runPool(total: number, inFlight: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) await job(next++);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, total) }, worker));
}
