import crypto from 'node:crypto';
import { secretAccount, type SecretStore } from '../credentials/credentials.js';

/** The keychain account of the audit log's HMAC key (32 random bytes, base64). */
export const AUDIT_KEY_ACCOUNT = secretAccount.install('audit-key');

/** The audit key from the keychain, or null when there is none yet. */
export async function readAuditKey(secrets: SecretStore): Promise<Buffer | null> {
  const stored = await secrets.get(AUDIT_KEY_ACCOUNT);
  return stored ? Buffer.from(stored, 'base64') : null;
}

/**
 * The audit key, created when the keychain has none. Call it only while holding the app store's
 * write lock, so two processes starting together cannot each create a different key.
 */
export async function auditKeyUnderLock(secrets: SecretStore): Promise<Buffer> {
  const existing = await readAuditKey(secrets);
  if (existing) return existing;
  const fresh = crypto.randomBytes(32);
  await secrets.set(AUDIT_KEY_ACCOUNT, fresh.toString('base64'));
  return fresh;
}

/** A short public fingerprint of the key, written into the log so a replaced key is named as such. */
export function auditKeyId(key: Buffer): string {
  let id = keyIds.get(key);
  if (id === undefined) {
    id = crypto.createHmac('sha256', key).update('pacs-mcp audit key id').digest('hex').slice(0, 16);
    keyIds.set(key, id);
  }
  return id;
}

/** Every anchor write names the key: computed once per key buffer. */
const keyIds = new WeakMap<Buffer, string>();
