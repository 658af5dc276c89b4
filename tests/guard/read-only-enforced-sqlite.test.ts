import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteConnector } from '../../mcp/connectors/sqlite/sqlite-connector.js';
import { assertReadOnly, ReadOnlyViolation } from '../../mcp/guard/read-only-guard.js';
import { hostileAttemptsFor, legitimateReadsFor } from './read-only-corpus.js';

/**
 * Proof on a real SQLite file that the hostile corpus changes nothing: every attempt goes
 * through the guard, and whatever the guard lets through is executed on a connection opened
 * OPEN_READONLY with `PRAGMA query_only = ON`, the way query_sql runs SQLite. Every table's rows,
 * the schema in sqlite_master, the file's bytes and the directory listing are fingerprinted
 * before and after.
 */

const SCHEMA_AND_ROWS = `
  CREATE TABLE owner (owner_id INTEGER PRIMARY KEY, name TEXT NOT NULL);
  CREATE TABLE property (prop_id INTEGER PRIMARY KEY, geo_id TEXT, owner_id INTEGER REFERENCES owner(owner_id), legal_desc TEXT);
  CREATE TABLE property_val (prop_id INTEGER NOT NULL, year INTEGER NOT NULL, market_value REAL, PRIMARY KEY (prop_id, year));
  CREATE INDEX property_geo ON property (geo_id);
  CREATE VIEW property_summary AS SELECT p.prop_id, o.name FROM property p JOIN owner o USING (owner_id);
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 25)
  INSERT INTO owner SELECT i, 'Owner ' || i FROM n;
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
  INSERT INTO property SELECT i, printf('R%05d', i), (i % 25) + 1, 'Lot ' || i || ' Block ' || (i % 7) FROM n;
  INSERT INTO property_val SELECT prop_id, 2023, prop_id * 1000.5 FROM property;
  INSERT INTO property_val SELECT prop_id, 2024, prop_id * 1100.25 FROM property;
`;

let directory: string;
let databaseFile: string;

function open(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db: sqlite3.Database = new sqlite3.Database(file, mode, (error) => (error ? reject(error) : resolve(db)));
  });
}

function exec(db: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) => db.exec(sql, (error) => (error ? reject(error) : resolve())));
}

function all(db: sqlite3.Database, sql: string): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => db.all(sql, (error, rows) => (error ? reject(error) : resolve(rows as Record<string, unknown>[]))));
}

function close(db: sqlite3.Database): Promise<void> {
  return new Promise((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
}

/** The connection query_sql uses for SQLite: read-only file handle plus query_only. */
async function openReadOnly(): Promise<sqlite3.Database> {
  const db = await open(databaseFile, sqlite3.OPEN_READONLY);
  await exec(db, 'PRAGMA query_only = ON');
  return db;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

interface Fingerprint {
  schema: string;
  tables: Record<string, string>;
  fileBytes: string;
  directoryListing: string[];
}

/** Read through a fresh read-only connection, so fingerprinting itself cannot change anything. */
async function fingerprint(): Promise<Fingerprint> {
  const db = await open(databaseFile, sqlite3.OPEN_READONLY);
  try {
    const schemaRows = await all(db, 'SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name');
    const tableNames = schemaRows.filter((row) => row.type === 'table').map((row) => String(row.name));
    const tables: Record<string, string> = {};
    for (const table of tableNames) {
      const rows = await all(db, `SELECT * FROM "${table.replaceAll('"', '""')}" ORDER BY rowid`);
      tables[table] = `${rows.length} rows, sha256 ${sha256(JSON.stringify(rows))}`;
    }
    return {
      schema: sha256(JSON.stringify(schemaRows)),
      tables,
      fileBytes: sha256(await readFile(databaseFile)),
      directoryListing: (await readdir(directory)).sort(),
    };
  } finally {
    await close(db);
  }
}

/** Keeps file-writing attempts (ATTACH, VACUUM INTO, writefile) inside the temp directory. */
function confineToDirectory(sql: string): string {
  return sql.replaceAll('/tmp/', `${directory}/`);
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'pacs-guard-sqlite-'));
  databaseFile = join(directory, 'pacs.db');
  const writer = await open(databaseFile, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE);
  await exec(writer, SCHEMA_AND_ROWS);
  await close(writer);
});

afterAll(async () => {
  if (directory) await rm(directory, { recursive: true, force: true });
});

describe('SQLite: hostile corpus against a real database', () => {
  it('the proof database has tables with rows', async () => {
    const before = await fingerprint();
    expect(Object.keys(before.tables).sort()).toEqual(['owner', 'property', 'property_val']);
    expect(before.tables.property).toMatch(/^100 rows/);
    expect(before.tables.property_val).toMatch(/^200 rows/);
  });

  it('refuses every attempt, and whatever gets through changes nothing', async () => {
    const before = await fingerprint();
    const letThrough: string[] = [];

    const db = await openReadOnly();
    try {
      for (const attempt of hostileAttemptsFor('sqlite')) {
        const sql = confineToDirectory(attempt.sql);
        try {
          await assertReadOnly(sql, 'sqlite');
        } catch (error) {
          expect(error).toBeInstanceOf(ReadOnlyViolation);
          continue;
        }
        letThrough.push(`${attempt.why}: ${sql}`);
        await exec(db, sql).catch(() => undefined);
      }
    } finally {
      await close(db);
    }

    expect(await fingerprint()).toEqual(before);
    expect(letThrough).toEqual([]);
  });

  it('with the guard bypassed, the real connector alone keeps the tables, the schema, the file and the folder unchanged', async () => {
    const before = await fingerprint();
    const connector = new SqliteConnector({ file: databaseFile });
    const options = { maxRows: 10, timeoutMs: 5_000 };
    try {
      for (const attempt of hostileAttemptsFor('sqlite')) {
        await connector.query(confineToDirectory(attempt.sql), [], options).catch(() => undefined);
      }
      // The attack that used to work: query_only turned off on a pooled connection, then a copy of
      // the database written through it, and the connection left writable for the next caller.
      await connector.query('PRAGMA query_only = 0', [], options).catch(() => undefined);
      await expect(connector.query(`VACUUM INTO '${directory}/copy.db'`, [], options)).rejects.toThrow();
      await connector.query('PRAGMA query_only = OFF', [], options).catch(() => undefined);
      await expect(connector.query('CREATE TABLE planted (a)', [], options)).rejects.toThrow(/readonly|query_only/i);
      await expect(connector.query(`ATTACH DATABASE '${directory}/evil.db' AS evil`, [], options)).rejects.toThrow(/attached/);
      expect((await connector.query('PRAGMA query_only', [], options)).rows).toEqual([{ query_only: 1 }]);
      // A value too big to hand to Node is refused inside SQLite.
      await expect(connector.query('SELECT randomblob(300000000) AS b', [], options)).rejects.toThrow(/too big/);
    } finally {
      await connector.close();
    }
    expect(await fingerprint()).toEqual(before);
  });

  it('lets every legitimate SQLite read through, and each one runs on the read-only connection', async () => {
    const db = await openReadOnly();
    try {
      for (const read of legitimateReadsFor('sqlite')) {
        await expect(assertReadOnly(read.sql, 'sqlite'), read.what).resolves.toBeUndefined();
        const rows = await all(db, read.sql);
        expect(Array.isArray(rows), read.what).toBe(true);
      }
    } finally {
      await close(db);
    }
  });
});
