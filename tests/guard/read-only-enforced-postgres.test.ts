import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresConnector } from '../../mcp/connectors/postgres/postgres-connector.js';
import { runCli } from '../helpers/cli.js';
import { connectStdio, errorText, type StdioSession } from '../helpers/mcp-client.js';
import { startPostgres, type PgCluster } from '../helpers/postgres.js';
import { postgresAvailable } from '../helpers/system.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';
import { hostileAttemptsFor, legitimateReadsFor } from './read-only-corpus.js';

/**
 * Proof on a real PostgreSQL that the hostile corpus changes nothing, twice over:
 *  1. through query_sql over MCP, where the guard refuses every attempt;
 *  2. straight through the connector's read path with the guard bypassed, where the database
 *     alone (READ ONLY transaction, statement timeout, one statement per call, rollback) holds.
 * The login is `pacs_app`, which OWNS the tables and could write them outside the read path;
 * not a superuser, as no PACS MCP connection should be (a superuser can COPY … TO PROGRAM even
 * in a read-only transaction: the guard refuses COPY for that reason).
 */
describe.runIf(postgresAvailable('read-only guard on PostgreSQL'))('PostgreSQL: hostile corpus against a real database', () => {
  let pg: PgCluster;
  let scratch: string;
  const home = makeTempHome();
  const env = serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '20' });
  let session: StdioSession;

  const asApp = (sql: string) => spawnSync('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(pg.port), '-U', 'pacs_app', '-d', 'pacs', '-c', sql], { encoding: 'utf8' });
  /** Puts file-writing attempts in a directory the server could write to, so a write would show. */
  const confine = (sql: string) => sql.replaceAll('/tmp/', `${scratch}/`);

  function fingerprint(): { data: Record<string, string>; schema: string; files: string[] } {
    const relations = pg
      .psql("SELECT c.relname || ':' || c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'm', 'S') ORDER BY 1", 'pacs')
      .trim()
      .split('\n');
    const data: Record<string, string> = {};
    for (const relation of relations) {
      const [name, kind] = relation.split(':');
      data[name] =
        kind === 'S'
          ? pg.psql(`SELECT last_value || '/' || is_called FROM "${name}"`, 'pacs').trim()
          : pg.psql(`SELECT count(*) || ' rows ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "${name}" t`, 'pacs').trim();
    }
    const schema = pg
      .psql(
        `SELECT md5(string_agg(x, E'\\n' ORDER BY x)) FROM (
          SELECT 'col ' || table_schema || '.' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') FROM information_schema.columns WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
          UNION ALL SELECT 'idx ' || schemaname || '.' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname <> 'pg_catalog'
          UNION ALL SELECT 'rel ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' ' || pg_get_userbyid(c.relowner) || ' ' || coalesce(array_to_string(c.relacl, ','), '') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
          UNION ALL SELECT 'view ' || viewname || ' ' || definition FROM pg_views WHERE schemaname = 'public'
          UNION ALL SELECT 'matview ' || matviewname || ' ' || definition || ' ' || ispopulated::text FROM pg_matviews
          UNION ALL SELECT 'function ' || p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
          UNION ALL SELECT 'role ' || rolname || ' ' || concat_ws(',', rolsuper, rolcanlogin, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls) FROM pg_roles
          UNION ALL SELECT 'role setting ' || setrole::text || ' ' || setdatabase::text || ' ' || array_to_string(setconfig, ',') FROM pg_db_role_setting
          UNION ALL SELECT 'database ' || datname || ' ' || coalesce(array_to_string(datacl, ','), '') FROM pg_database
          UNION ALL SELECT 'schema ' || nspname || ' ' || coalesce(array_to_string(nspacl, ','), '') FROM pg_namespace
          UNION ALL SELECT 'large objects ' || count(*) FROM pg_largeobject_metadata
          UNION ALL SELECT 'extension ' || extname FROM pg_extension
          UNION ALL SELECT 'comment ' || objoid || ' ' || description FROM pg_description WHERE objoid >= 16384
        ) s(x)`,
        'pacs',
      )
      .trim();
    return { data, schema, files: fs.readdirSync(scratch).sort() };
  }

  beforeAll(async () => {
    pg = await startPostgres();
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pacs-pg-scratch-'));
    fs.chmodSync(scratch, 0o777);
    pg.psql('CREATE ROLE pacs_app LOGIN');
    pg.psql('CREATE DATABASE pacs OWNER pacs_app');
    pg.psql('ALTER SCHEMA public OWNER TO pacs_app', 'pacs');
    const setup = asApp(`
      CREATE TABLE owner (owner_id integer PRIMARY KEY, owner_name text NOT NULL, prop_id integer);
      CREATE TABLE property (prop_id serial PRIMARY KEY, geo_id text, owner_id integer REFERENCES owner (owner_id), legal_desc text, doc jsonb);
      CREATE TABLE property_val (prop_id integer NOT NULL, prop_val_yr integer NOT NULL, market numeric(14,0), PRIMARY KEY (prop_id, prop_val_yr));
      CREATE TABLE audit_flags ("delete" boolean, "update" boolean);
      CREATE TABLE files (path text);
      CREATE INDEX property_idx ON property (geo_id);
      INSERT INTO owner SELECT i, 'Owner ' || i, i FROM generate_series(1, 25) AS i;
      INSERT INTO property (geo_id, owner_id, legal_desc, doc) SELECT 'R' || lpad(i::text, 5, '0'), (i % 25) + 1, 'Lot ' || i, jsonb_build_object('owner', 'Owner ' || i) FROM generate_series(1, 100) AS i;
      INSERT INTO property_val SELECT prop_id, y, prop_id * 1000 + y FROM property, generate_series(2023, 2024) AS y;
      CREATE MATERIALIZED VIEW property_summary AS SELECT p.prop_id, o.owner_name FROM property p JOIN owner o USING (owner_id);
      CREATE FUNCTION purge_property() RETURNS void LANGUAGE sql AS 'DELETE FROM property';
    `);
    expect(setup.stderr).toBe('');
    expect(setup.status).toBe(0);

    const add = await runCli(
      ['connections', 'add', '--id', 'pacs_pg', '--kind', 'postgres', '--role', 'production', '--host', '127.0.0.1', '--port', String(pg.port), '--database', 'pacs', '--user', 'pacs_app', '--no-password'],
      env,
    );
    expect(add.code).toBe(0);
    session = await connectStdio(env);
  });

  afterAll(async () => {
    await session?.close();
    pg?.stop();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
    home.cleanup();
  });

  it('the login could write: outside the read path its DELETE works (rolled back here)', () => {
    const result = asApp('BEGIN; DELETE FROM property_val; ROLLBACK;');
    expect(result.status).toBe(0);
    const before = fingerprint();
    expect(before.data.property).toMatch(/^100 rows/);
    expect(before.data.property_val).toMatch(/^200 rows/);
    expect(before.data.property_prop_id_seq).toBe('100/true');
  });

  /** How many query_sql calls the audit log records as refused so far. */
  async function refusedQueries(): Promise<number> {
    const audit = JSON.parse((await runCli(['audit', 'list', '--json', '--limit', '10000'], env)).stdout) as { action: string; outcome: string }[];
    return audit.filter((row) => row.action === 'query_sql' && row.outcome === 'refused').length;
  }

  it('query_sql over MCP refuses every attempt, with a reason, and nothing changes', async () => {
    const before = fingerprint();
    // Other tests have query_sql calls refused too: count from where this one starts.
    const refusedBefore = await refusedQueries();
    const attempts = hostileAttemptsFor('postgres');
    expect(attempts.length).toBeGreaterThanOrEqual(100);
    for (const attempt of attempts) {
      const result = await session.call('query_sql', { connection_id: 'pacs_pg', sql: confine(attempt.sql), timeout_ms: 2_000 });
      expect(result.isError, attempt.sql).toBe(true);
      expect(errorText(result).length, attempt.sql).toBeGreaterThan(40);
    }
    expect(fingerprint()).toEqual(before);
    expect((await refusedQueries()) - refusedBefore).toBe(attempts.length);
  });

  it('query_sql runs every corpus read on PostgreSQL itself', async () => {
    // The proof database has every table and column the corpus reads name, so each one must succeed.
    for (const read of legitimateReadsFor('postgres')) {
      const result = await session.call('query_sql', { connection_id: 'pacs_pg', sql: read.sql });
      expect(result.isError ? errorText(result) : 'ran', `${read.what}: ${read.sql}`).toBe('ran');
    }
    expect((await session.ok('query_sql', { connection_id: 'pacs_pg', sql: 'SELECT count(*) AS n FROM property' })).rows).toEqual([{ n: 100 }]);
  });

  it('a superuser login is warned about on any role, and its credential catalogs are refused', async () => {
    pg.psql("ALTER ROLE pacs_app PASSWORD 'hash-me-7731'");
    // The login can read the hashes: the attack works against the database itself.
    expect(pg.psql('SELECT count(*) FROM pg_authid WHERE rolpassword IS NOT NULL').trim()).not.toBe('0');
    const add = await runCli(
      ['connections', 'add', '--id', 'pg_super', '--kind', 'postgres', '--role', 'training', '--host', '127.0.0.1', '--port', String(pg.port), '--database', 'pacs', '--user', 'postgres', '--no-password'],
      env,
    );
    expect(add.code).toBe(0);
    const test = await session.ok('test_connection', { connection_id: 'pg_super' });
    expect(test.ok).toBe(true);
    expect(test.message).toMatch(/Warning: this connection logs in as a superuser/);
    const cli = await runCli(['connections', 'test', 'pg_super'], env);
    expect(cli.stdout).toMatch(/superuser/);
    for (const sql of ['SELECT rolname, rolpassword FROM pg_authid', 'SELECT passwd FROM pg_catalog.pg_shadow', 'SELECT * FROM pg_user_mappings']) {
      const result = await session.call('query_sql', { connection_id: 'pg_super', sql });
      expect(result.isError, sql).toBe(true);
      expect(errorText(result), sql).toMatch(/password hashes or connection secrets/);
      expect(errorText(result)).not.toMatch(/SCRAM-SHA-256|md5[0-9a-f]{32}/);
    }
    // A login that is not a superuser gets no warning.
    expect((await session.ok('test_connection', { connection_id: 'pacs_pg' })).message).not.toMatch(/superuser/);
  });

  it('with the guard bypassed, the connector read path alone keeps data, schema and server files unchanged', async () => {
    const before = fingerprint();
    const connector = new PostgresConnector(
      { id: 'bypass', role: 'production', config: { host: '127.0.0.1', port: pg.port, database: 'pacs', user: 'pacs_app' } },
      undefined,
    );
    const ranWithoutError: string[] = [];
    try {
      for (const attempt of hostileAttemptsFor('postgres')) {
        const outcome = await connector.query(confine(attempt.sql), [], { maxRows: 50, timeoutMs: 1_000 }).then(
          () => 'ran',
          () => 'failed',
        );
        if (outcome === 'ran') ranWithoutError.push(attempt.sql);
      }
      // The connector is still usable after all of it.
      expect((await connector.query('SELECT count(*) AS n FROM property', [], { maxRows: 1, timeoutMs: 5_000 })).rows).toEqual([{ n: 100 }]);
    } finally {
      await connector.close();
    }
    const after = fingerprint();
    expect(after.data).toEqual(before.data);
    expect(after.schema).toEqual(before.schema);
    expect(after.files).toEqual([]);
    // Some attempts are harmless once the database has its say and run: SHOW ALL, advisory
    // locks, COPY … TO STDOUT (a read; the connector drops its rows), a LOCK released by the
    // rollback, a string that only looks like a stacked DELETE. No statement that writes ever does.
    expect(ranWithoutError.filter((sql) => /^\s*(DELETE|INSERT|UPDATE|DROP|TRUNCATE|ALTER|CREATE|GRANT|REVOKE|MERGE|COMMENT|WITH|DO|CALL)\b/i.test(sql))).toEqual([]);
    if (process.env.PACS_TEST_VERBOSE) console.log(ranWithoutError);
    expect(ranWithoutError.length).toBeLessThan(hostileAttemptsFor('postgres').length / 2);
  });
});
