import { writeFileExclusive } from './atomic-write.js';

const MAX_BACKUPS_PER_SECOND = 1000;

/**
 * Writes `content` to `<file>.bak-YYYYMMDD-HHMMSS` (local time), or `…-HHMMSS-N` when that
 * name is taken, never overwriting an earlier backup. Returns the backup's path.
 */
export async function backupConfigFile(file: string, content: Buffer, now: Date, mode?: number): Promise<string> {
  const base = `${file}.bak-${backupTimestamp(now)}`;
  for (let counter = 0; counter < MAX_BACKUPS_PER_SECOND; counter++) {
    const candidate = counter === 0 ? base : `${base}-${counter}`;
    try {
      await writeFileExclusive(candidate, content, { mode });
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`Too many backups of ${file} named ${base}-N; remove some and try again.`);
}

export function backupTimestamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}-` +
    `${two(date.getHours())}${two(date.getMinutes())}${two(date.getSeconds())}`
  );
}
