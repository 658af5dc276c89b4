import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresConnector } from '../../mcp/connectors/postgres/postgres-connector.js';
import { runCli } from '../helpers/cli.js';
import { fakePostgresServer, type FakePostgresServer } from '../helpers/fake-postgres-server.js';
import { connectStdio, errorText, type StdioSession } from '../helpers/mcp-client.js';
import { makeTempHome, serverEnv } from '../helpers/temp-home.js';

/**
 * A prompt-injected model registering connections. Replayed attacks:
 *  - the command the user is told to paste carries model-chosen text that a shell runs;
 *  - a model-registered PostgreSQL connection makes pg send the server process's PGPASSWORD or
 *    its ~/.pgpass entry to a host the model chose (here a fake server on loopback that records
 *    what it receives), and test_connection probes whatever host it names.
 */

const home = makeTempHome('pacs-model-conn-');
const userHome = path.join(home.dir, 'user-home');
const scratch = path.join(home.dir, 'scratch');
const ENV_SECRET = 'env-secret-PGPASSWORD-7f3a';
const PGPASS_SECRET = 'pgpass-secret-from-file-91c2';
let env: Record<string, string>;
let session: StdioSession;
const fakes: FakePostgresServer[] = [];

/**
 * A hostile host of the test's own: a fake server nothing else talks to, so what it records
 * (connections, startups, passwords) comes from that test alone. ~/.pgpass names its port too.
 */
async function ownFakeServer(): Promise<FakePostgresServer> {
  const fake = await fakePostgresServer();
  fakes.push(fake);
  fs.appendFileSync(path.join(userHome, '.pgpass'), `127.0.0.1:${fake.port}:*:*:${PGPASS_SECRET}\n`);
  return fake;
}

beforeAll(async () => {
  fs.mkdirSync(userHome, { recursive: true });
  fs.mkdirSync(scratch, { recursive: true });
  fs.writeFileSync(path.join(userHome, '.pgpass'), `*:*:*:*:${PGPASS_SECRET}\n`, { mode: 0o600 });
  env = serverEnv(path.join(home.dir, 'data'), { PACS_MCP_DEMO_SIZE: '30', HOME: userHome, PGPASSWORD: ENV_SECRET });
  session = await connectStdio(env);
});
afterAll(async () => {
  await session?.close();
  for (const fake of fakes) await fake.close();
  home.cleanup();
});

