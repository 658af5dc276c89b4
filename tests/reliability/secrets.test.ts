import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretStore, secretAccount } from '../../mcp/credentials/credentials.js';
import { runCli } from '../helpers/cli.js';
import { startHttpCli } from '../helpers/http-cli.js';
import { connectStdio, errorText } from '../helpers/mcp-client.js';
import { connectHttp } from '../helpers/mcp-http-client.js';
import { secretForms, sweepForSecret } from '../helpers/secret-sweep.js';
import { startPostgres, type PgCluster } from '../helpers/postgres.js';
import { keychainAvailable, postgresAvailable } from '../helpers/system.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

const home = makeTempHome('pacs-secrets-');
const claudeDir = makeTempHome('pacs-claude-');
afterAll(() => {
  home.cleanup();
  claudeDir.cleanup();
});

describe('the secret sweep itself', () => {
  it('finds a planted secret in any of its encodings, in files (compressed ones too) and texts', async () => {
    const secret = 'pw-Ünï/çødé+&=?#';
    const file = path.join(home.dir, 'planted.bin');
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(`postgresql://u:${encodeURIComponent(secret)}@h/db`)]));
    expect((await sweepForSecret(secret, { paths: [home.dir] })).map((h) => h.where)).toEqual([file]);
    expect(await sweepForSecret(secret, { texts: { log: `token=${Buffer.from(secret).toString('base64')}` } })).toHaveLength(1);
    const packed = path.join(home.dir, 'planted.pacsqa');
    fs.writeFileSync(packed, zlib.gzipSync(`{"note":"${secret}"}`));
    expect((await sweepForSecret(secret, { paths: [packed] })).map((h) => h.where)).toEqual([`${packed} (unpacked)`]);
    fs.rmSync(packed);
    expect(secretForms(secret)).toEqual(expect.arrayContaining([secret, encodeURIComponent(secret), Buffer.from(secret).toString("base64")]));
    fs.rmSync(file);
  });
});

