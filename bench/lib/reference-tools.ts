import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.js';

/** The reference servers the bench measures ours against, installed beside the bench (never by `npm ci`). */
export interface ReferenceTools {
  /** Node 22 from the npm package `node` (dbhub needs node:sqlite). */
  node: string;
  /** dbhub's entry point, run with `node`. */
  dbhub: string;
  /** `node --version` of `node`. */
  nodeVersion: string;
  dbhubVersion: string;
}

const CACHE = () => path.join(repoRoot(), 'bench/.cache/reference');
const MANIFEST = () => path.join(repoRoot(), 'bench/reference');

/** The lock's hash, written after an install so a changed lock reinstalls. */
function lockHash(): string {
  return crypto.createHash('sha256').update(fs.readFileSync(path.join(MANIFEST(), 'package-lock.json'))).digest('hex');
}

function installed(): ReferenceTools | undefined {
  const dir = CACHE();
  const node = path.join(dir, 'node_modules/node/bin/node');
  const dbhub = path.join(dir, 'node_modules/@bytebase/dbhub/dist/index.js');
  const stamp = path.join(dir, '.lock-sha256');
  if (!fs.existsSync(node) || !fs.existsSync(dbhub) || !fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== lockHash()) return undefined;
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) return undefined;
  const dbhubVersion = (JSON.parse(fs.readFileSync(path.join(dir, 'node_modules/@bytebase/dbhub/package.json'), 'utf8')) as { version: string }).version;
  return { node, dbhub, nodeVersion: version.stdout.trim(), dbhubVersion };
}

/**
 * dbhub 1.4 and Node 22 from bench/reference/package-lock.json, installed with `npm ci` into
 * bench/.cache/reference the first time a full bench needs them (about a minute, from the npm
 * registry). With `install: false` (quick mode) they are used only when already there.
 */
export function referenceTools(options: { install: boolean }): ReferenceTools | undefined {
  const ready = installed();
  if (ready || !options.install) return ready;
  const dir = CACHE();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(MANIFEST(), f), path.join(dir, f));
  console.error('[bench] installing the reference servers (dbhub 1.4 on Node 22) into bench/.cache/reference …');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
  if (result.status !== 0) throw new Error(`npm ci of the bench references failed (${result.status}): ${(result.stderr || result.stdout).slice(-2_000)}`);
  fs.writeFileSync(path.join(dir, '.lock-sha256'), lockHash());
  const tools = installed();
  if (!tools) throw new Error('npm ci of the bench references finished, but Node 22 or dbhub is not where expected in bench/.cache/reference.');
  return tools;
}

/** A dbhub config serving one SQLite file read-only (its `execute_sql` refuses writes), written into `dir`. */
export function dbhubSqliteConfig(dir: string, sqliteFile: string): string {
  const file = path.join(dir, 'dbhub.toml');
  const dsn = `sqlite://${sqliteFile.startsWith('/') ? '' : '/'}${sqliteFile.replace(/\\/g, '/')}`;
  fs.writeFileSync(file, `[[sources]]\nid = "default"\ndsn = ${JSON.stringify(dsn)}\n\n[[tools]]\nname = "execute_sql"\nsource = "default"\nreadonly = true\n`);
  return file;
}
