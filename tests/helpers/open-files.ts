import fs from 'node:fs';
import path from 'node:path';

/** Whether this system lists a process's open files (Linux: /proc/self/fd). */
export const openFilesListed = fs.existsSync('/proc/self/fd');

/**
 * The files under `dir` this process holds open, one entry per open handle (a file removed while
 * still open is listed as `<path> (deleted)`: its disk space is not given back until it closes).
 */
export function openFilesUnder(dir: string): string[] {
  const prefix = `${path.resolve(dir)}${path.sep}`;
  const open: string[] = [];
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      const target = fs.readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith(prefix)) open.push(target);
    } catch {
      // the fd closed meanwhile (or was the listing's own)
    }
  }
  return open.sort();
}
