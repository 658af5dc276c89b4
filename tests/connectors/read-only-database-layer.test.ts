import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCancelledError, QueryTimeoutError, type QueryOptions } from '../../mcp/connectors/connector.js';
import { PostgresConnector } from '../../mcp/connectors/postgres/postgres-connector.js';
import { SqliteConnector } from '../../mcp/connectors/sqlite/sqlite-connector.js';
import { SqlServerConnector } from '../../mcp/connectors/sqlserver/sqlserver-connector.js';
import { SQLSERVER_ISOLATION_SQL } from '../../mcp/connectors/sqlserver/sqlserver-catalog.js';
import { duckdb } from '../../mcp/dialects/duckdb.js';
import { ReadOnlyViolation } from '../../mcp/guard/read-only-guard.js';
import { openDuckDb, withConnection } from '../../mcp/lakehouse/local/duckdb.js';
import { runCappedSelect } from '../../mcp/lakehouse/local/duckdb-query.js';
import { ReaderSession } from '../../mcp/lakehouse/local/reader-session.js';
import { SqliteDb } from '../../mcp/store/sqlite-db.js';
import { hostileAttemptsFor } from '../guard/read-only-corpus.js';
import { startPostgres, type PgCluster } from '../helpers/postgres.js';
import { startRecordingTdsServer, type RecordedRequest } from '../helpers/recording-tds-server.js';
import { postgresAvailable } from '../helpers/system.js';
import { openFilesListed, openFilesUnder } from '../helpers/open-files.js';
import { makeTempHome } from '../helpers/temp-home.js';

/**
 * The database layer of each connector, with the query_sql guard bypassed: SQL goes straight to
 * the connector's read path, and the database itself must refuse to write. Each test builds its
 * own database. SQL Server cannot run here: for it, what the connector sends is recorded instead
 * (every read inside a transaction that is rolled back).
 */

const READ: QueryOptions = { maxRows: 100, timeoutMs: 10_000 };
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

const WRITES = [
  'DELETE FROM property',
  "INSERT INTO owner (owner_id, name) VALUES (999, 'x')",
  "UPDATE property SET geo_id = 'x'",
  'DROP TABLE property_val',
  'CREATE TABLE extra (a)',
  'ALTER TABLE property ADD COLUMN extra TEXT',
  "REPLACE INTO owner (owner_id, name) VALUES (1, 'x')",
];

