import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}
interface LockFile {
  lockfileVersion: number;
  packages: Record<string, Manifest & { version?: string; link?: boolean; dev?: boolean }>;
}

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as LockFile;
const SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

/** Where npm would find `name` when required from the package installed at `from` (node's lookup, walking up). */
function resolveInLock(packages: LockFile['packages'], from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return undefined;
    const up = dir.lastIndexOf('/node_modules/');
    dir = up < 0 ? '' : dir.slice(0, up);
  }
}

/** Every disagreement between package.json and the lock file, and every dependency the lock leaves unresolved. */
function lockProblems(manifest: Manifest, lockFile: LockFile): string[] {
  const problems: string[] = [];
  const root = lockFile.packages[''] ?? {};
  for (const section of SECTIONS) {
    const declared = manifest[section] ?? {};
    const locked = root[section] ?? {};
    for (const [name, range] of Object.entries(declared)) {
      if (locked[name] !== range) problems.push(`${section}.${name}: package.json says "${range}", the lock file's root says "${locked[name] ?? 'nothing'}"`);
    }
    for (const name of Object.keys(locked)) if (!(name in declared)) problems.push(`${section}.${name} is in the lock file but not in package.json`);
  }
  // Optional packages count too: the ones for other operating systems must be locked so that `npm ci` works there.
  for (const [at, entry] of Object.entries(lockFile.packages)) {
    if (entry.link) continue;
    const edges = { ...entry.dependencies, ...entry.optionalDependencies, ...(at === '' ? entry.devDependencies : {}) };
    for (const name of Object.keys(entry.peerDependencies ?? {})) if (!entry.peerDependenciesMeta?.[name]?.optional) edges[name] = entry.peerDependencies![name];
    for (const name of Object.keys(edges)) {
      if (!resolveInLock(lockFile.packages, at, name)) problems.push(`${at || 'the project'} needs ${name}, which the lock file does not contain`);
    }
  }
  return problems;
}

const scratch: string[] = [];
afterAll(() => scratch.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** `npm ci --dry-run` offline on a copy of the two files: exactly what a clean clone's install would say, without installing. */
function npmCiDryRun(manifest: Manifest, lockFile: LockFile) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pacs-npm-ci-'));
  scratch.push(dir);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify(lockFile, null, 2));
  return spawnSync('npm', ['ci', '--dry-run', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
}

describe('package-lock.json', () => {
  it('is a v3 lock file that agrees with package.json and resolves every dependency, every platform included', () => {
    expect(lock.lockfileVersion).toBe(3);
    expect(lockProblems(pkg, lock)).toEqual([]);
  });

  it('locks the native packages of every platform the app ships for', () => {
    for (const name of [
      '@duckdb/node-bindings-win32-x64',
      '@duckdb/node-bindings-darwin-arm64',
      '@duckdb/node-bindings-darwin-x64',
      '@duckdb/node-bindings-linux-x64',
      '@napi-rs/keyring-win32-x64-msvc',
      '@napi-rs/keyring-darwin-arm64',
      '@napi-rs/keyring-darwin-x64',
      '@napi-rs/keyring-linux-x64-gnu',
      '@esbuild/win32-x64',
      '@esbuild/darwin-arm64',
      'lightningcss-win32-x64-msvc',
    ]) {
      expect(lock.packages[`node_modules/${name}`], name).toBeDefined();
    }
  });

  it('is accepted by `npm ci` as it is', () => {
    const result = npmCiDryRun(pkg, lock);
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  it('the checks catch a dependency added without the lock, a changed range and a dropped platform package', () => {
    const added = { ...pkg, dependencies: { ...pkg.dependencies, 'left-pad': '^1.3.0' } };
    expect(lockProblems(added, lock)).toContain('dependencies.left-pad: package.json says "^1.3.0", the lock file\'s root says "nothing"');
    expect(npmCiDryRun(added, lock).status).not.toBe(0);

    const changed = { ...pkg, dependencies: { ...pkg.dependencies, pg: '^7.0.0' } };
    expect(lockProblems(changed, lock).join('\n')).toMatch(/dependencies\.pg/);
    expect(npmCiDryRun(changed, lock).status).not.toBe(0);

    const dropped = structuredClone(lock);
    delete dropped.packages['node_modules/@duckdb/node-bindings-win32-x64'];
    expect(lockProblems(pkg, dropped).join('\n')).toMatch(/needs @duckdb\/node-bindings-win32-x64/);
    expect(npmCiDryRun(pkg, dropped).status).not.toBe(0);
  });
});
