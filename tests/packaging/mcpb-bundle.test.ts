import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectStdio, type StdioSession } from '../helpers/mcp-client.js';
import { ROOT } from '../helpers/paths.js';

const MCPB = path.join(ROOT, 'node_modules/.bin/mcpb');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** `${__dirname}` and `${user_config.*}` as Claude Desktop fills them in when it starts a bundle's server. */
function substitute(value: string, dir: string, userConfig: Record<string, string>): string {
  return value.replace(/\$\{__dirname\}/g, dir).replace(/\$\{user_config\.([\w-]+)\}/g, (_, key: string) => userConfig[key] ?? '');
}

// Outside the repository, so nothing can resolve from the project's own node_modules.
describe('the Claude Desktop bundle (npm run bundle:mcpb)', () => {
  let work: string;
  let bundle: string;
  let unpacked: string;
  let manifest: any;
  let session: StdioSession | undefined;

  beforeAll(() => {
    expect(pkg.scripts['bundle:mcpb']).toMatch(/scripts\/bundle-mcpb\.mjs/);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'pacs-mcpb-bundle-'));
    const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts/bundle-mcpb.mjs'), '--out', work], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
    expect(built.status, built.stdout + built.stderr).toBe(0);
    bundle = path.join(work, `pacs-mcp-${pkg.version}-${process.platform}-${process.arch}.mcpb`);
    expect(fs.existsSync(bundle), built.stdout).toBe(true);
    unpacked = path.join(work, 'unpacked');
    const result = spawnSync(MCPB, ['unpack', bundle, unpacked], { encoding: 'utf8', timeout: 120_000 });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    manifest = JSON.parse(fs.readFileSync(path.join(unpacked, 'manifest.json'), 'utf8'));
  }, 300_000);

  afterAll(async () => {
    await session?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('carries a manifest that `mcpb validate` accepts, limited to the platform it was built on', () => {
    const result = spawnSync(MCPB, ['validate', path.join(unpacked, 'manifest.json')], { encoding: 'utf8', timeout: 60_000 });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(manifest.compatibility.platforms).toEqual([process.platform]);
    expect(manifest.version).toBe(pkg.version);
  });

  it('holds the server and its production packages, native ones for this platform, and no build tools', () => {
    expect(fs.existsSync(path.join(unpacked, manifest.server.entry_point))).toBe(true);
    for (const dep of Object.keys(pkg.dependencies)) expect(fs.existsSync(path.join(unpacked, 'node_modules', dep, 'package.json')), dep).toBe(true);
    expect(fs.existsSync(path.join(unpacked, 'node_modules/sqlite3/build/Release/node_sqlite3.node'))).toBe(true);
    for (const devOnly of ['vitest', 'electron', 'electron-builder', 'react', '@codemirror/view', '@anthropic-ai/mcpb']) {
      expect(fs.existsSync(path.join(unpacked, 'node_modules', devOnly)), devOnly).toBe(false);
    }
  });

  it('runs its server exactly as the manifest says, on a fresh data dir: initialize, tools/list, a query on the demo', async () => {
    const home = path.join(work, 'data');
    const config = manifest.server.mcp_config;
    const env = Object.fromEntries(Object.entries(config.env as Record<string, string>).map(([k, v]) => [k, substitute(v, unpacked, { data_dir: home })]));
    expect(env.PACS_MCP_HOME).toBe(home);
    // Claude Desktop runs `node` bundles with the Node runtime it ships; here that is this Node.
    expect(config.command).toBe('node');
    session = await connectStdio(
      { PATH: process.env.PATH ?? '', HOME: os.homedir(), ...env, PACS_MCP_SECRETS: 'memory', PACS_MCP_DEMO_SIZE: '300' },
      'claude-desktop-bundle-test',
      { command: process.execPath, args: (config.args as string[]).map((a) => substitute(a, unpacked, { data_dir: home })), cwd: work },
    );
    expect(session.client.getServerVersion()?.name).toBeTruthy();

    const { tools } = await session.client.listTools();
    const names = tools.map((t) => t.name);
    for (const tool of manifest.tools as { name: string }[]) expect(names, tool.name).toContain(tool.name);

    const answer = await session.ok('query_sql', { connection_id: 'demo', sql: 'SELECT COUNT(*) AS parcels FROM property' });
    expect(answer).toMatchObject({ connection_id: 'demo', rows: [{ parcels: 300 }] });
    expect(fs.existsSync(path.join(home, 'demo-pacs.sqlite'))).toBe(true);
  });
});