describe('a connection the model registers stays inert until a person confirms it', () => {
  it('is neither used nor tested: nothing reaches the host it names', async () => {
    const fake = await ownFakeServer();
    const registered = await session.ok('connect_source', { kind: 'postgres', connection_id: 'rogue', server: '127.0.0.1', port: fake.port, database: 'pacs', user: 'reader', role: 'other' });
    expect(registered).toMatchObject({ confirmed: false, confirm_command: 'pacs-mcp connections confirm rogue' });

    const test = await session.ok('test_connection', { connection_id: 'rogue' });
    expect(test).toMatchObject({ ok: false, failure: 'unconfirmed' });
    expect(test.message).toMatch(/pacs-mcp connections confirm rogue/);
    for (const [tool, args] of [
      ['query_sql', { connection_id: 'rogue', sql: 'SELECT 1' }],
      ['list_source_tables', { connection_id: 'rogue' }],
      ['describe_table', { connection_id: 'rogue', table_name: 'property' }],
      ['search_parcels', { connection_id: 'rogue', query: 'SMITH' }],
    ] as const) {
      const result = await session.call(tool, args);
      expect(result.isError, tool).toBe(true);
      expect(errorText(result), tool).toMatch(/not used until the user confirms it/);
    }
    expect(fake.connections()).toBe(0);

    // A name that resolves nowhere is not looked up either: the refusal comes before any driver.
    await session.ok('connect_source', { kind: 'postgres', connection_id: 'probe', server: 'intranet-scan.invalid', port: 22, database: 'x', user: 'y' });
    expect(await session.ok('test_connection', { connection_id: 'probe' })).toMatchObject({ ok: false, failure: 'unconfirmed' });

    const audit = JSON.parse((await runCli(['audit', 'list', '--json', '--limit', '50'], env)).stdout) as { action: string; outcome: string }[];
    expect(audit.filter((a) => a.action === 'query_sql').map((a) => a.outcome)).toContain('refused');
  });

  it('once confirmed, never sends PGPASSWORD or the .pgpass entry unless the user turned that on', async () => {
    const fake = await ownFakeServer();
    // The model registers it; the user then confirms it (without storing a password).
    const registered = await session.ok('connect_source', { kind: 'postgres', connection_id: 'rogue_confirmed', server: '127.0.0.1', port: fake.port, database: 'pacs', user: 'reader', role: 'other' });
    expect(registered).toMatchObject({ confirmed: false, confirm_command: 'pacs-mcp connections confirm rogue_confirmed' });
    const confirm = await runCli(['connections', 'confirm', 'rogue_confirmed', '--yes', '--no-password'], env);
    expect(confirm.code).toBe(0);
    expect(confirm.stdout).toMatch(/FAILED/);
    expect(confirm.stdout).toMatch(/pacs-mcp connections set-password rogue_confirmed/);
    const test = await session.ok('test_connection', { connection_id: 'rogue_confirmed' });
    expect(test).toMatchObject({ ok: false, failure: 'login' });
    expect(fake.connections()).toBeGreaterThan(0);
    expect(fake.startups().map((s) => s.user)).toContain('reader');
    expect(fake.passwords()).toEqual([]);

    // A server started without PGPASSWORD: the .pgpass entry stays home too.
    const noEnvPassword = { ...env };
    delete noEnvPassword.PGPASSWORD;
    const other = await connectStdio(noEnvPassword);
    try {
      expect(await other.ok('test_connection', { connection_id: 'rogue_confirmed' })).toMatchObject({ ok: false, failure: 'login' });
    } finally {
      await other.close();
    }
    expect(fake.passwords()).toEqual([]);

    // The control: the user turns ambient credentials on for this connection, and pg uses them.
    // (So the fake server and the environment above would catch a leak.)
    const allow = await runCli(['connections', 'confirm', 'rogue_confirmed', '--yes', '--no-password', '--ambient-credentials'], env);
    expect(allow.code).toBe(0);
    await session.ok('test_connection', { connection_id: 'rogue_confirmed' });
    expect(fake.passwords()).toContain(ENV_SECRET);
    const withPgpass = await connectStdio(noEnvPassword);
    try {
      await withPgpass.ok('test_connection', { connection_id: 'rogue_confirmed' });
    } finally {
      await withPgpass.close();
    }
    expect(fake.passwords()).toContain(PGPASS_SECRET);
  });

  it('a stored password goes to the server; PGPASSWORD never replaces it', async () => {
    // The connector as the engine builds it for a connection with a password in the keychain.
    const fake = await ownFakeServer();
    const saved = process.env.PGPASSWORD;
    process.env.PGPASSWORD = ENV_SECRET;
    const connector = new PostgresConnector({ id: 'rogue', role: 'other', config: { host: '127.0.0.1', port: fake.port, database: 'pacs', user: 'reader' } }, 'stored-in-the-keychain');
    try {
      const before = fake.passwords().length;
      expect(await connector.test()).toMatchObject({ ok: false, failure: 'login' });
      expect(fake.passwords().slice(before)).toEqual(['stored-in-the-keychain']);
    } finally {
      await connector.close();
      if (saved === undefined) delete process.env.PGPASSWORD;
      else process.env.PGPASSWORD = saved;
    }
  });
});

