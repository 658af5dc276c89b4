import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretStore } from '../../mcp/credentials/credentials.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { connectStdio, errorText, type StdioSession } from '../helpers/mcp-client.js';
import { startPostgres, type PgCluster } from '../helpers/postgres.js';
import { keychainAvailable, postgresAvailable } from '../helpers/system.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (fs.readFileSync(file).includes(Buffer.from(needle))) hits.push(file);
  }
  return hits;
}

/**
 * A PostgreSQL that requires a password, the password entered once through the built CLI into
 * the real OS keychain (gnome-keyring's Secret Service under `npm test`), and the MCP server
 * reading it from there to connect. Then the password is looked for everywhere it must not be.
 */
describe.runIf(keychainAvailable() && postgresAvailable())('a PostgreSQL password lives only in the OS keychain', () => {
  const password = `pg-${crypto.randomBytes(18).toString('base64url')}`;
  const wrongPassword = `wrong-${crypto.randomBytes(12).toString('hex')}`;
  const service = `PACS MCP test ${crypto.randomUUID()}`;
  const home = makeTempHome();
  const env = serverEnv(home.dir, { PACS_MCP_SECRETS: 'keychain', PACS_MCP_KEYCHAIN_SERVICE: service, PACS_MCP_DEMO_SIZE: '20' });
  const cliOutputs: CliResult[] = [];
  let pg: PgCluster;
  let session: StdioSession;

  const cli = async (args: string[], stdin?: string) => {
    const result = await runCli(args, env, stdin);
    cliOutputs.push(result);
    return result;
  };
  const addArgs = (id: string) => ['connections', 'add', '--id', id, '--kind', 'postgres', '--role', 'training', '--host', '127.0.0.1', '--port', String(pg.port), '--database', 'postgres', '--user', 'postgres', '--password-stdin'];

  beforeAll(async () => {
    pg = await startPostgres({ password });
    const add = await cli(addArgs('pg_secure'), `${password}\n`);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/password stored in the OS keychain/);
    expect((await cli(addArgs('pg_wrong'), `${wrongPassword}\n`)).code).toBe(0);
    session = await connectStdio(env);
  });

  afterAll(async () => {
    await session?.close();
    const store = createSecretStore({ PACS_MCP_KEYCHAIN_SERVICE: service });
    await store.delete('connection:pg_secure').catch(() => false);
    await store.delete('connection:pg_wrong').catch(() => false);
    pg?.stop();
    home.cleanup();
  });

  it('the keychain holds the password', async () => {
    expect(await createSecretStore({ PACS_MCP_KEYCHAIN_SERVICE: service }).get('connection:pg_secure')).toBe(password);
  });

  it('test_connection and query_sql work through the MCP client with the password from the keychain', async () => {
    const test = await session.ok('test_connection', { connection_id: 'pg_secure' });
    expect(test).toMatchObject({ ok: true, server_version: expect.stringMatching(/^PostgreSQL 15/) });
    const rows = await session.ok('query_sql', { connection_id: 'pg_secure', sql: 'SELECT current_user AS login' });
    expect(rows.rows).toEqual([{ login: 'postgres' }]);
    const cliTest = await cli(['connections', 'test', 'pg_secure', '--json']);
    expect(cliTest.code).toBe(0);
    expect(JSON.parse(cliTest.stdout)).toMatchObject({ ok: true });
  });

  it('a wrong password is reported as a login failure that says how to fix it, without echoing it', async () => {
    const test = await session.ok('test_connection', { connection_id: 'pg_wrong' });
    expect(test).toMatchObject({ ok: false, failure: 'login' });
    expect(test.message).toMatch(/set-password/);
    const query = await session.call('query_sql', { connection_id: 'pg_wrong', sql: 'SELECT 1' });
    expect(query.isError).toBe(true);
    expect(errorText(query)).toMatch(/refused the password/);
  });

  it('the password is nowhere in the data dir, the server stderr, CLI output or the audit rows', async () => {
    const audit = await cli(['audit', 'list', '--json', '--limit', '1000']);
    expect(audit.code).toBe(0);
    const rows = JSON.parse(audit.stdout) as { action: string }[];
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['connections.add', 'test_connection', 'query_sql']));
    for (const secret of [password, wrongPassword]) {
      expect(filesContaining(home.dir, secret)).toEqual([]);
      expect(session.stderr()).not.toContain(secret);
      expect(audit.stdout).not.toContain(secret);
      for (const output of cliOutputs) expect(output.stdout + output.stderr).not.toContain(secret);
    }
    expect(fs.readdirSync(home.dir).length).toBeGreaterThan(0);
  });

  it('removing the connection deletes its keychain entry', async () => {
    expect((await cli(['connections', 'remove', 'pg_wrong'])).code).toBe(0);
    expect(await createSecretStore({ PACS_MCP_KEYCHAIN_SERVICE: service }).get('connection:pg_wrong')).toBeNull();
  });
});