describe('SQLite through SqliteConnector', () => {
  async function proofDatabase() {
    const home = makeTempHome('pacs-sqlite-layer-');
    const file = path.join(home.dir, 'pacs.sqlite');
    const writer = await SqliteDb.open(file);
    await writer.exec(`
      CREATE TABLE owner (owner_id INTEGER PRIMARY KEY, name TEXT NOT NULL);
      CREATE TABLE property (prop_id INTEGER PRIMARY KEY, geo_id TEXT, owner_id INTEGER, legal_desc TEXT);
      CREATE TABLE property_val (prop_id INTEGER NOT NULL, year INTEGER NOT NULL, market_value REAL, PRIMARY KEY (prop_id, year));
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20) INSERT INTO owner SELECT i, 'Owner ' || i FROM n;
      INSERT INTO property SELECT owner_id, 'R' || owner_id, owner_id, 'Lot ' || owner_id FROM owner;
      INSERT INTO property_val SELECT prop_id, 2024, prop_id * 1000.5 FROM property;`);
    await writer.close();
    const connector = new SqliteConnector({ file }, { id: 'proof', role: 'training' });
    const fingerprint = async () => {
      const reader = await SqliteDb.open(file, { readOnly: true });
      try {
        const schema = await reader.all('SELECT type, name, sql FROM sqlite_master ORDER BY type, name');
        const rows: Record<string, string> = {};
        for (const table of ['owner', 'property', 'property_val']) rows[table] = sha256(JSON.stringify(await reader.all(`SELECT * FROM ${table} ORDER BY rowid`)));
        return { schema: sha256(JSON.stringify(schema)), rows, bytes: sha256(fs.readFileSync(file)), files: fs.readdirSync(home.dir).sort() };
      } finally {
        await reader.close();
      }
    };
    return {
      dir: home.dir,
      connector,
      fingerprint,
      close: async () => {
        await connector.close();
        home.cleanup();
      },
    };
  }

  it('refuses every write statement at the database and changes nothing', async () => {
    const proof = await proofDatabase();
    try {
      const before = await proof.fingerprint();
      for (const sql of WRITES) await expect(proof.connector.query(sql, [], READ), sql).rejects.toThrow(/readonly|read-only|query_only/i);
      expect(await proof.fingerprint()).toEqual(before);
    } finally {
      await proof.close();
    }
  });

  it('every connection of the read pool runs with query_only on', async () => {
    const proof = await proofDatabase();
    try {
      // Concurrent reads open the whole pool; each reports the setting of the connection it ran on.
      const slow = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) SELECT (SELECT query_only FROM pragma_query_only) AS query_only, count(*) AS n FROM n';
      const results = await Promise.all(Array.from({ length: 6 }, () => proof.connector.query(slow, [], READ)));
      for (const result of results) expect(result.rows).toEqual([{ query_only: 1, n: 200000 }]);
    } finally {
      await proof.close();
    }
  });

  it('a connection whose query_only was switched off gets it back before the next statement, and still cannot write', async () => {
    const proof = await proofDatabase();
    try {
      const before = await proof.fingerprint();
      // Sequential calls reuse the one idle connection.
      await proof.connector.query('PRAGMA query_only = OFF', [], READ);
      expect((await proof.connector.query('SELECT query_only FROM pragma_query_only', [], READ)).rows).toEqual([{ query_only: 1 }]);
      await expect(proof.connector.query('DELETE FROM property', [], READ)).rejects.toThrow(/readonly|query_only/i);
      expect(await proof.fingerprint()).toEqual(before);
    } finally {
      await proof.close();
    }
  });

  it('with the guard bypassed, the whole SQLite hostile corpus leaves tables, schema and file unchanged', async () => {
    const proof = await proofDatabase();
    try {
      const before = await proof.fingerprint();
      for (const attempt of hostileAttemptsFor('sqlite')) {
        const sql = attempt.sql.replaceAll('/tmp/', `${proof.dir}/`);
        await proof.connector.query(sql, [], READ).catch(() => undefined);
      }
      const after = await proof.fingerprint();
      expect(after.rows).toEqual(before.rows);
      expect(after.schema).toEqual(before.schema);
      expect(after.bytes).toEqual(before.bytes);
    } finally {
      await proof.close();
    }
  });
  it('writes only through a connection that is not production', async () => {
    const proof = await proofDatabase();
    const file = path.join(proof.dir, 'pacs.sqlite');
    const production = new SqliteConnector({ file }, { id: 'prod', role: 'production' });
    const unnamed = new SqliteConnector({ file });
    try {
      const before = await proof.fingerprint();
      await expect(production.writeTransaction((tx) => tx.execute('DELETE FROM owner', []))).rejects.toThrow('Connection "prod" is a production connection and is read-only: writing through this connection is refused.');
      expect(await proof.fingerprint()).toEqual(before);
      expect(await proof.connector.writeTransaction((tx) => tx.execute("UPDATE owner SET name = 'Renamed' WHERE owner_id = 1", []))).toEqual({ rowsAffected: 1 });
      // A connector made without a connection record (no role to check) writes too.
      expect(await unnamed.writeTransaction((tx) => tx.execute("UPDATE owner SET name = 'Again' WHERE owner_id = 2", []))).toEqual({ rowsAffected: 1 });
      expect((await proof.connector.query('SELECT name FROM owner WHERE owner_id IN (1, 2) ORDER BY owner_id', [], READ)).rows).toEqual([{ name: 'Renamed' }, { name: 'Again' }]);
    } finally {
      await production.close();
      await unnamed.close();
      await proof.close();
    }
  });
  it('opens at most four read connections, each read-only down to its file handle', async () => {
    const proof = await proofDatabase();
    const file = fs.realpathSync(path.join(proof.dir, 'pacs.sqlite'));
    try {
      const slow = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000) SELECT count(*) AS n FROM n';
      await Promise.all(Array.from({ length: 6 }, () => proof.connector.query(slow, [], READ)));
      // The pool keeps its connections open: one handle on the file each.
      const handles = fs.readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
        } catch {
          return false;
        }
      });
      expect(handles).toHaveLength(4);
      for (const fd of handles) {
        const flags = Number.parseInt(/^flags:\s*(\d+)/m.exec(fs.readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))![1], 8);
        expect(flags & 0o3, `fd ${fd} opened O_RDONLY`).toBe(0);
      }
    } finally {
      await proof.close();
    }
  });

  it('a missing file is reported as missing, and the pool reads again once the file is back', async () => {
    const proof = await proofDatabase();
    const file = path.join(proof.dir, 'pacs.sqlite');
    const moved = path.join(proof.dir, 'moved.sqlite');
    fs.renameSync(file, moved);
    try {
      // More failures than the pool has connections: none of them keeps a place in it.
      for (let i = 0; i < 5; i++) await expect(proof.connector.query('SELECT 1 AS one', [], READ)).rejects.toMatchObject({ failure: 'file_missing' });
      expect(fs.existsSync(file)).toBe(false);
      fs.renameSync(moved, file);
      expect((await proof.connector.query('SELECT count(*) AS n FROM owner', [], READ)).rows).toEqual([{ n: 20 }]);
    } finally {
      await proof.close();
    }
  });

  it('SqliteDb opens a reader read-only with query_only on, and a writer told not to create never creates the file', async () => {
    const proof = await proofDatabase();
    try {
      const reader = await SqliteDb.open(path.join(proof.dir, 'pacs.sqlite'), { readOnly: true });
      try {
        expect(await reader.all('PRAGMA query_only')).toEqual([{ query_only: 1 }]);
        await reader.exec('PRAGMA query_only = OFF');
        await expect(reader.exec('DELETE FROM owner')).rejects.toThrow(/readonly/);
      } finally {
        await reader.close();
      }
      const missing = path.join(proof.dir, 'gone.sqlite');
      await expect(SqliteDb.open(missing, { create: false })).rejects.toThrow(/unable to open/);
      expect(fs.existsSync(missing)).toBe(false);
    } finally {
      await proof.close();
    }
  });
});

