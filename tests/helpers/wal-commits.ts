import fs from 'node:fs';

/**
 * The transactions committed to a SQLite database in WAL mode since its log was last reset: the
 * frames of the `-wal` file that end a commit (a frame header's second word, the database size
 * after the commit, is zero in every other frame), read up to the first frame of an older log.
 * A transaction that only reads, or a statement that changes no row, writes no frame.
 */
export function walCommits(databaseFile: string): number {
  const wal = fs.readFileSync(`${databaseFile}-wal`);
  if (wal.length < 32) return 0;
  const pageSize = wal.readUInt32BE(8);
  const salt = [wal.readUInt32BE(16), wal.readUInt32BE(20)];
  let commits = 0;
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    if (wal.readUInt32BE(at + 8) !== salt[0] || wal.readUInt32BE(at + 12) !== salt[1]) break;
    if (wal.readUInt32BE(at + 4) !== 0) commits += 1;
  }
  return commits;
}
