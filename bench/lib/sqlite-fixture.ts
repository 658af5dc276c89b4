import sqlite3 from 'sqlite3';

function exec(db: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) => db.exec(sql, (err) => (err ? reject(err) : resolve())));
}

/**
 * A SQLite file with one table `bench_rows` of `rows` rows (~120 bytes each: an integer key, a
 * parcel-like geo id, two numbers, a date and a 32-character text), generated inside SQLite.
 */
export async function writeRowsTable(file: string, rows: number): Promise<void> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d: sqlite3.Database = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(d)));
  });
  try {
    await exec(db, `PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
      CREATE TABLE bench_rows (id INTEGER PRIMARY KEY, geo_id TEXT NOT NULL, market INTEGER NOT NULL, ratio REAL NOT NULL, sale_dt TEXT NOT NULL, note TEXT NOT NULL);
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${Math.floor(rows)})
      INSERT INTO bench_rows SELECT i, printf('R%06d-%04d', i / 7, i % 9973), (i * 7919) % 900000 + 50000, (i % 1000) / 997.0,
        date('2000-01-01', '+' || (i % 9000) || ' days'), hex(randomblob(16)) FROM n;`);
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}
