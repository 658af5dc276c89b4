import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProductionReadOnlyError } from '../../mcp/connections/connection-types.js';
import { QueryCancelledError, QueryTimeoutError } from '../../mcp/connectors/connector.js';
import { SourceUnavailableError } from '../../mcp/connectors/connection-failure.js';
import { PostgresConnector } from '../../mcp/connectors/postgres/postgres-connector.js';
import { closedPort, silentServer } from '../helpers/loopback.js';
import { startPostgres, type PgCluster } from '../helpers/postgres.js';
import { postgresAvailable } from '../helpers/system.js';

describe.runIf(postgresAvailable())('PostgreSQL connector against a real server', () => {
  let pg: PgCluster;
  const open: PostgresConnector[] = [];

  const connector = (config: Record<string, unknown> = {}, options: { role?: 'training' | 'production'; password?: string; id?: string } = {}) => {
    const c = new PostgresConnector(
      { id: options.id ?? 'pgtest', role: options.role ?? 'training', config: { host: '127.0.0.1', port: pg.port, database: 'pacs', user: 'postgres', ...config } },
      options.password,
    );
    open.push(c);
    return c;
  };

  beforeAll(async () => {
    pg = await startPostgres();
    pg.psql('CREATE DATABASE pacs');
    pg.psql(
      `CREATE TABLE property (prop_id integer PRIMARY KEY, geo_id varchar(50), legal_acreage numeric(14,4), big numeric(30,2), created date, changed timestamp, changed_tz timestamptz, flag char(5));
       INSERT INTO property SELECT i, 'R' || lpad(i::text, 5, '0'), i / 4.0, 1234567890123456789012.34, DATE '2024-01-01' + i, TIMESTAMP '2024-05-01 13:45:00' + i * INTERVAL '1 minute', TIMESTAMPTZ '2024-05-01 13:45:00+00', 'R'
         FROM generate_series(1, 50) AS i;
       CREATE VIEW property_view AS SELECT prop_id FROM property;`,
      'pacs',
    );
  });

  afterAll(async () => {
    await Promise.all(open.map((c) => c.close()));
    pg?.stop();
  });

  it('tests the connection and reports the server version', async () => {
    const result = await connector().test();
    expect(result).toMatchObject({ ok: true, server_version: expect.stringMatching(/^PostgreSQL 15\./) });
    expect(result.message).toContain('"pacs"');
  });

  it('lists tables and views and describes columns with keys and nullability', async () => {
    const c = connector();
    const tables = await c.listTables();
    expect(tables).toEqual(
      expect.arrayContaining([
        { catalog: 'pacs', schema: 'public', name: 'property', type: 'table' },
        { catalog: 'pacs', schema: 'public', name: 'property_view', type: 'view' },
      ]),
    );
    expect(tables.some((t) => t.schema === 'pg_catalog' || t.schema === 'information_schema')).toBe(false);
    const columns = await c.describeTable('public', 'property');
    expect(columns[0]).toEqual({ name: 'prop_id', type: 'integer', nullable: false, primary_key: true });
    expect(columns.find((col) => col.name === 'legal_acreage')).toEqual({ name: 'legal_acreage', type: 'numeric(14,4)', nullable: true, primary_key: false });
    expect(await c.describeTable('public', 'PROPERTY')).toHaveLength(columns.length);
    expect(await c.describeTable('public', 'no_such_table')).toEqual([]);
  });

  it('returns columns in order and values in the shapes every source shares', async () => {
    const { columns, rows } = await connector().query(
      "SELECT prop_id, legal_acreage, big, created, changed, changed_tz, flag, count(*) OVER () AS n, '?' AS literal FROM property WHERE prop_id = ? AND geo_id <> ?",
      [2, 'x'],
      { maxRows: 10, timeoutMs: 5_000 },
    );
    expect(columns).toEqual(['prop_id', 'legal_acreage', 'big', 'created', 'changed', 'changed_tz', 'flag', 'n', 'literal']);
    expect(rows).toEqual([
      {
        prop_id: 2,
        legal_acreage: 0.5,
        big: '1234567890123456789012.34',
        created: '2024-01-03',
        changed: '2024-05-01T13:47:00',
        changed_tz: '2024-05-01T13:45:00.000Z',
        flag: 'R    ',
        n: 1,
        literal: '?',
      },
    ]);
    const empty = await connector().query('SELECT prop_id, geo_id FROM property WHERE prop_id < 0', [], { maxRows: 10, timeoutMs: 5_000 });
    expect(empty).toEqual({ columns: ['prop_id', 'geo_id'], rows: [], row_count: 0, truncated: false });
  });

  it('caps a huge result without reading it, and says it truncated', async () => {
    const started = performance.now();
    // generate_series in the select list produces rows one at a time, so only the cursor limits the work.
    const result = await connector().query('SELECT generate_series(1, 50000000) AS n', [], { maxRows: 7, timeoutMs: 10_000 });
    expect(result.row_count).toBe(7);
    expect(result.truncated).toBe(true);
    expect(result.rows.map((r) => r.n)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(performance.now() - started).toBeLessThan(3_000);
    const exact = await connector().query('SELECT g FROM generate_series(1, 7) AS g', [], { maxRows: 7, timeoutMs: 10_000 });
    expect(exact).toMatchObject({ row_count: 7, truncated: false });
    const oneMore = await connector().query('SELECT g FROM generate_series(1, 8) AS g', [], { maxRows: 7, timeoutMs: 10_000 });
    expect(oneMore).toMatchObject({ row_count: 7, truncated: true });
    expect(await connector().query('-- nothing but a comment', [], { maxRows: 7, timeoutMs: 10_000 })).toEqual({ columns: [], rows: [], row_count: 0, truncated: false });
  });

  it('stops a statement at its timeout and at the client cancel, and the connection keeps working', async () => {
    const c = connector();
    const started = performance.now();
    await expect(c.query('SELECT pg_sleep(20)', [], { maxRows: 1, timeoutMs: 1_000 })).rejects.toBeInstanceOf(QueryTimeoutError);
    expect(performance.now() - started).toBeLessThan(4_000);

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const cancelStarted = performance.now();
    await expect(c.query('SELECT pg_sleep(20)', [], { maxRows: 1, timeoutMs: 30_000, signal: controller.signal })).rejects.toBeInstanceOf(QueryCancelledError);
    expect(performance.now() - cancelStarted).toBeLessThan(4_000);
    expect((await c.query('SELECT 1 AS one', [], { maxRows: 1, timeoutMs: 5_000 })).rows).toEqual([{ one: 1 }]);
    // The cancelled statement is gone from the server, not still running.
    await new Promise((r) => setTimeout(r, 200));
    expect(pg.psql("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(20)%' AND state = 'active'").trim()).toBe('0');
  });

  it('runs reads in a read-only transaction that is rolled back', async () => {
    const c = connector();
    await expect(c.query('DELETE FROM property', [], { maxRows: 1, timeoutMs: 5_000 })).rejects.toThrow(/read-only transaction/);
    await expect(c.query("SELECT set_config('transaction_read_only', 'off', true)", [], { maxRows: 1, timeoutMs: 5_000 })).rejects.toThrow(/read-write|read-only/);
    await expect(c.query('SELECT 1; DELETE FROM property', [], { maxRows: 1, timeoutMs: 5_000 })).rejects.toThrow(/multiple commands/);
    const { rows } = await c.query("SELECT current_setting('transaction_read_only') AS ro", [], { maxRows: 1, timeoutMs: 5_000 });
    expect(rows).toEqual([{ ro: 'on' }]);
    expect(pg.psql('SELECT count(*) FROM property', 'pacs').trim()).toBe('50');
    expect(pg.psql("SELECT count(*) FROM pg_stat_activity WHERE state LIKE 'idle in transaction%'").trim()).toBe('0');
  });

  it('streams batches on demand and releases the connection when the consumer stops early', async () => {
    const c = connector();
    const sizes: number[] = [];
    for await (const batch of c.streamBatches!('SELECT g FROM generate_series(1, 2500) AS g', [], 1_000)) sizes.push(batch.length);
    expect(sizes).toEqual([1_000, 1_000, 500]);

    let seen = 0;
    for await (const batch of c.streamBatches!('SELECT generate_series(1, 10000000) AS g', [], 500)) {
      seen += batch.length;
      if (seen >= 1_000) break;
    }
    expect(seen).toBe(1_000);
    expect(pg.psql("SELECT count(*) FROM pg_stat_activity WHERE datname = 'pacs' AND state <> 'idle' AND pid <> pg_backend_pid()").trim()).toBe('0');
  });

  it('writes only on training connections, in one transaction', async () => {
    pg.psql('CREATE TABLE IF NOT EXISTS notes (id integer PRIMARY KEY, body text)', 'pacs');
    const training = connector();
    const inserted = await training.writeTransaction!(async (tx) => {
      const first = await tx.execute('INSERT INTO notes (id, body) VALUES (?, ?), (?, ?)', [1, 'one ?', 2, 'two']);
      return first.rowsAffected;
    });
    expect(inserted).toBe(2);
    await expect(
      training.writeTransaction!(async (tx) => {
        await tx.execute('INSERT INTO notes (id, body) VALUES (?, ?)', [3, 'three']);
        throw new Error('validation failed');
      }),
    ).rejects.toThrow('validation failed');
    expect(pg.psql('SELECT string_agg(id::text || body, \',\' ORDER BY id) FROM notes', 'pacs').trim()).toBe('1one ?,2two');

    const production = connector({}, { role: 'production', id: 'oltp' });
    await expect(production.writeTransaction!(async (tx) => tx.execute('DELETE FROM notes', []))).rejects.toBeInstanceOf(ProductionReadOnlyError);
    expect(pg.psql('SELECT count(*) FROM notes', 'pacs').trim()).toBe('2');
  });

  describe('failures say what to fix', () => {
    it('refused: nothing listens on the port', async () => {
      const port = await closedPort();
      const result = await connector({ port }).test();
      expect(result).toMatchObject({ ok: false, failure: 'refused' });
      expect(result.message).toMatch(/listen_addresses|firewall/);
      await expect(connector({ port }).query('SELECT 1', [], { maxRows: 1, timeoutMs: 5_000 })).rejects.toBeInstanceOf(SourceUnavailableError);
    });

    it('dns: the host name does not resolve', async () => {
      const result = await connector({ host: 'no-such-pacs-host.invalid' }).test();
      expect(result).toMatchObject({ ok: false, failure: 'dns' });
      expect(result.message).toContain('no-such-pacs-host.invalid');
    });

    it('timeout: a server that accepts and never answers', async () => {
      const silent = await silentServer();
      try {
        const started = performance.now();
        const result = await connector({ port: silent.port, connect_timeout_ms: 1_500 }).test();
        expect(result).toMatchObject({ ok: false, failure: 'timeout' });
        expect(result.message).toMatch(/did not answer within 1\.5 s/);
        expect(performance.now() - started).toBeLessThan(5_000);
      } finally {
        await silent.close();
      }
    });

    it('database_missing: the database name is wrong', async () => {
      const result = await connector({ database: 'pacs_typo' }).test();
      expect(result).toMatchObject({ ok: false, failure: 'database_missing' });
      expect(result.message).toContain('"pacs_typo"');
    });

    it('login: a wrong password, and no password at all', async () => {
      const rightPassword = `pw-${randomBytes(9).toString('hex')}`;
      const wrongPassword = `pw-${randomBytes(9).toString('hex')}`;
      pg.psql(`CREATE ROLE pw_user LOGIN PASSWORD '${rightPassword}'`);
      const hba = path.join(pg.dir, 'data', 'pg_hba.conf');
      fs.writeFileSync(hba, `host all pw_user 127.0.0.1/32 scram-sha-256\n${fs.readFileSync(hba, 'utf8')}`);
      pg.psql('SELECT pg_reload_conf()');
      await new Promise((r) => setTimeout(r, 300));
      const wrong = await connector({ user: 'pw_user' }, { password: wrongPassword }).test();
      expect(wrong).toMatchObject({ ok: false, failure: 'login' });
      expect(wrong.message).toMatch(/set-password/);
      expect(wrong.message).not.toContain(wrongPassword);
      const missing = await connector({ user: 'pw_user' }).test();
      expect(missing).toMatchObject({ ok: false, failure: 'login' });
      expect(missing.message).toMatch(/none is stored/);
      expect(await connector({ user: 'pw_user' }, { password: rightPassword }).test()).toMatchObject({ ok: true });
    });

    it('tls: ssl required by the connection but off on the server, then a self-signed certificate', async () => {
      const noSsl = await connector({ ssl: 'require' }).test();
      expect(noSsl).toMatchObject({ ok: false, failure: 'tls' });
      expect(noSsl.message).toMatch(/does not accept encrypted/);

      const data = path.join(pg.dir, 'data');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=pacs-test', '-keyout', path.join(data, 'server.key'), '-out', path.join(data, 'server.crt')], { stdio: 'ignore' });
      fs.chmodSync(path.join(data, 'server.key'), 0o600);
      if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', path.join(data, 'server.key'), path.join(data, 'server.crt')]);
      pg.psql('ALTER SYSTEM SET ssl = on');
      pg.psql('SELECT pg_reload_conf()');
      await new Promise((r) => setTimeout(r, 300));

      const selfSigned = await connector({ ssl: 'verify-full' }).test();
      expect(selfSigned).toMatchObject({ ok: false, failure: 'tls' });
      expect(selfSigned.message).toMatch(/self-signed certificate/);
      expect(selfSigned.message).toMatch(/ssl to "require"/);
      expect(await connector({ ssl: 'require' }).test()).toMatchObject({ ok: true });
    });
  });
});
