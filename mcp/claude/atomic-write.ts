import { randomBytes } from 'node:crypto';
import fs, { type FileHandle } from 'node:fs/promises';
import path from 'node:path';

export interface DurableWriteOptions {
  /** Permission bits for the new file (POSIX only; Windows keeps its ACL inheritance). */
  mode?: number;
}

const RENAME_RETRY_DELAYS_MS = [20, 50, 100, 200, 400, 800];

/**
 * Replaces `file` so readers see either the old or the new content, never a torn one:
 * the content goes to a temp file in the same directory, is fsynced, then renamed over.
 */
export async function writeFileAtomic(file: string, data: string | Buffer, options: DurableWriteOptions = {}): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  await writeFileExclusive(temp, data, options);
  try {
    await renameWithRetry(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

/** Creates `file` (failing with EEXIST if it exists) and fsyncs it; no partial file is left on failure. */
export async function writeFileExclusive(file: string, data: string | Buffer, options: DurableWriteOptions = {}): Promise<void> {
  const handle = await fs.open(file, 'wx', 0o600);
  try {
    try {
      if (options.mode !== undefined && process.platform !== 'win32') await handle.chmod(options.mode);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await fs.rm(file, { force: true });
    throw error;
  }
}

// On Windows a rename over a file another process has open (an editor, antivirus, Claude
// reading it) fails briefly with EPERM/EACCES/EBUSY.
export async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const transient = process.platform === 'win32' && (code === 'EPERM' || code === 'EACCES' || code === 'EBUSY');
      if (!transient || attempt >= RENAME_RETRY_DELAYS_MS.length) throw error;
      await new Promise((resolve) => setTimeout(resolve, RENAME_RETRY_DELAYS_MS[attempt]));
    }
  }
}

/** Makes the rename itself durable on POSIX; directories cannot be opened for sync on Windows. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle: FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort: some file systems refuse fsync on a directory.
  } finally {
    await handle?.close();
  }
}
