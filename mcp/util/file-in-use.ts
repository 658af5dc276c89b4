import fs from 'node:fs/promises';
import { UserError } from './user-error.js';

/**
 * Windows refuses to replace or delete a file another process holds open (Claude Desktop
 * reading its config, a server reading the demo database, an antivirus scan) with one of these.
 * Elsewhere the same codes mean a real permission problem, so only Windows retries.
 */
const IN_USE_CODES = new Set(['EPERM', 'EACCES', 'EBUSY']);

/** Back-off between attempts: about five seconds in all, long enough for a scan or a save to finish. */
export const IN_USE_RETRY_DELAYS_MS: readonly number[] = [50, 100, 200, 400, 800, 1600, 2000];

/** The file-system call that replaces a file; tests inject one that answers like Windows. */
export type RenameFile = (from: string, to: string) => Promise<void>;

export interface InUseRetryOptions {
  /** The file being replaced or removed, named in the final error. */
  file: string;
  /** What the user should close, e.g. "Quit Claude Desktop and try again." */
  whatToClose: string;
  platform?: NodeJS.Platform;
  delaysMs?: readonly number[];
}

/** Still in use after every retry: says which file and what to close. */
export class FileInUseError extends UserError {
  constructor(
    readonly file: string,
    readonly code: string,
    whatToClose: string,
  ) {
    super('unavailable', `${file} is open in another program (${code}), so it could not be replaced. ${whatToClose}`);
  }
}

/** Runs `operation`, retrying with back-off while Windows says the file is in use; then a FileInUseError. */
export async function retryWhileInUse<T>(operation: () => Promise<T>, options: InUseRetryOptions): Promise<T> {
  const platform = options.platform ?? process.platform;
  const delays = options.delaysMs ?? IN_USE_RETRY_DELAYS_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (platform !== 'win32' || !IN_USE_CODES.has(code)) throw error;
      if (attempt >= delays.length) throw new FileInUseError(options.file, code, options.whatToClose);
      await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
    }
  }
}

/** Renames `from` over `to`, waiting out Windows' in-use refusals. */
export function replaceFile(from: string, to: string, options: InUseRetryOptions & { rename?: RenameFile }): Promise<void> {
  const rename = options.rename ?? fs.rename;
  return retryWhileInUse(() => rename(from, to), options);
}
