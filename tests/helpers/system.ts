import fs from 'node:fs';
import { recordNotRun } from './not-run.js';

/**
 * A suite's gate: whether what it needs is on this machine. When it is not, the suite is skipped
 * and recorded as not run, with why, for the line that ends `npm test`. Under CI=true a part the
 * build machines have (`requiredOnCi`) is required: its absence fails the run instead.
 */
export function suiteGate(suite: string, present: boolean, why: string, options: { requiredOnCi: boolean }): boolean {
  if (present) return true;
  if (options.requiredOnCi && process.env.CI === 'true') {
    throw new Error(`CI=true and ${suite} cannot run: ${why}. Install it (see README, "System packages").`);
  }
  recordNotRun({ suite, why });
  return false;
}

export const keychainAvailable = (suite = 'OS keychain suites') =>
  suiteGate(suite, process.env.PACS_TEST_KEYCHAIN === '1', 'no unlocked OS keychain: run through `npm test`, which starts gnome-keyring', { requiredOnCi: true });
export const postgresAvailable = (suite = 'PostgreSQL suites') =>
  suiteGate(suite, fs.existsSync('/usr/lib/postgresql/15/bin/initdb'), 'no PostgreSQL 15 server binaries', { requiredOnCi: true });
export const chromiumAvailable = (suite = 'Chromium suites') => suiteGate(suite, fs.existsSync('/usr/bin/chromium'), 'no /usr/bin/chromium', { requiredOnCi: true });