describe('the commands a person is told to run carry nothing a shell could execute', () => {
  const markers = Array.from({ length: 8 }, (_v, i) => path.join(scratch, `pwned-${i}`));
  const hostileText = [
    `County $(touch ${markers[0]}) GIS`,
    `GIS \`touch ${markers[1]}\` parcels`,
    `x"; touch ${markers[2]}; echo "`,
    `x' ; touch ${markers[3]} ; echo '`,
    `$(New-Item -Path ${markers[4]})`,
    `\${IFS}$(touch\${IFS}${markers[5]})`,
  ];

  it('registrations with hostile text give commands naming only the id, and running them in bash creates nothing', async () => {
    const bin = path.join(scratch, 'bin');
    fs.mkdirSync(bin, { recursive: true });
    const argvLog = path.join(scratch, 'argv.log');
    // Stands in for the installed CLI: records the arguments bash hands it.
    fs.writeFileSync(path.join(bin, 'pacs-mcp'), `#!/bin/sh\nprintf '%s|' "$@" >> '${argvLog}'\nprintf '\\n' >> '${argvLog}'\n`, { mode: 0o755 });

    const commands: string[] = [];
    let n = 0;
    for (const text of hostileText) {
      const registrations: [string, Record<string, unknown>][] = [
        ['connect_source', { kind: 'postgres', connection_id: `pg_${n}`, server: 'db.county.local', database: text, user: text, description: text }],
        ['connect_source', { kind: 'sqlserver', connection_id: `ms_${n}`, server: 'jcharrispacs', database: text, user: text, description: text, role: 'production' }],
        ['connect_source', { kind: 'sqlserver', connection_id: `win_${n}`, server: 'jcharrispacs', database: 'pacs_oltp', authentication: 'windows', description: text }],
      ];
      for (const [tool, args] of registrations) {
        const result = await session.call(tool, args);
        expect(result.isError, `${tool} ${text}`).toBeFalsy();
        const structured = result.structuredContent as { confirm_command: string; secret_command: string | null; message: string };
        commands.push(structured.confirm_command);
        if (structured.secret_command) commands.push(structured.secret_command);
        // Every indented command line of the message the user reads.
        commands.push(...structured.message.split('\n').filter((line) => line.startsWith('  ')).map((line) => line.trim()));
        const id = String(args.connection_id);
        expect(structured.confirm_command).toBe(`pacs-mcp connections confirm ${id}`);
      }
      n += 1;
    }
    // A command of this shape is inert in bash, cmd and PowerShell alike.
    for (const command of commands) expect(command).toMatch(/^pacs-mcp connections (confirm|set-password) [A-Za-z0-9][A-Za-z0-9_.-]*$/);
    for (const command of commands) execFileSync('bash', ['-c', command], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
    for (const marker of markers) expect(fs.existsSync(marker), marker).toBe(false);
    const recorded = fs.readFileSync(argvLog, 'utf8').trim().split('\n');
    expect(recorded).toHaveLength(commands.length);
    for (const line of recorded) expect(line).toMatch(/^connections\|(confirm|set-password)\|[A-Za-z0-9_.-]+\|$/);
  });

  it('server, instance and domain names must be names: shell syntax there is refused', async () => {
    const attempts: [string, Record<string, unknown>][] = [
      ['connect_source', { kind: 'postgres', connection_id: 'h1', server: `db$(touch ${markers[6]})`, database: 'd', user: 'u' }],
      ['connect_source', { kind: 'sqlserver', connection_id: 'h2', server: `jcharrispacs\`touch ${markers[7]}\``, database: 'd', user: 'u' }],
      ['connect_source', { kind: 'sqlserver', connection_id: 'h3', server: 'jcharrispacs', instance: 'PACS$(id)', database: 'd', user: 'u' }],
      ['connect_source', { kind: 'sqlserver', connection_id: 'h4', server: 'jcharrispacs', domain: 'COUNTY;rm', authentication: 'ntlm', database: 'd', user: 'u' }],
      ['connect_source', { kind: 'postgres', connection_id: 'h5', server: 'db.county.local', database: 'd', user: 'u', description: 'line one\nline two' }],
    ];
    for (const [tool, args] of attempts) {
      const result = await session.call(tool, args);
      expect(result.isError, JSON.stringify(args)).toBe(true);
      expect(errorText(result)).toMatch(/not a server name|not a plain name|control character/);
    }
    const ids = (await session.ok('list_connections')).connections.map((c: { id: string }) => c.id);
    for (const id of ['h1', 'h2', 'h3', 'h4', 'h5']) expect(ids).not.toContain(id);
  });
});
