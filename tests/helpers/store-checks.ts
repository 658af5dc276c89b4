import fs from 'node:fs';
import sqlite3 from 'sqlite3';

/**
 * Opens a SQLite file the way the next process would (read-write, so a WAL left by a killed
 * process is recovered), runs `work` and closes it.
 */
export async function withSqliteFile<T>(file: string, work: (all: <R>(sql: string) => Promise<R[]>) => Promise<T>): Promise<T> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d: sqlite3.Database = new sqlite3.Database(file, sqlite3.OPEN_READWRITE, (err) => (err ? reject(err) : resolve(d)));
  });
  db.configure('busyTimeout', 15_000);
  const all = <R>(sql: string) => new Promise<R[]>((resolve, reject) => db.all(sql, (err, rows) => (err ? reject(err) : resolve(rows as R[]))));
  try {
    return await work(all);
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

/** `PRAGMA integrity_check` and `foreign_key_check`: ['ok'] when the file is sound. */
export async function integrityProblems(file: string): Promise<string[]> {
  if (!fs.existsSync(file)) return [`${file} does not exist`];
  return withSqliteFile(file, async (all) => {
    const integrity = (await all<{ integrity_check: string }>('PRAGMA integrity_check')).map((r) => r.integrity_check);
    const fk = await all<Record<string, unknown>>('PRAGMA foreign_key_check');
    return [...integrity.filter((r) => r !== 'ok'), ...fk.map((r) => `foreign key: ${JSON.stringify(r)}`)];
  });
}

/** Sends SIGKILL and waits until the process is gone. */
export async function killHard(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  for (let i = 0; i < 500; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`process ${pid} survived SIGKILL for 5 s`);
}
