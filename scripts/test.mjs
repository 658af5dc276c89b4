// `npm test`: build, type-check, then run vitest inside a private D-Bus session with an
// unlocked gnome-keyring, so keychain tests use the real Secret Service. System parts that
// are missing are reported; under CI=true a missing one fails the run instead.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ci = process.env.CI === 'true';
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', ...opts });
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

const systemParts = {
  'gnome-keyring-daemon': 'gnome-keyring (the OS keychain tests)',
  'dbus-run-session': 'dbus (the OS keychain tests)',
  '/usr/lib/postgresql/15/bin/initdb': 'postgresql (PostgreSQL source tests)',
  '/usr/bin/chromium': 'chromium (renderer tests)',
  sqlfluff: 'sqlfluff (the T-SQL statement checks)',
};
const missing = Object.entries(systemParts).filter(([cmd]) => (cmd.startsWith('/') ? !fs.existsSync(cmd) : !has(cmd)));
for (const [cmd, what] of missing) console.error(`[test] missing ${cmd}: ${what} will be reported as not run`);
if (ci && missing.length) {
  console.error('[test] CI=true: every system dependency must be present (see README, "System packages").');
  process.exit(1);
}

const typecheck = (project) => ['npx', ['tsc', '--noEmit', '-p', project]];
// The engine and tests; Electron main + preload (Electron's types, no binary needed); the renderer (DOM, no Node).
for (const step of [['node', ['scripts/build.mjs']], typecheck('tsconfig.json'), typecheck('electron/tsconfig.json'), typecheck('renderer/tsconfig.json')]) {
  const r = run(step[0], step[1]);
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const vitestArgs = ['vitest', 'run', ...process.argv.slice(2)];
const keyringAvailable = has('gnome-keyring-daemon') && has('dbus-run-session');
if (!keyringAvailable) {
  const r = run('npx', vitestArgs);
  process.exit(r.status ?? 1);
}

// A throwaway HOME for the keyring only; its unlock password is random per run.
const keyringHome = fs.mkdtempSync(path.join(os.tmpdir(), 'pacs-keyring-'));
fs.mkdirSync(path.join(keyringHome, 'run'), { mode: 0o700 });
const unlock = crypto.randomBytes(12).toString('hex');
const script = `printf '%s' "$PACS_KEYRING_UNLOCK" | gnome-keyring-daemon --unlock --components=secrets >/dev/null; unset PACS_KEYRING_UNLOCK; exec npx ${vitestArgs.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ')}`;
const r = run('dbus-run-session', ['--', 'sh', '-c', script], {
  env: { ...process.env, HOME: keyringHome, XDG_RUNTIME_DIR: path.join(keyringHome, 'run'), PACS_KEYRING_UNLOCK: unlock, PACS_TEST_KEYCHAIN: '1', npm_config_cache: process.env.npm_config_cache ?? path.join(os.homedir(), '.npm') },
});
fs.rmSync(keyringHome, { recursive: true, force: true });
process.exit(r.status ?? 1);
