import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createSecretStore } from '../../mcp/credentials/credentials.js';
import { runCli } from '../helpers/cli.js';
import { keychainAvailable } from '../helpers/system.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

const home = makeTempHome();
afterAll(home.cleanup);

function grepTree(dir: string, needle: string): string[] {
  const hits: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (fs.readFileSync(file).includes(Buffer.from(needle))) hits.push(file);
  }
  return hits;
}

describe.runIf(keychainAvailable('OS keychain'))('OS keychain (gnome-keyring Secret Service)', () => {
  const service = `PACS MCP test ${crypto.randomUUID()}`;

  it('stores, reads and deletes a real secret', async () => {
    const store = createSecretStore({ PACS_MCP_KEYCHAIN_SERVICE: service });
    expect(store.backend).toBe('keychain');
    const secret = crypto.randomBytes(16).toString('base64url');
    await store.set('connection:k1', secret);
    expect(await store.get('connection:k1')).toBe(secret);
    // A second store object (as another process would) sees the same secret.
    expect(await createSecretStore({ PACS_MCP_KEYCHAIN_SERVICE: service }).get('connection:k1')).toBe(secret);
    expect(await store.delete('connection:k1')).toBe(true);
    expect(await store.get('connection:k1')).toBeNull();
  });

  it('connections add --password-stdin puts the secret in the keychain and nowhere in the data dir or audit log', async () => {
    const secret = `pw-${crypto.randomBytes(12).toString('hex')}`;
    const env = serverEnv(home.dir, { PACS_MCP_SECRETS: 'keychain', PACS_MCP_KEYCHAIN_SERVICE: service, PACS_MCP_DEMO_SIZE: '20' });
    const add = await runCli(['connections', 'add', '--id', 'pg1', '--kind', 'postgres', '--role', 'training', '--host', '127.0.0.1', '--database', 'pacs', '--user', 'appraiser', '--password-stdin'], env, `${secret}\n`);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/keychain/);
    expect(await createSecretStore({ PACS_MCP_KEYCHAIN_SERVICE: service }).get('connection:pg1')).toBe(secret);
    const audit = await runCli(['audit', 'list', '--json'], env);
    expect(audit.stdout).toContain('connections.add');
    expect(audit.stdout).not.toContain(secret);
    expect(add.stdout + add.stderr).not.toContain(secret);
    expect(grepTree(home.dir, secret)).toEqual([]);

    const remove = await runCli(['connections', 'remove', 'pg1'], env);
    expect(remove.code).toBe(0);
    expect(await createSecretStore({ PACS_MCP_KEYCHAIN_SERVICE: service }).get('connection:pg1')).toBeNull();
  });
});

describe('without a keychain', () => {
  it('fails with a clear error, saves nothing, and never falls back to plaintext', async () => {
    const env = serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '20', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' });
    delete (env as Record<string, string | undefined>).PACS_MCP_SECRETS;
    const secret = `pw-${crypto.randomBytes(12).toString('hex')}`;
    const add = await runCli(['connections', 'add', '--id', 'nokeychain', '--kind', 'postgres', '--role', 'training', '--database', 'pacs', '--user', 'u', '--password-stdin'], env, secret);
    expect(add.code).toBe(1);
    expect(add.stderr).toMatch(/keychain is not available/);
    const list = await runCli(['connections', 'list', '--json'], { ...env, PACS_MCP_SECRETS: 'memory' });
    expect(JSON.parse(list.stdout).map((c: { id: string }) => c.id)).not.toContain('nokeychain');
    expect(grepTree(home.dir, secret)).toEqual([]);
  });

  it('rejects an unknown PACS_MCP_SECRETS value', () => {
    expect(() => createSecretStore({ PACS_MCP_SECRETS: 'plaintext' })).toThrow(/keychain.*memory/);
  });
});
