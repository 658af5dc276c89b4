import path from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { closedPort, silentServer, type SilentServer } from '../helpers/loopback.js';
import { connectStdio, errorText, type StdioSession } from '../helpers/mcp-client.js';
import { resourceJson } from '../helpers/result-checks.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

/**
 * One server, several broken sources: one down (a closed loopback port), one slow (a loopback
 * socket that accepts and never answers), several misconfigured. While calls to the slow one
 * hang, every other tool keeps answering, and nothing takes the server down.
 */
const SLOW_CONNECT_MS = 4_000;
const home = makeTempHome();
const env = serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '40' });
let session: StdioSession;
let slow: SilentServer;

async function add(args: string[], stdin?: string) {
  const result = await runCli(['connections', 'add', ...args], env, stdin);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
}

/** Resolves with the time the call took; fails if it took longer than `withinMs`. */
async function answersWithin<T>(withinMs: number, call: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await call();
  expect(performance.now() - started).toBeLessThan(withinMs);
  return value;
}

beforeAll(async () => {
  slow = await silentServer();
  const down = await closedPort();
  await add(['--id', 'pg_down', '--kind', 'postgres', '--role', 'other', '--host', '127.0.0.1', '--port', String(down), '--database', 'pacs', '--user', 'u', '--no-password']);
  await add(['--id', 'pg_slow', '--kind', 'postgres', '--role', 'other', '--host', '127.0.0.1', '--port', String(slow.port), '--database', 'pacs', '--user', 'u', '--no-password', '--connect-timeout', String(SLOW_CONNECT_MS)]);
  // SQL login with no password stored (this run's secrets live in memory, per process).
  await add(['--id', 'mssql_nopw', '--kind', 'sqlserver', '--role', 'production', '--server', '127.0.0.1', '--port', String(slow.port), '--database', 'pacs_oltp', '--user', 'reader', '--no-password']);
  await add(['--id', 'mssql_win', '--kind', 'sqlserver', '--role', 'production', '--server', '127.0.0.1', '--database', 'pacs_oltp', '--auth', 'windows']);
  await add(['--id', 'pg_broken', '--kind', 'postgres', '--role', 'other', '--host', '127.0.0.1', '--database', 'pacs', '--user', 'u', '--no-password']);
  // A config edited by hand into something invalid.
  await new Promise<void>((resolve, reject) => {
    const db = new sqlite3.Database(path.join(home.dir, 'app.sqlite'));
    db.run(`UPDATE connections SET config_json = '{"host": 42, "port": "five", "database": ""}', updated_at = 'x' WHERE id = 'pg_broken'`, (err) => {
      db.close();
      if (err) reject(err);
      else resolve();
    });
  });
  session = await connectStdio(env);
  await session.ok('query_sql', { sql: 'SELECT 1 AS warm' });
});

afterAll(async () => {
  await session?.close();
  await slow?.close();
  home.cleanup();
});

