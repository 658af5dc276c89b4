import crypto from 'node:crypto';
import { secretAccount, type SecretStore } from '../credentials/credentials.js';
import { keyFingerprint, privateKeyFromSeed, publicKeyText } from '../util/ed25519.js';

/** The keychain account of this workstation's QA reviewer key (its 32-byte Ed25519 seed, base64). */
export const REVIEWER_KEY_ACCOUNT = secretAccount.install('qa-reviewer-key');

export interface ReviewerKey {
  privateKey: crypto.KeyObject;
  /** `ed25519:…`: what the office registers (`pacs-mcp qa reviewers add`). */
  publicKey: string;
  fingerprint: string;
}

/**
 * The reviewer's signing key, kept in this workstation's OS keychain and created on first use.
 * Sign-offs are signed with it; the office that sent the package accepts them only once the
 * public key is registered there.
 */
export async function reviewerKey(secrets: SecretStore): Promise<ReviewerKey> {
  let seed = await secrets.get(REVIEWER_KEY_ACCOUNT);
  if (!seed) {
    await secrets.set(REVIEWER_KEY_ACCOUNT, crypto.randomBytes(32).toString('base64'));
    // Read back: if another process created one at the same moment, both use the one that stayed.
    seed = await secrets.get(REVIEWER_KEY_ACCOUNT);
    if (!seed) throw new Error('The reviewer key could not be saved in the OS keychain.');
  }
  const privateKey = privateKeyFromSeed(Buffer.from(seed, 'base64'));
  const publicKey = publicKeyText(privateKey);
  return { privateKey, publicKey, fingerprint: keyFingerprint(publicKey) };
}
