import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSecretStore, secretAccount } from '../../mcp/credentials/credentials.js';
import { runCli } from '../helpers/cli.js';
import { startHttpCli } from '../helpers/http-cli.js';
import { connectStdio, errorText } from '../helpers/mcp-client.js';
import { connectHttp } from '../helpers/mcp-http-client.js';
import { secretForms, sweepForSecret } from '../helpers/secret-sweep.js';
import { keychainAvailable } from '../helpers/system.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

const home = makeTempHome('pacs-secrets-');
const claudeDir = makeTempHome('pacs-claude-');
afterAll(() => {
  home.cleanup();
  claudeDir.cleanup();
});

describe('the secret sweep itself', () => {
  it('finds a planted secret in any of its encodings, in files and texts', () => {
    const secret = 'pw-Ünï/çødé+&=?#';
    const file = path.join(home.dir, 'planted.bin');
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(`postgresql://u:${encodeURIComponent(secret)}@h/db`)]));
    expect(sweepForSecret(secret, { paths: [home.dir] }).map((h) => h.where)).toEqual([file]);
    expect(sweepForSecret(secret, { texts: { log: `token=${Buffer.from(secret).toString('base64')}` } })).toHaveLength(1);
    expect(secretForms(secret)).toEqual(expect.arrayContaining([secret, encodeURIComponent(secret), Buffer.from(secret).toString("base64")]));
    fs.rmSync(file);
  });
});

describe.runIf(keychainAvailable())('a PostgreSQL password and the HTTP token never leave the keychain', () => {
  it('after configuring, using, auditing and exporting the Claude config, neither secret is in the data dir, logs, outputs or Claude config', async () => {
    const service = `PACS MCP secrets test ${crypto.randomUUID()}`;
    const env = serverEnv(home.dir, { PACS_MCP_SECRETS: 'keychain', PACS_MCP_KEYCHAIN_SERVICE: service, PACS_MCP_DEMO_SIZE: '40' });
    const password = `Pw-${crypto.randomBytes(9).toString('base64url')}-Ünï/çødé+&=?`;
    const texts: Record<string, string> = {};
    const keep = <R extends { stdout: string; stderr: string }>(label: string, r: R): R => {
      texts[`${label} stdout`] = r.stdout;
      texts[`${label} stderr`] = r.stderr;
      return r;
    };

    const add = keep('connections add', await runCli(['connections', 'add', '--id', 'pg_secret', '--kind', 'postgres', '--role', 'production', '--host', '127.0.0.1', '--port', '1', '--database', 'pacs_oltp', '--user', 'reader', '--password-stdin'], env, `${password}\n`));
    expect(add.code, add.stderr).toBe(0);
    const store = createSecretStore({ PACS_MCP_KEYCHAIN_SERVICE: service });
    expect(await store.get(secretAccount.connection('pg_secret'))).toBe(password);
    keep('connections list', await runCli(['connections', 'list', '--json'], env));
    keep('connections test', await runCli(['connections', 'test', 'pg_secret', '--json'], env));

    // The model's side: every tool and resource that touches the connection.
    const session = await connectStdio(env, 'secrets-sweep');
    try {
      texts['list_connections'] = JSON.stringify(await session.call('list_connections'));
      for (const [name, args] of [
        ['test_connection', { connection_id: 'pg_secret' }],
        ['query_sql', { connection_id: 'pg_secret', sql: 'SELECT 1' }],
        ['list_source_tables', { connection_id: 'pg_secret' }],
        ['describe_table', { connection_id: 'pg_secret', table_name: 'property' }],
      ] as const) {
        const result = await session.call(name, args);
        texts[`${name} ${JSON.stringify(args)}`] = JSON.stringify(result);
        expect(errorText(result)).not.toContain(password);
      }
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

    expect(sweepForSecret(password, { paths: [home.dir, claudeDir.dir], texts })).toEqual([]);
    expect(sweepForSecret(token, { paths: [home.dir, claudeDir.dir], texts })).toEqual([]);

    await runCli(['connections', 'remove', 'pg_secret'], env);
    await store.delete(secretAccount.install('http-bearer-token'));
    expect(await store.get(secretAccount.connection('pg_secret'))).toBeNull();
  });
});
