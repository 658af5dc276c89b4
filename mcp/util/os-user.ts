import os from 'node:os';

let cached: string | undefined;

/** The OS account running this process; it cannot change while the process lives, so it is read once. */
export function osUser(): string {
  if (cached) return cached;
  try {
    cached = os.userInfo().username;
  } catch {
    cached = process.env.USERNAME ?? process.env.USER ?? 'unknown';
  }
  return cached;
}
