import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { connectStdio, errorText, type StdioSession } from '../helpers/mcp-client.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

const home = makeTempHome();
const env = serverEnv(home.dir, { PACS_MCP_DEMO_SIZE: '30' });
let session: StdioSession;

/** Splits a command line the way a shell would for the values our commands contain. */
function argvOf(commandLine: string): string[] {
  return [...commandLine.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/\\"/g, '"') : m[2]));
}

beforeAll(async () => {
  session = await connectStdio(env);
});
afterAll(async () => {
  await session?.close();
  home.cleanup();
});

describe('connect_source registers PostgreSQL and SQL Server metadata, never a secret', () => {
  it('is listed with honest annotations', async () => {
    const { tools } = await session.client.listTools();
    const tool = tools.find((t) => t.name === 'connect_source')!;
    expect(tool).toBeDefined();
    expect(tool.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false });
    expect(JSON.stringify(tool.inputSchema)).not.toMatch(/password/i);
    expect(tool.description).toMatch(/never takes a password/);
  });

  it('refuses a password argument, saves nothing, and keeps the value out of the audit log', async () => {
    const secret = 'Sup3r-S3cret-value';
    for (const [tool, args] of [
      ['connect_source', { kind: 'postgres', connection_id: 'gis_refused', server: 'db.county.local', database: 'gis', user: 'reader', password: secret }],
      ['connect_source', { kind: 'postgres', connection_id: 'gis_refused', server: 'db.county.local', database: 'gis', user: 'reader', api_token: secret }],
      ['connect_source', { kind: 'sqlserver', connection_id: 'oltp_refused', server: 'jcharrispacs', database: 'pacs_oltp', user: 'sa', pwd: secret }],
    ] as const) {
      const result = await session.call(tool, args);
      expect(result.isError, tool).toBe(true);
      expect(errorText(result)).toMatch(/never accepted through this chat/);
      expect(errorText(result)).toMatch(/pacs-mcp connections confirm/);
    }
    const url = await session.call('connect_source', { kind: 'postgres', connection_id: 'gis_refused', server: `postgresql://reader:${secret}@db.county.local/gis`, database: 'gis', user: 'reader' });
    expect(url.isError).toBe(true);
    expect(errorText(url)).toMatch(/not a connection string or URL/);
    const ids = (await session.ok('list_connections')).connections.map((c: { id: string }) => c.id);
    expect(ids).not.toContain('gis_refused');
    expect(ids).not.toContain('oltp_refused');
    const audit = await runCli(['audit', 'list', '--json'], env);
    expect(audit.stdout).toContain('connect_source');
    expect(audit.stdout).toContain('refused');
    expect(audit.stdout).not.toContain(secret);
  });

  it('registers a PostgreSQL source and says exactly how the user enters its password', async () => {
    const result = await session.ok('connect_source', {
      kind: 'postgres',
      connection_id: 'gis',
      server: 'db.county.local',
      port: 5433,
      database: 'gis',
      user: 'reader',
      ssl: 'require',
      role: 'production',
      description: 'GIS parcels',
    });
    expect(result).toMatchObject({ connection_id: 'gis', kind: 'postgres', role: 'production', read_only: true, target: 'db.county.local:5433/gis', secret_required: true, confirmed: false });
    // The command names the connection id and nothing else the model chose.
    expect(result.confirm_command).toBe('pacs-mcp connections confirm gis');
    expect(result.secret_command).toBe(result.confirm_command);
    expect(result.message).toContain(result.confirm_command);
    expect(result.message).toMatch(/desktop app/);
    const listed = (await session.ok('list_connections')).connections.find((c: { id: string }) => c.id === 'gis');
    expect(listed).toMatchObject({ kind: 'postgres', role: 'production', read_only: true, origin: 'model', confirmed: false });

    // The command the result gives is one the CLI accepts (--yes and --password-stdin because no terminal is attached here):
    // it shows the settings, stores the password and confirms the connection, keeping what was registered.
    const [, ...argv] = argvOf(result.confirm_command);
    const run = await runCli([...argv, '--yes', '--password-stdin'], env, 'entered-by-a-person\n');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('db.county.local');
    expect(run.stderr).toContain('GIS parcels');
    expect(run.stdout).toMatch(/Confirmed connection "gis"/);
    const list = JSON.parse((await runCli(['connections', 'list', '--json'], env)).stdout);
    expect(list.find((c: { id: string }) => c.id === 'gis')).toMatchObject({ role: 'production', target: 'db.county.local:5433/gis', description: 'GIS parcels', confirmed: true });
  });

  it('registers SQL Server sources: SQL login, and Windows login needing no password', async () => {
    const sql = await session.ok('connect_source', { kind: 'sqlserver', connection_id: 'oltp_ro', server: 'jcharrispacs', database: 'pacs_oltp', user: 'pacs_reader', trust_server_certificate: true, role: 'production' });
    expect(sql).toMatchObject({ kind: 'sqlserver', role: 'production', read_only: true, target: 'jcharrispacs/pacs_oltp', secret_required: true });
    expect(sql.secret_command).toBe('pacs-mcp connections confirm oltp_ro');
    const windows = await session.ok('connect_source', { kind: 'sqlserver', connection_id: 'oltp_win', server: 'jcharrispacs', instance: 'PACS', database: 'pacs_oltp', authentication: 'windows', role: 'production' });
    expect(windows).toMatchObject({ secret_required: false, secret_command: null, confirm_command: 'pacs-mcp connections confirm oltp_win', target: 'jcharrispacs\\PACS/pacs_oltp' });
    expect(windows.message).toMatch(/Windows account/);
    // Not confirmed: test_connection does not try it.
    expect(await session.ok('test_connection', { connection_id: 'oltp_win' })).toMatchObject({ ok: false, failure: 'unconfirmed' });
    const confirm = await runCli(['connections', 'confirm', 'oltp_win', '--yes'], env);
    expect(confirm.code).toBe(0);
    expect(confirm.stderr).toMatch(/signs in as the Windows account/);
    if (process.platform !== 'win32') {
      const test = await session.ok('test_connection', { connection_id: 'oltp_win' });
      expect(test).toMatchObject({ ok: false, failure: 'login' });
      expect(test.message).toMatch(/works only on Windows/);
      expect(test.message).toMatch(/--auth ntlm/);
    }
  });

  it('never registers a writable connection, and never replaces one', async () => {
    const training = await session.call('connect_source', { kind: 'sqlserver', connection_id: 'sneaky', server: 'jcharrispacs', database: 'pacs_oltp', user: 'sa', role: 'training' });
    expect(training.isError).toBe(true);
    // The schema offers only the roles nothing can write through.
    expect(errorText(training)).toMatch(/role: .*"production"\|"warehouse"\|"other"/);
    const replace = await session.call('connect_source', { kind: 'postgres', connection_id: 'demo', server: 'db.county.local', database: 'x', user: 'y', role: 'other' });
    expect(replace.isError).toBe(true);
    expect(errorText(replace)).toMatch(/already exists/);
    const list = (await session.ok('list_connections')).connections;
    expect(list.find((c: { id: string }) => c.id === 'demo')).toMatchObject({ kind: 'sqlite', role: 'training' });
    expect(list.map((c: { id: string }) => c.id)).not.toContain('sneaky');
    const bad = await session.call('connect_source', { kind: 'postgres', connection_id: 'bad id!', server: 'h', database: 'd', user: 'u' });
    expect(bad.isError).toBe(true);
    expect(errorText(bad)).toMatch(/connection id/);
    const unknown = await session.call('connect_source', { kind: 'postgres', connection_id: 'x1', server: 'h', database: 'd', user: 'u', colour: 'blue' });
    expect(errorText(unknown)).toMatch(/"colour" is not an argument of this tool\. It takes: kind, connection_id, server, /);
    const misplaced = await session.call('connect_source', { kind: 'postgres', connection_id: 'x2', server: 'h', database: 'd', user: 'u', instance: 'PACS' });
    expect(misplaced.isError).toBe(true);
    expect(errorText(misplaced)).toMatch(/instance: only for sqlserver connections/);
  });
});