describe('DuckDB: the local lakehouse reader', () => {
  async function lakehouse() {
    const home = makeTempHome('pacs-duckdb-layer-');
    const parquet = path.join(home.dir, 'values.parquet');
    const outside = path.join(home.dir, 'other-tenant.csv');
    fs.writeFileSync(outside, 'secret\n42\n');
    const maker = await openDuckDb(':memory:');
    await withConnection(maker, (c) => c.run(`COPY (SELECT range AS prop_id, range * 1000 AS market FROM range(10)) TO ${duckdb.stringLiteral(parquet)} (FORMAT parquet)`));
    maker.closeSync();
    const session = await ReaderSession.build({ readersDir: path.join(home.dir, 'readers'), catalog: 'tenant_test', key: 'k1', tables: [{ layer: 'bronze', name: 'parcel_values', files: [parquet] }] });
    session.acquire();
    const fingerprint = () => ({ parquet: sha256(fs.readFileSync(parquet)), files: fs.readdirSync(home.dir).sort() });
    return {
      dir: home.dir,
      home,
      readersDir: path.join(home.dir, 'readers'),
      parquet,
      outside,
      session,
      fingerprint,
      close: () => {
        session.release();
        session.retire();
        home.cleanup();
      },
    };
  }

  it('reads its views', async () => {
    const lake = await lakehouse();
    try {
      expect((await runCappedSelect(lake.session.instance, 'SELECT count(*) AS n, sum(market) AS total FROM bronze.parcel_values', [], READ)).rows).toEqual([{ n: 10, total: 45000 }]);
      expect((await runCappedSelect(lake.session.instance, 'SELECT count(*) AS n FROM tenant_test.bronze.parcel_values', [], READ)).rows).toEqual([{ n: 10 }]);
    } finally {
      lake.close();
    }
  });

  it('runs only what DuckDB itself classifies as one SELECT', async () => {
    const lake = await lakehouse();
    try {
      for (const sql of ['CREATE TABLE bronze.x AS SELECT 1 AS a', 'DROP VIEW bronze.parcel_values', 'SET threads = 1', 'CHECKPOINT']) {
        await expect(runCappedSelect(lake.session.instance, sql, [], READ), sql).rejects.toThrow(ReadOnlyViolation);
      }
      await expect(runCappedSelect(lake.session.instance, 'SELECT 1; SELECT 2', [], READ)).rejects.toThrow(/exactly one SELECT.*2 statements/);
    } finally {
      lake.close();
    }
  });

  it('the database itself refuses writes, files outside its tables and changes to its limits, with no classification in front', async () => {
    const lake = await lakehouse();
    try {
      const before = lake.fingerprint();
      const refusals: [string, RegExp][] = [
        ['CREATE TABLE bronze.x AS SELECT 1 AS a', /read-only/i],
        ['CREATE VIEW bronze.y AS SELECT 1 AS a', /read-only/i],
        ['DROP VIEW bronze.parcel_values', /read-only/i],
        [`COPY (SELECT 1 AS a) TO ${duckdb.stringLiteral(path.join(lake.dir, 'leak.csv'))}`, /Permission|disabled|read-only/i],
        [`SELECT * FROM read_csv(${duckdb.stringLiteral(lake.outside)})`, /Permission|disabled/i],
        [`ATTACH ${duckdb.stringLiteral(path.join(lake.dir, 'other.duckdb'))} AS other`, /Permission|disabled|read-only/i],
        ['SET enable_external_access = true', /lock|configuration/i],
        [`SET allowed_paths = [${duckdb.stringLiteral(lake.outside)}]`, /lock|configuration/i],
        ['SET lock_configuration = false', /lock|configuration/i],
      ];
      for (const [sql, error] of refusals) {
        await expect(withConnection(lake.session.instance, (c) => c.run(sql)), sql).rejects.toThrow(error);
      }
      expect(lake.fingerprint()).toEqual(before);
    } finally {
      lake.close();
    }
  });
  it('reads up to the cap across chunks, binds parameters, and keeps two columns of one name apart', async () => {
    const lake = await lakehouse();
    try {
      const run = (sql: string, params: unknown[], maxRows: number) => runCappedSelect(lake.session.instance, sql, params, { maxRows, timeoutMs: 10_000 });
      expect(await run('SELECT range AS n FROM range(5000)', [], 5000)).toMatchObject({ row_count: 5000, truncated: false });
      const capped = await run('SELECT range AS n FROM range(5000) ORDER BY n', [], 4000);
      expect(capped).toMatchObject({ row_count: 4000, truncated: true });
      expect(capped.rows.at(-1)).toEqual({ n: 3999 });
      expect(await run('SELECT prop_id AS a, market AS a FROM bronze.parcel_values WHERE prop_id = ?', [3], 10)).toEqual({ columns: ['a', 'a_2'], rows: [{ a: 3, a_2: 3000 }], row_count: 1, truncated: false });
      await expect(run('CREATE TABLE bronze.x AS SELECT 1 AS a', [], 10)).rejects.toThrow('The lakehouse runs read-only SELECT statements only; DuckDB reads this one as CREATE. Send a single SELECT.');
      await expect(run('UPDATE EXTENSIONS', [], 10)).rejects.toThrow(/DuckDB reads this one as UPDATE EXTENSIONS\./);
    } finally {
      lake.close();
    }
  });

  it('builds each session in a folder of its own named for this process, over every file of a table', async () => {
    const home = makeTempHome('pacs-duckdb-session-');
    const readersDir = path.join(home.dir, 'readers');
    const files = [0, 1].map((i) => path.join(home.dir, `part-${i}.parquet`));
    const maker = await openDuckDb(':memory:');
    for (const [i, file] of files.entries()) await withConnection(maker, (c) => c.run(`COPY (SELECT range + ${i * 10} AS prop_id FROM range(10)) TO ${duckdb.stringLiteral(file)} (FORMAT parquet)`));
    maker.closeSync();
    const session = await ReaderSession.build({ readersDir, catalog: 'tenant_two', key: 'k', tables: [{ layer: 'bronze', name: 'parts', files }] });
    session.acquire();
    try {
      expect(fs.readdirSync(readersDir)).toEqual([expect.stringMatching(new RegExp(`^${process.pid}-[0-9a-f]{8}$`))]);
      expect((await runCappedSelect(session.instance, 'SELECT count(*) AS n, max(prop_id) AS top FROM bronze.parts', [], READ)).rows).toEqual([{ n: 20, top: 19 }]);
    } finally {
      session.release();
      session.retire();
      home.cleanup();
    }
  });

  it("allows file access to its tables' files and nothing else but its own catalog and spill folder", async () => {
    const lake = await lakehouse();
    try {
      const [setting] = await withConnection(lake.session.instance, async (c) =>
        (await c.runAndReadAll("SELECT current_setting('allowed_paths') AS paths, current_setting('allowed_directories') AS dirs")).getRowObjectsJson(),
      );
      const allowed = (setting.paths as string[]).map((p) => path.resolve(p));
      // DuckDB adds the catalog file and its WAL files itself; everything else is the tables' files.
      const [folder] = fs.readdirSync(lake.readersDir);
      const own = path.join(lake.readersDir, folder, 'tenant_test.duckdb');
      expect(allowed.filter((p) => !p.startsWith(own))).toEqual([lake.parquet]);
      expect(allowed).toContain(own);
      // The one folder it reaches is where it spills, not the session's folder around it.
      expect((setting.dirs as string[]).map((d) => path.resolve(d))).toEqual([path.join(lake.readersDir, folder, 'spill')]);
    } finally {
      lake.close();
    }
  });

  it.runIf(openFilesListed)('holds only its catalog open while in use, and nothing of its folder once retired', async () => {
    const lake = await lakehouse();
    try {
      const [folder] = fs.readdirSync(lake.readersDir);
      expect((await runCappedSelect(lake.session.instance, 'SELECT count(*) AS n FROM bronze.parcel_values', [], READ)).rows).toEqual([{ n: 10 }]);
      // The building connection, the builder and the connection that set the limits are closed.
      expect(openFilesUnder(lake.readersDir)).toEqual([path.join(lake.readersDir, folder, 'tenant_test.duckdb')]);
      lake.session.release();
      lake.session.retire();
      // A handle left open would keep the removed catalog's disk space (and, on Windows, the folder).
      expect(fs.existsSync(path.join(lake.readersDir, folder))).toBe(false);
      expect(openFilesUnder(lake.readersDir)).toEqual([]);
    } finally {
      lake.home.cleanup();
    }
  });

  it('a session that cannot be built leaves no folder behind', async () => {
    const home = makeTempHome('pacs-duckdb-session-');
    const readersDir = path.join(home.dir, 'readers');
    try {
      await expect(ReaderSession.build({ readersDir, catalog: 'tenant_bad', key: 'k', tables: [{ layer: 'bronze', name: 'gone', files: [path.join(home.dir, 'missing.parquet')] }] })).rejects.toThrow();
      expect(fs.readdirSync(readersDir)).toEqual([]);
    } finally {
      home.cleanup();
    }
  });
});

