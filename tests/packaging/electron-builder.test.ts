import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';

// electron-builder's own configuration check and packager, and the asar reader it packs with.
const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration(config: unknown, logger: unknown): Promise<void> };
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const asar = createRequire(require.resolve('app-builder-lib'))('@electron/asar') as {
  listPackage(archive: string, options: { isPack: boolean }): string[];
  statFile(archive: string, file: string): { unpacked?: boolean };
  extractFile(archive: string, file: string): Buffer;
};
const { build, Platform, Arch } = require('electron-builder') as typeof import('electron-builder');

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const config = parse(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8'));

// Electron's fuse wire as it sits in the real binary: sentinel, wire version 1, length, one byte per fuse.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = ['runAsNode', 'enableCookieEncryption', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments', 'enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar', 'loadBrowserProcessSpecificV8Snapshot', 'grantFileProtocolExtraPrivileges'];
const NATIVE = /\.(node|dll|so|dylib)$/;

describe('electron-builder.yml passes electron-builder\'s own validation', () => {
  it('as it is', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('and the validation really rejects a wrong type or a misspelt option', async () => {
    await expect(validateConfiguration({ ...config, nsis: { ...config.nsis, perMachine: 'yes' } }, new DebugLogger(false))).rejects.toThrow(/perMachine should be a boolean/);
    await expect(validateConfiguration({ ...config, asarUnpak: ['x'] }, new DebugLogger(false))).rejects.toThrow(/unknown property 'asarUnpak'/);
  });

  it('builds a per-user NSIS installer that needs no admin, a dmg, an AppImage and a deb', () => {
    expect(config.win.target.map((t: { target: string }) => t.target)).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false });
    expect(config.mac.target.map((t: { target: string }) => t.target)).toEqual(['dmg']);
    expect(config.linux.target.map((t: { target: string }) => t.target)).toEqual(['AppImage', 'deb']);
    expect(pkg.scripts.dist).toMatch(/electron-builder --config electron-builder\.yml/);
  });
});

/**
 * `npm run dist` minus what needs the network: electron-builder packs the app for Linux into a
 * folder, on a stand-in for the Electron distribution (a file carrying Electron's fuse wire, all
 * fuses at their defaults) and without rebuilding native modules against Electron's headers.
 */