describe('the PACS server preset', () => {
  it('creates pacs_training (training, default) and pacs_oltp (production) on jcharrispacs', async () => {
    const add = await runCli(['connections', 'add-preset', 'pacs-server', '--auth', 'sql', '--user', 'pacs_app', '--password-stdin', '--json'], env, 'the-password\n');
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout)).toEqual([
      expect.objectContaining({ id: 'pacs_training', kind: 'sqlserver', role: 'training', is_default: true, read_only: false, target: 'jcharrispacs/pacs_training' }),
      expect.objectContaining({ id: 'pacs_oltp', kind: 'sqlserver', role: 'production', is_default: false, read_only: true, target: 'jcharrispacs/pacs_oltp' }),
    ]);
    const list = JSON.parse((await runCli(['connections', 'list', '--json'], env)).stdout);
    expect(list.filter((c: { is_default: boolean; role: string }) => c.is_default && c.role === 'training').map((c: { id: string }) => c.id)).toEqual(['pacs_training']);
    const audit = await runCli(['audit', 'list', '--json'], env);
    expect(audit.stdout).toContain('connections.add-preset');
    expect(audit.stdout).not.toContain('the-password');
  });

  it('takes another server and a domain login, and says what is missing', async () => {
    const ntlm = await runCli(['connections', 'add-preset', 'pacs-server', '--server', 'pacs2.county.local', '--auth', 'ntlm', '--domain', 'COUNTY', '--user', 'jdoe', '--password-stdin', '--json'], env, 'pw\n');
    expect(ntlm.code).toBe(0);
    expect(JSON.parse(ntlm.stdout).map((c: { target: string }) => c.target)).toEqual(['pacs2.county.local/pacs_training', 'pacs2.county.local/pacs_oltp']);
    const noDomain = await runCli(['connections', 'add-preset', 'pacs-server', '--auth', 'ntlm', '--user', 'jdoe', '--password-stdin'], env, 'pw\n');
    expect(noDomain.code).toBe(2);
    expect(noDomain.stderr).toMatch(/--auth ntlm needs --domain/);
    const noUser = await runCli(['connections', 'add-preset', 'pacs-server', '--auth', 'sql', '--password-stdin'], env, 'pw\n');
    expect(noUser.code).toBe(2);
    expect(noUser.stderr).toMatch(/needs --user/);
    const wrongPreset = await runCli(['connections', 'add-preset', 'other-server'], env);
    expect(wrongPreset.code).toBe(2);
  });
});