describe.runIf(keychainAvailable('secrets stay in the keychain') && postgresAvailable('secrets stay in the keychain'))('a PostgreSQL password and the HTTP token never leave the keychain', () => {
  const password = `Pw-${crypto.randomBytes(9).toString('base64url')}-Ünï/çødé+&=?`;
  let pg: PgCluster;
  beforeAll(async () => {
    pg = await startPostgres({ password });
  });
  afterAll(() => pg?.stop());

  it('after configuring, using, snapshotting, packaging, serving HTTP and writing the Claude config, neither secret is in the data dir, exports, packages, logs, outputs or Claude config', async () => {
    const service = `PACS MCP secrets test ${crypto.randomUUID()}`;
    const env = serverEnv(home.dir, { PACS_MCP_SECRETS: 'keychain', PACS_MCP_KEYCHAIN_SERVICE: service, PACS_MCP_DEMO_SIZE: '40' });
    const exportsDir = path.join(home.dir, 'exports');
    fs.mkdirSync(exportsDir);
    const texts: Record<string, string> = {};
    const keep = <R extends { stdout: string; stderr: string }>(label: string, r: R): R => {
      texts[`${label} stdout`] = r.stdout;
      texts[`${label} stderr`] = r.stderr;
      return r;
    };

    const add = keep('connections add', await runCli(['connections', 'add', '--id', 'pg_secret', '--kind', 'postgres', '--role', 'production', '--host', '127.0.0.1', '--port', String(pg.port), '--database', 'postgres', '--user', 'postgres', '--password-stdin'], env, `${password}\n`));
    expect(add.code, add.stderr).toBe(0);
    const store = createSecretStore({ PACS_MCP_KEYCHAIN_SERVICE: service });
    expect(await store.get(secretAccount.connection('pg_secret'))).toBe(password);
    keep('connections list', await runCli(['connections', 'list', '--json'], env));
    const cliTest = keep('connections test', await runCli(['connections', 'test', 'pg_secret', '--json'], env));
    expect(JSON.parse(cliTest.stdout)).toMatchObject({ ok: true });
    pg.psql('CREATE TABLE parcels_pg AS SELECT g AS prop_id, 2026 AS year, g * 1000 AS market FROM generate_series(1, 30) g');

    // The model's side: every tool and resource that touches the connection.
    const session = await connectStdio(env, 'secrets-sweep');
    try {
      texts['list_connections'] = JSON.stringify(await session.call('list_connections'));
      expect((await session.ok('test_connection', { connection_id: 'pg_secret' })).ok).toBe(true);
      expect((await session.ok('query_sql', { connection_id: 'pg_secret', sql: 'SELECT current_user AS login' })).rows).toEqual([{ login: 'postgres' }]);
      for (const [name, args] of [
        ['test_connection', { connection_id: 'pg_secret' }],
        ['query_sql', { connection_id: 'pg_secret', sql: 'SELECT count(*) AS n FROM parcels_pg' }],
        ['query_sql', { connection_id: 'pg_secret', sql: 'SELECT * FROM no_such_table' }],
        ['list_source_tables', { connection_id: 'pg_secret' }],
        ['describe_table', { connection_id: 'pg_secret', table_name: 'parcels_pg' }],
      ] as const) {
        const result = await session.call(name, args);
        texts[`${name} ${JSON.stringify(args)}`] = JSON.stringify(result);
        expect(errorText(result)).not.toContain(password);
      }
      // Exports and packages made from the password-protected source.
      const snap = (name: string) => session.ok('export_parcel_snapshot', { connection_id: 'pg_secret', name, content: 'query_rows', query: 'SELECT prop_id, year, market FROM parcels_pg' });
      const a = await snap('pg before');
      pg.psql('UPDATE parcels_pg SET market = market + 1 WHERE prop_id % 3 = 0');
      const b = await snap('pg after');
      texts['snapshots'] = JSON.stringify([a, b, await session.call('diff_snapshots', { base_snapshot_id: a.snapshot_id, target_snapshot_id: b.snapshot_id })]);
      for (const ext of ['csv', 'json', 'xlsx']) keep(`snapshot show ${ext}`, await runCli(['snapshot', 'show', a.snapshot_id, '--out', path.join(exportsDir, `a.${ext}`)], env));
      keep('snapshot diff', await runCli(['snapshot', 'diff', a.snapshot_id, b.snapshot_id, '--out', path.join(exportsDir, 'd.html'), '--out', path.join(exportsDir, 'd.csv')], env));
      const pkg = keep('qa export-package', await runCli(['qa', 'export-package', a.snapshot_id, b.snapshot_id, '--out', exportsDir, '--json'], env));
      expect(pkg.code, pkg.stderr).toBe(0);
      expect(fs.readdirSync(exportsDir).some((f) => f.endsWith('.pacsqa'))).toBe(true);
      const status = await session.client.readResource({ uri: 'datasource://pg_secret/status' }).catch((err: Error) => ({ error: err.message }));
      texts['datasource status'] = JSON.stringify(status);
      const prompt = await session.client.getPrompt({ name: 'troubleshoot_connection', arguments: { connection_id: 'pg_secret' } }).catch((err: Error) => ({ error: err.message }));
      texts['troubleshoot prompt'] = JSON.stringify(prompt);
    } finally {
      await session.close();
      texts['stdio server stderr'] = session.stderr();
    }

    // The app's side: the HTTP host with its keychain token.
    const http = await startHttpCli(env);
    const token = (await store.get(secretAccount.install('http-bearer-token')))!;
    expect(token).toBeTruthy();
    const client = await connectHttp(http.url, token);
    texts['http list_connections'] = JSON.stringify(await client.call('list_connections'));
    await client.close();
    await http.stop();
    texts['http server stderr'] = http.stderr();

    const config = path.join(claudeDir.dir, 'claude_desktop_config.json');
    fs.writeFileSync(config, JSON.stringify({ mcpServers: { other: { command: 'x' } } }));
    keep('claude-config write', await runCli(['claude-config', '--write', '--config', config], env));
    keep('claude-config print', await runCli(['claude-config', '--print', '--config', config], env));
    const audit = keep('audit list', await runCli(['audit', 'list', '--json', '--limit', '1000'], env));
    expect(audit.stdout).toContain('connections.add');
    keep('audit verify', await runCli(['audit', 'verify'], env));

    expect(await sweepForSecret(password, { paths: [home.dir, claudeDir.dir], texts })).toEqual([]);
    expect(await sweepForSecret(token, { paths: [home.dir, claudeDir.dir], texts })).toEqual([]);

    await runCli(['connections', 'remove', 'pg_secret'], env);
    await store.delete(secretAccount.install('http-bearer-token'));
    expect(await store.get(secretAccount.connection('pg_secret'))).toBeNull();
  });
});
