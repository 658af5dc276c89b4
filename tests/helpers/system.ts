import fs from 'node:fs';

/**
 * Whether a system part a suite needs is here. Under CI=true a missing part is a failure,
 * not a skip; locally the suite is skipped and says why.
 */
export function requireSystemPart(name: string, present: boolean): boolean {
  if (present) return true;
  if (process.env.CI === 'true') throw new Error(`CI=true and ${name} is missing: install it (see README, "System packages").`);
  console.warn(`[not run] ${name} is not available on this machine`);
  return false;
}

export const keychainAvailable = () => requireSystemPart('the OS keychain (run through `npm test`, which starts gnome-keyring)', process.env.PACS_TEST_KEYCHAIN === '1');
export const postgresAvailable = () => requireSystemPart('PostgreSQL 15 server binaries', fs.existsSync('/usr/lib/postgresql/15/bin/initdb'));
export const chromiumAvailable = () => requireSystemPart('Chromium (/usr/bin/chromium)', fs.existsSync('/usr/bin/chromium'));