describe.runIf(postgresAvailable('read-only database layer on PostgreSQL'))('PostgreSQL through PostgresConnector', () => {
  let pg: PgCluster;

  beforeAll(async () => {
    pg = await startPostgres();
    pg.psql('CREATE ROLE pacs_app LOGIN');
    pg.psql('CREATE DATABASE layer OWNER pacs_app');
    pg.psql('ALTER SCHEMA public OWNER TO pacs_app', 'layer');
    pg.psql(
      `SET ROLE pacs_app;
       CREATE TABLE property (prop_id serial PRIMARY KEY, geo_id text);
       INSERT INTO property (geo_id) SELECT 'R' || i FROM generate_series(1, 20) AS i;`,
      'layer',
    );
  });
  afterAll(() => pg?.stop());

  /** The login owns the tables, so only the read path stands between a statement and a write. */
  const connector = () => new PostgresConnector({ id: 'layer', role: 'production', config: { host: '127.0.0.1', port: pg.port, database: 'layer', user: 'pacs_app' } }, undefined);
  const state = () => pg.psql("SELECT count(*) || ' ' || md5(string_agg(prop_id || geo_id, ',' ORDER BY prop_id)) || ' ' || (SELECT last_value FROM property_prop_id_seq) FROM property", 'layer').trim();

  it('runs every read in a READ ONLY transaction: writes fail there instead of being rolled back later', async () => {
    const before = state();
    const c = connector();
    try {
      for (const sql of [
        'DELETE FROM property',
        "UPDATE property SET geo_id = 'x'",
        "INSERT INTO property (geo_id) VALUES ('x')",
        'WITH d AS (DELETE FROM property RETURNING *) SELECT count(*) FROM d',
        "SELECT nextval('property_prop_id_seq')",
        'CREATE TABLE extra (a int)',
      ]) {
        await expect(c.query(sql, [], READ), sql).rejects.toThrow(/read-only transaction/);
      }
      await expect(c.query('SELECT 1; DELETE FROM property', [], READ)).rejects.toThrow(/multiple commands/);
      expect((await c.query('SELECT count(*) AS n FROM property', [], READ)).rows).toEqual([{ n: 20 }]);
    } finally {
      await c.close();
    }
    expect(state()).toBe(before);
  });

  it('streams in a READ ONLY transaction too', async () => {
    const before = state();
    const c = connector();
    try {
      const drain = async (sql: string) => {
        for await (const batch of c.streamBatches(sql, [], 10)) void batch;
      };
      await expect(drain('WITH d AS (DELETE FROM property RETURNING *) SELECT * FROM d')).rejects.toThrow(/read-only transaction/);
      await expect(drain("SELECT nextval('property_prop_id_seq')")).rejects.toThrow(/read-only transaction/);
    } finally {
      await c.close();
    }
    expect(state()).toBe(before);
  });
  it('reads at most the cap in one round trip, and the statement alone: its transaction cannot be made READ WRITE', async () => {
    const c = connector();
    try {
      const all = await c.query('SELECT prop_id FROM property ORDER BY prop_id', [], { maxRows: 20, timeoutMs: 10_000 });
      expect(all).toMatchObject({ row_count: 20, truncated: false });
      const capped = await c.query('SELECT prop_id FROM property ORDER BY prop_id', [], { maxRows: 19, timeoutMs: 10_000 });
      expect(capped).toMatchObject({ columns: ['prop_id'], row_count: 19, truncated: true });
      expect(capped.rows.at(-1)).toEqual({ prop_id: 19 });
      // Parameters are bound, two columns of one name stay two, an empty statement reads nothing.
      expect(await c.query('SELECT prop_id AS a, geo_id AS a FROM property WHERE prop_id = ?', [3], READ)).toEqual({ columns: ['a', 'a_2'], rows: [{ a: 3, a_2: 'R3' }], row_count: 1, truncated: false });
      expect(await c.query('-- nothing', [], READ)).toEqual({ columns: [], rows: [], row_count: 0, truncated: false });
      // The transaction has taken its snapshot before the statement runs.
      await expect(c.query('SET TRANSACTION READ WRITE', [], READ)).rejects.toThrow(/must be set before any query/);
      await expect(c.query('SELECT 1\0', [], READ)).rejects.toThrow(/NUL character/);
      // The connection's statement timeout, or the caller's when shorter.
      await expect(c.query('SELECT pg_sleep(3)', [], { maxRows: 1, timeoutMs: 300 })).rejects.toBeInstanceOf(QueryTimeoutError);
      expect((await c.query("SELECT current_setting('statement_timeout') AS t", [], { maxRows: 1, timeoutMs: 1_500 })).rows).toEqual([{ t: '1500ms' }]);
      // The server itself stops at the cap + 1: the rows after it are never computed.
      expect(await c.query('SELECT CASE WHEN g < 6 THEN g ELSE 1 / (6 - g) END AS g FROM generate_series(1, 10) AS g', [], { maxRows: 3, timeoutMs: 10_000 })).toEqual({
        columns: ['g'],
        rows: [{ g: 1 }, { g: 2 }, { g: 3 }],
        row_count: 3,
        truncated: true,
      });
    } finally {
      await c.close();
    }
  });

  it('a COPY FROM STDIN, which a READ ONLY transaction allows into a temporary table, fails on the messages sent behind it', async () => {
    // A temporary table of the session, made by a write on a connection that may write.
    const c = new PostgresConnector({ id: 'layer', role: 'training', config: { host: '127.0.0.1', port: pg.port, database: 'layer', user: 'pacs_app' } }, undefined);
    try {
      await c.writeTransaction(async (tx) => tx.execute('CREATE TEMPORARY TABLE pasted (line text)', []));
      const backend = async () => (await c.query('SELECT pg_backend_pid() AS pid, to_regclass(\'pg_temp.pasted\') IS NOT NULL AS pasted', [], READ)).rows[0];
      const before = await backend();
      expect(before.pasted).toBe(true);
      // The COPY starts, and reads the ROLLBACK already sent behind it as a protocol error:
      // PostgreSQL ends that connection, and its temporary table with it.
      await expect(c.query('COPY pasted FROM STDIN', [], READ)).rejects.toThrow('unexpected message type 0x50 during COPY from stdin');
      const after = await backend();
      expect(after.pid).not.toBe(before.pid);
      expect(after.pasted).toBe(false);
    } finally {
      await c.close();
    }
  });

  it('no read leaves its transaction open: a connection whose read failed is rolled back and used again', async () => {
    const c = connector();
    try {
      const backend = async () => (await c.query('SELECT pg_backend_pid() AS pid', [], READ)).rows[0].pid as number;
      const stateOf = (pid: number) => pg.psql(`SELECT state FROM pg_stat_activity WHERE pid = ${pid}`).trim();
      const pid = await backend();
      expect(stateOf(pid)).toBe('idle');
      await expect(c.query('DELETE FROM property', [], READ)).rejects.toThrow(/read-only transaction/);
      expect(stateOf(pid)).toBe('idle');
      expect(await backend()).toBe(pid);
    } finally {
      await c.close();
    }
  });

  it('streams every row in batches of the size asked, and a stream stopped early ends its transaction too', async () => {
    const c = connector();
    try {
      const sizes = async (sql: string, params: unknown[], batchSize: number) => {
        const out: number[] = [];
        for await (const batch of c.streamBatches(sql, params, batchSize)) out.push(batch.length);
        return out;
      };
      expect(await sizes('SELECT prop_id FROM property', [], 7)).toEqual([7, 7, 6]);
      expect(await sizes('SELECT prop_id FROM property', [], 10)).toEqual([10, 10]);
      const rows: unknown[] = [];
      for await (const batch of c.streamBatches('SELECT geo_id, prop_id::bigint AS big, DATE \'2026-01-02\' AS day FROM property WHERE prop_id = ?', [4], 10)) rows.push(...batch);
      // The values in the shapes every read gives: a bigint as a number, a date as its text.
      expect(rows).toEqual([{ geo_id: 'R4', big: 4, day: '2026-01-02' }]);
      expect(await c.queryAll('SELECT prop_id FROM property WHERE prop_id <= ? ORDER BY prop_id', [2], { timeoutMs: 10_000 })).toEqual([{ prop_id: 1 }, { prop_id: 2 }]);
      await expect(sizes('SELECT 1\0', [], 10)).rejects.toThrow(/NUL character/);

      for await (const batch of c.streamBatches('SELECT prop_id FROM property', [], 5)) {
        expect(batch).toHaveLength(5);
        break;
      }
      const { pid } = (await c.query('SELECT pg_backend_pid() AS pid', [], READ)).rows[0] as { pid: number };
      expect(pg.psql(`SELECT state FROM pg_stat_activity WHERE pid = ${pid}`).trim()).toBe('idle');

      // Cancelled between two batches: the stream ends, its cursor is closed and its transaction rolled back.
      const controller = new AbortController();
      const seen: number[] = [];
      const cancelled = (async () => {
        for await (const batch of c.streamBatches('SELECT prop_id FROM property', [], 5, controller.signal)) {
          seen.push(batch.length);
          controller.abort();
        }
      })();
      await expect(cancelled).rejects.toBeInstanceOf(QueryCancelledError);
      expect(seen).toEqual([5]);
    } finally {
      await c.close();
    }
  });

  it('refuses a write transaction on a production connection before it connects', async () => {
    const c = connector();
    try {
      await expect(c.writeTransaction(async () => undefined)).rejects.toThrow('Connection "layer" is a production connection and is read-only: writing through this connection is refused.');
    } finally {
      await c.close();
    }
  });
});

