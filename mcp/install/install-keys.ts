import crypto from 'node:crypto';
import { privateKeyFromSeed, publicKeyText } from '../util/ed25519.js';
import { secretAccount, type SecretStore } from '../credentials/credentials.js';
import type { SqliteDb } from '../store/sqlite-db.js';

/** The keychain account of the per-install secret that masking and QA packages derive keys from. */
export const INSTALL_SECRET_ACCOUNT = secretAccount.install('qa-secret');

export type InstallKeyPurpose = 'masking' | 'qa-package' | 'qa-package-signing';

export interface InstallKeys {
  installId: string;
  /** HMAC key for one purpose, derived from the install secret (never stored anywhere). */
  key(purpose: InstallKeyPurpose): Buffer;
  /** A short public fingerprint of a purpose key: stored beside data it produced, so a changed key is noticed. */
  keyId(purpose: InstallKeyPurpose): string;
  /** This install's Ed25519 key for QA packages: reviewers check a package's signature with the public half. */
  packageSigningKey(): { privateKey: crypto.KeyObject; publicKey: string };
}

/** This install's id: a random UUID kept in the app store (not a secret; it travels in QA packages). */
export async function installId(store: SqliteDb): Promise<string> {
  const existing = await store.get<{ value: string }>("SELECT value FROM settings WHERE key = 'install_id'");
  if (existing) return existing.value;
  await store.run("INSERT OR IGNORE INTO settings (key, value) VALUES ('install_id', ?)", [crypto.randomUUID()]);
  const row = await store.get<{ value: string }>("SELECT value FROM settings WHERE key = 'install_id'");
  if (!row) throw new Error('The app store has no install id; it could not be created.');
  return row.value;
}

/**
 * The install secret lives only in the OS keychain. It is created on first use while holding the
 * app store's write lock, so two processes starting together cannot each create a different one.
 */
async function installSecret(store: SqliteDb, secrets: SecretStore): Promise<Buffer> {
  const existing = await secrets.get(INSTALL_SECRET_ACCOUNT);
  if (existing) return Buffer.from(existing, 'base64');
  return store.transaction(async () => {
    const again = await secrets.get(INSTALL_SECRET_ACCOUNT);
    if (again) return Buffer.from(again, 'base64');
    const fresh = crypto.randomBytes(32);
    await secrets.set(INSTALL_SECRET_ACCOUNT, fresh.toString('base64'));
    return fresh;
  });
}

export async function loadInstallKeys(store: SqliteDb, secrets: SecretStore): Promise<InstallKeys> {
  const id = await installId(store);
  const secret = await installSecret(store, secrets);
  const keys = new Map<InstallKeyPurpose, Buffer>();
  const key = (purpose: InstallKeyPurpose) => {
    let derived = keys.get(purpose);
    if (!derived) {
      derived = Buffer.from(crypto.hkdfSync('sha256', secret, Buffer.from(id), Buffer.from(`pacs-mcp ${purpose}`), 32));
      keys.set(purpose, derived);
    }
    return derived;
  };
  return {
    installId: id,
    key,
    keyId: (purpose) => crypto.createHmac('sha256', key(purpose)).update('key-id').digest('hex').slice(0, 16),
    packageSigningKey: () => {
      const privateKey = privateKeyFromSeed(key('qa-package-signing'));
      return { privateKey, publicKey: publicKeyText(privateKey) };
    },
  };
}
