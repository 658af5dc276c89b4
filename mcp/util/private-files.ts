import fs from 'node:fs';

/** Files the app writes are readable and writable by the OS user only; its folders are 0700. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Every file and folder this process creates from now on gets no group or other permissions,
 * including those made by libraries (SQLite's WAL, DuckDB, ExcelJS). Called first thing by the
 * CLI and the desktop app; writers also set 0600 themselves, so the engine used as a library
 * keeps the promise too. POSIX only: Windows files inherit the ACL of the user's profile folder.
 */
export function restrictNewFiles(): void {
  if (process.platform !== 'win32') process.umask(0o077);
}

/** Creates `file` empty with owner-only permissions when it does not exist, so a library that opens it keeps that mode. */
export function createPrivateFile(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, PRIVATE_FILE_MODE));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

/** Owner-only permissions on existing files (one written by an earlier version, or by a library); missing ones are skipped. */
export function makePrivate(...files: string[]): void {
  if (process.platform === 'win32') return;
  for (const file of files) {
    try {
      if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, PRIVATE_FILE_MODE);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}