describe('SQL Server: the statements the connector sends, to a recording stand-in', () => {
  // Every read waits at most the lock timeout for PACS writers (5 s unless the connection says otherwise).
  const LOCKED = 'SET LOCK_TIMEOUT 5000; ';
  const shape = (r: RecordedRequest) =>
    r.kind === 'rpc' ? `rpc: ${r.statement}` : r.kind === 'transaction' ? `${r.operation}${r.isolation ? ` (${r.isolation})` : ''}` : `batch: ${r.text}`;

  async function recorded(work: (c: SqlServerConnector) => Promise<void>) {
    const server = await startRecordingTdsServer();
    const connector = new SqlServerConnector(
      {
        id: 'oltp',
        role: 'production',
        config: { server: '127.0.0.1', port: server.port, database: 'pacs_oltp', authentication: 'sql', user: 'reader', encrypt: false, trust_server_certificate: false, connect_timeout_ms: 5_000, request_timeout_ms: 10_000 },
      },
      'reader-password',
    );
    try {
      await work(connector);
    } finally {
      await connector.close();
      await server.close();
    }
    // The session set-up, the pool's connection check and the isolation probe are not the statements under test.
    return server.requests().filter((r) => r.kind !== 'batch' && !(r.kind === 'rpc' && (r.statement === 'SELECT 1;' || r.statement === SQLSERVER_ISOLATION_SQL)));
  }

  it('runs every read, a write included, inside a READ COMMITTED transaction that is rolled back, never committed', async () => {
    const requests = await recorded(async (c) => {
      await c.query('DELETE FROM dbo.property', [], READ);
      await c.query('SELECT prop_id FROM dbo.property WHERE prop_id = ?', [5], READ);
    });
    expect(requests.map(shape)).toEqual([
      'begin (read committed)',
      `rpc: ${LOCKED}DELETE FROM dbo.property`,
      'rollback',
      'begin (read committed)',
      `rpc: ${LOCKED}SELECT prop_id FROM dbo.property WHERE prop_id = @p1`,
      'rollback',
    ]);
  });

  it('streams inside a transaction that is rolled back too', async () => {
    const requests = await recorded(async (c) => {
      for await (const batch of c.streamBatches('UPDATE dbo.property SET geo_id = NULL', [], 100)) void batch;
    });
    expect(requests.map(shape)).toEqual(['begin (read committed)', `rpc: ${LOCKED}UPDATE dbo.property SET geo_id = NULL`, 'rollback']);
  });

  it('sends parameters as parameters, never inside the statement text', async () => {
    const hostile = "x'; DROP TABLE dbo.property; --";
    const [, call] = await recorded(async (c) => {
      await c.query('SELECT prop_id FROM dbo.property WHERE geo_id = ?', [hostile], READ);
    });
    expect(call).toMatchObject({ kind: 'rpc', statement: `${LOCKED}SELECT prop_id FROM dbo.property WHERE geo_id = @p1` });
  });

  it('refuses a write transaction on a production connection before sending anything', async () => {
    const requests = await recorded(async (c) => {
      await expect(c.writeTransaction(async () => undefined)).rejects.toThrow('Connection "oltp" is a production connection and is read-only: writing through this connection is refused.');
    });
    expect(requests).toEqual([]);
  });
});