describe('what electron-builder packs (a Linux folder build on a stand-in Electron)', () => {
  let work: string;
  let appDir: string;
  let archive: string;
  let inAsar: string[];

  beforeAll(async () => {
    expect(fs.existsSync(path.join(ROOT, 'dist/electron/main.js')), 'npm run build first').toBe(true);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'pacs-builder-'));
    const electronDist = path.join(work, 'electron-dist');
    fs.mkdirSync(electronDist);
    // Electron's defaults: these four on, the others off.
    const onByDefault = new Set(['runAsNode', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments', 'grantFileProtocolExtraPrivileges']);
    const defaults = Buffer.from([0x01, FUSES.length, ...FUSES.map((f) => (onByDefault.has(f) ? 0x31 : 0x30))]);
    fs.writeFileSync(path.join(electronDist, 'electron'), Buffer.concat([Buffer.from('stand-in electron\n'), Buffer.from(FUSE_SENTINEL), defaults]), { mode: 0o755 });
    await build({
      projectDir: ROOT,
      targets: Platform.LINUX.createTarget('dir', Arch.x64),
      publish: 'never',
      config: { electronDist, npmRebuild: false, directories: { ...config.directories, output: path.join(work, 'out') } },
    });
    appDir = path.join(work, 'out', 'linux-unpacked');
    archive = path.join(appDir, 'resources', 'app.asar');
    inAsar = asar.listPackage(archive, { isPack: false }).map((f) => f.replace(/\\/g, '/').replace(/^\//, ''));
  }, 300_000);

  afterAll(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  const packed = (file: string) => inAsar.includes(file) && !asar.statFile(archive, file).unpacked;
  const unpackedOnDisk = (file: string) => fs.existsSync(path.join(appDir, 'resources', 'app.asar.unpacked', file));

  it('flips the fuses: no run-as-Node, no NODE_OPTIONS, no inspector, app only from the checked asar', () => {
    const binary = fs.readFileSync(path.join(appDir, config.executableName));
    const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
    const wire = Object.fromEntries(FUSES.map((name, i) => [name, String.fromCharCode(binary[at + 2 + i])]));
    expect(wire).toMatchObject({ runAsNode: '0', enableNodeOptionsEnvironmentVariable: '0', enableNodeCliInspectArguments: '0', onlyLoadAppFromAsar: '1', enableEmbeddedAsarIntegrityValidation: '1', enableCookieEncryption: '1', grantFileProtocolExtraPrivileges: '0' });
  });

  it('keeps the app, its MCP server and every JavaScript file inside the asar; only native binaries are unpacked', () => {
    for (const file of ['package.json', 'dist/electron/main.js', 'dist/electron/lakehouse-worker.js', 'dist/electron/preload.cjs', 'dist/electron/tool-listing.json', 'dist/renderer/index.html']) expect(packed(file), file).toBe(true);
    // The stdio server Claude Desktop starts is part of the Electron main bundle.
    const mainBundle = inAsar.filter((f) => /^dist\/electron\/.*\.js$/.test(f)).map((f) => fs.readFileSync(path.join(ROOT, f), 'utf8')).join('\n');
    expect(mainBundle).toContain('--mcp-stdio');
    expect(inAsar.some((f) => f.startsWith('dist/mcp/'))).toBe(false);
    expect(inAsar.some((f) => f.endsWith('.map'))).toBe(false);

    const unpacked = listFiles(path.join(appDir, 'resources', 'app.asar.unpacked'));
    expect(unpacked.length).toBeGreaterThan(0);
    expect(unpacked.filter((f) => !NATIVE.test(f))).toEqual([]);
    for (const file of [
      'node_modules/sqlite3/build/Release/node_sqlite3.node',
      'node_modules/@napi-rs/keyring-linux-x64-gnu/keyring.linux-x64-gnu.node',
      'node_modules/@duckdb/node-bindings-linux-x64/duckdb.node',
      'node_modules/@duckdb/node-bindings-linux-x64/libduckdb.so',
    ]) {
      expect(unpackedOnDisk(file), file).toBe(true);
      expect(asar.statFile(archive, file).unpacked, file).toBe(true);
    }
  });

  it('ships every package the main bundle imports, with their own dependencies, and none of the build-time ones', () => {
    const bundleFiles = listFiles(path.join(ROOT, 'dist/electron')).filter((f) => f.endsWith('.js'));
    const imported = new Set<string>();
    for (const file of bundleFiles) {
      const text = fs.readFileSync(path.join(ROOT, 'dist/electron', file), 'utf8');
      for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']((?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w./-]*)?)["']/g)) {
        const spec = m[1];
        if (spec.startsWith('node:') || spec === 'electron') continue;
        imported.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
      }
    }
    const builtins = new Set(require('node:module').builtinModules as string[]);
    const packages = [...imported].filter((p) => !builtins.has(p));
    expect(packages).toEqual(expect.arrayContaining(['sqlite3', '@napi-rs/keyring', '@duckdb/node-api', 'pg']));
    for (const name of packages) expect(packed(`node_modules/${name}/package.json`), name).toBe(true);

    // Each shipped package finds its own (non-optional) dependencies the way Node looks them up.
    const missing: string[] = [];
    for (const manifest of inAsar.filter((f) => /(^|\/)node_modules\/(@[^/]+\/)?[^/@][^/]*\/package\.json$/.test(f))) {
      const dir = manifest.slice(0, -'/package.json'.length);
      const deps = JSON.parse(asar.extractFile(archive, manifest).toString('utf8')).dependencies ?? {};
      for (const dep of Object.keys(deps)) if (!resolvesInAsar(dir, dep)) missing.push(`${dir} → ${dep}`);
    }
    expect(missing).toEqual([]);

    expect(inAsar.some((f) => f.includes('databricks-sql-kernel')), 'the never-enabled Databricks kernel').toBe(false);
    for (const devOnly of ['react', 'react-dom', '@codemirror/view', '@tanstack/react-virtual', 'vite', 'electron', 'electron-builder', 'vitest']) {
      expect(inAsar.includes(`node_modules/${devOnly}`), devOnly).toBe(false);
    }
  });

  function resolvesInAsar(fromDir: string, name: string): boolean {
    let dir = fromDir;
    for (;;) {
      if (inAsar.includes(`${dir}/node_modules/${name}/package.json`)) return true;
      const up = dir.lastIndexOf('/node_modules/');
      if (up < 0) return inAsar.includes(`node_modules/${name}/package.json`);
      dir = dir.slice(0, up);
    }
  }
});

function listFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}
