import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildServerEntry, unpackedAsarPath } from '../../mcp/claude/index.js';
import { TOOLS } from '../../mcp/tools/index.js';
import { ROOT } from '../helpers/paths.js';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const builder = parse(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8'));
const MANIFEST = path.join(ROOT, 'resources/mcpb/manifest.json');
const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8'));

/** electron-builder's glob subset: **, *, {a,b}. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      re += `(?:${glob.slice(i + 1, end).split(',').map((s) => s.replace(/[.+^$()|[\]\\]/g, '\\$&')).join('|')})`;
      i = end;
    } else re += c.replace(/[.+?^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
const unpacked = (file: string) => (builder.asarUnpack as string[]).some((g) => globToRegExp(g).test(file));

function mcpbValidate(file: string) {
  const bin = path.join(ROOT, 'node_modules/.bin/mcpb');
  expect(fs.existsSync(bin), '@anthropic-ai/mcpb is a devDependency: npm install').toBe(true);
  return spawnSync(bin, ['validate', file], { encoding: 'utf8', timeout: 60_000 });
}

describe('MCP Bundle manifest (resources/mcpb/manifest.json)', () => {
  it('passes `mcpb validate` for manifest_version 0.3', () => {
    expect(manifest.manifest_version).toBe('0.3');
    const result = mcpbValidate(MANIFEST);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/validation passes/i);
  });

  it('and the validator really rejects a broken manifest', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacs-mcpb-'));
    try {
      const broken = path.join(dir, 'manifest.json');
      fs.writeFileSync(broken, JSON.stringify({ ...manifest, server: { ...manifest.server, type: 'deno' } }));
      expect(mcpbValidate(broken).status).not.toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the built CLI server, names only tools the server has, and asks for no secret', () => {
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.server.entry_point).toBe(pkg.bin['pacs-mcp']);
    expect(manifest.server.mcp_config.args).toEqual([`\${__dirname}/${pkg.bin['pacs-mcp']}`, 'serve']);
    const names = new Set(TOOLS.map((t) => t.name));
    for (const tool of manifest.tools) expect(names.has(tool.name), tool.name).toBe(true);
    for (const [key, option] of Object.entries(manifest.user_config as Record<string, { sensitive?: boolean }>)) {
      expect(option.sensitive, key).not.toBe(true);
      expect(key).not.toMatch(/pass|secret|token|key/i);
    }
  });
});

describe('electron-builder.yml', () => {
  it('builds a per-user NSIS installer that needs no admin, a dmg, an AppImage and a deb', () => {
    expect(builder.win.target.map((t: { target: string }) => t.target)).toEqual(['nsis']);
    expect(builder.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false });
    expect(builder.mac.target.map((t: { target: string }) => t.target)).toEqual(['dmg']);
    expect(builder.linux.target.map((t: { target: string }) => t.target)).toEqual(['AppImage', 'deb']);
  });

  it('leaves the runAsNode fuse on (the Claude Desktop entry needs it) and hardens the others', () => {
    expect(builder.electronFuses).toMatchObject({ runAsNode: true, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true, enableEmbeddedAsarIntegrityValidation: true });
  });

  it('packs the app code and unpacks the MCP server, its dependencies and the native modules', () => {
    expect(builder.asar).toBe(true);
    expect(pkg.main).toBe('dist/electron/main.js');
    for (const f of ['dist/electron/**', 'dist/renderer/**', 'dist/mcp/**', 'package.json']) expect(builder.files).toContain(f);
    for (const file of [
      'dist/mcp/cli/main.js',
      'dist/mcp/cli/chunks/x.js',
      'node_modules/sqlite3/build/Release/node_sqlite3.node',
      'node_modules/@napi-rs/keyring-linux-x64-gnu/keyring.linux-x64-gnu.node',
      'node_modules/@napi-rs/keyring-win32-x64-msvc/keyring.win32-x64-msvc.node',
      'node_modules/@duckdb/node-bindings-linux-x64/duckdb.node',
    ]) {
      expect(unpacked(file), file).toBe(true);
    }
    // Every package the server bundle leaves external must resolve from app.asar.unpacked.
    for (const dep of Object.keys(pkg.dependencies)) expect(unpacked(`node_modules/${dep}/package.json`), dep).toBe(true);
    expect(unpacked('dist/electron/main.js')).toBe(false);
    expect(unpacked('dist/renderer/index.html')).toBe(false);
  });

  it('agrees with the Claude Desktop entry the installed app writes', () => {
    const install = process.platform === 'win32' ? 'C:\\Users\\clerk\\AppData\\Local\\Programs\\pacs-mcp-desktop' : '/opt/PACS MCP Desktop';
    const inAsar = path.join(install, 'resources', 'app.asar', 'dist', 'mcp', 'cli', 'main.js');
    const entry = buildServerEntry({ packaged: true, execPath: path.join(install, 'pacs-mcp-desktop'), serverScript: unpackedAsarPath(inAsar) });
    expect(entry.env).toEqual({ ELECTRON_RUN_AS_NODE: '1' });
    const script = entry.args[0];
    expect(script).toContain(`${path.sep}app.asar.unpacked${path.sep}`);
    expect(unpacked(script.split(`app.asar.unpacked${path.sep}`)[1].split(path.sep).join('/'))).toBe(true);
  });
});