describe('a down, slow or misconfigured source never blocks the others or the server', () => {
  it('while calls to the slow source hang, every other call answers at once', async () => {
    let slowSettled = false;
    const slowTest = session.ok('test_connection', { connection_id: 'pg_slow' }).finally(() => (slowSettled = true));
    const slowQuery = session.call('query_sql', { connection_id: 'pg_slow', sql: 'SELECT 1' });
    for (let waited = 0; slow.accepted() === 0 && waited < 5_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect(slow.accepted()).toBeGreaterThan(0);

    await answersWithin(1_500, async () => expect((await session.ok('query_sql', { sql: 'SELECT COUNT(*) AS n FROM property' })).rows).toEqual([{ n: 40 }]));
    await answersWithin(1_500, async () => expect((await session.ok('search_parcels', { limit: 3 })).parcels).toHaveLength(3));
    await answersWithin(1_500, async () =>
      expect((await session.ok('list_connections')).connections.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(['demo', 'lakehouse', 'pg_down', 'pg_slow', 'mssql_nopw', 'mssql_win', 'pg_broken'])),
    );

    const down = await answersWithin(1_500, () => session.ok('test_connection', { connection_id: 'pg_down' }));
    expect(down).toMatchObject({ ok: false, failure: 'refused' });
    expect(down.message).toMatch(/Nothing accepted the connection at 127\.0\.0\.1:\d+/);

    const noPassword = await answersWithin(1_500, () => session.ok('test_connection', { connection_id: 'mssql_nopw' }));
    expect(noPassword).toMatchObject({ ok: false, failure: 'login' });
    expect(noPassword.message).toMatch(/No password is stored for connection "mssql_nopw".*set-password/);

    if (process.platform !== 'win32') {
      const windows = await answersWithin(1_500, () => session.ok('test_connection', { connection_id: 'mssql_win' }));
      expect(windows).toMatchObject({ ok: false, failure: 'login' });
      expect(windows.message).toMatch(/works only on Windows/);
    }

    const broken = await answersWithin(1_500, () => session.ok('test_connection', { connection_id: 'pg_broken' }));
    expect(broken).toMatchObject({ ok: false });
    expect(broken.message).toMatch(/postgres connection settings are not valid: host: .*port: /);
    const brokenQuery = await answersWithin(1_500, () => session.call('query_sql', { connection_id: 'pg_broken', sql: 'SELECT 1' }));
    expect(brokenQuery.isError).toBe(true);

    expect(slowSettled).toBe(false);
    const timedOut = await slowTest;
    expect(timedOut).toMatchObject({ ok: false, failure: 'timeout' });
    expect(timedOut.message).toMatch(/did not answer within 4 s/);
    const query = await slowQuery;
    expect(query.isError).toBe(true);
    expect(errorText(query)).toMatch(/did not answer within 4 s.*connect timeout/);
  });

  it('a hanging call can be cancelled by the client, and the server answers the next call at once', async () => {
    const controller = new AbortController();
    const hanging = session.client.callTool({ name: 'query_sql', arguments: { connection_id: 'pg_slow', sql: 'SELECT 1' } }, undefined, { signal: controller.signal });
    setTimeout(() => controller.abort('user pressed stop'), 300);
    await expect(hanging).rejects.toThrow();
    await answersWithin(1_500, async () => expect((await session.ok('query_sql', { sql: 'SELECT 2 AS two' })).rows).toEqual([{ two: 2 }]));
  });

  it('resources and prompts about a broken source answer too', async () => {
    const status = await answersWithin(1_500, () => session.client.readResource({ uri: 'datasource://pg_down/status' }));
    expect(resourceJson(status).json).toMatchObject({ ok: false });
    const prompt = await answersWithin(1_500, () => session.client.getPrompt({ name: 'troubleshoot_connection', arguments: { connection_id: 'pg_down' } }));
    expect(JSON.stringify(prompt.messages)).toMatch(/refused/);
  });

  it('a source that drops its connections mid-call fails that call only; the server stays up', async () => {
    // A silent source of its own, since this test shuts it down.
    const dropping = await silentServer();
    await add(['--id', 'pg_dropping', '--kind', 'postgres', '--role', 'other', '--host', '127.0.0.1', '--port', String(dropping.port), '--database', 'pacs', '--user', 'u', '--no-password', '--connect-timeout', String(SLOW_CONNECT_MS)]);
    const pending = session.call('test_connection', { connection_id: 'pg_dropping' });
    for (let waited = 0; dropping.accepted() === 0 && waited < 5_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await dropping.close();
    const result = await pending;
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { ok: boolean }).ok).toBe(false);
    expect((await session.ok('query_sql', { sql: 'SELECT 3 AS three' })).rows).toEqual([{ three: 3 }]);
    expect(session.stderr()).not.toMatch(/uncaught|unhandled/i);
  });
});
