import crypto from 'node:crypto';
import { UserError } from './user-error.js';

/**
 * Ed25519 keys as the app shows and stores them: a public key is `ed25519:` and the base64url of
 * its 32 bytes; its fingerprint (what people compare by phone or e-mail) is 128 bits of its
 * SHA-256 in groups of four hex digits.
 */
const PUBLIC_PREFIX = 'ed25519:';
/** PKCS#8 framing of a 32-byte Ed25519 seed (RFC 8410). */
const PKCS8_SEED_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX_BYTES = 12;

export class KeyFormatError extends UserError {
  constructor(message: string) {
    super('invalid', message);
  }
}

/** The private key for a 32-byte seed (random, or derived from a keychain secret). */
export function privateKeyFromSeed(seed: Buffer): crypto.KeyObject {
  if (seed.length !== 32) throw new KeyFormatError('An Ed25519 seed is 32 bytes.');
  return crypto.createPrivateKey({ key: Buffer.concat([PKCS8_SEED_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function publicKeyText(privateKey: crypto.KeyObject): string {
  const spki = crypto.createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return PUBLIC_PREFIX + spki.subarray(SPKI_PREFIX_BYTES).toString('base64url');
}

/** The public key of `text`, or KeyFormatError saying what a key looks like. */
export function publicKeyFromText(text: string): crypto.KeyObject {
  const trimmed = text.trim();
  const raw = trimmed.startsWith(PUBLIC_PREFIX) ? Buffer.from(trimmed.slice(PUBLIC_PREFIX.length), 'base64url') : Buffer.alloc(0);
  if (raw.length !== 32 || PUBLIC_PREFIX + raw.toString('base64url') !== trimmed) {
    throw new KeyFormatError(`"${trimmed.slice(0, 80)}" is not a PACS MCP public key: it is "ed25519:" followed by 43 characters, as \`pacs-mcp qa reviewer-key\` prints it.`);
  }
  return crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

export function keyFingerprint(publicKey: string): string {
  const hex = crypto.createHash('sha256').update(publicKey.trim()).digest('hex').slice(0, 32);
  return hex.match(/.{4}/g)!.join('-');
}

/** Whether `given` names `publicKey`: the whole key, or its fingerprint (case, spaces and dashes ignored). */
export function namesKey(given: string, publicKey: string): boolean {
  const plain = (s: string) => s.trim().toLowerCase().replace(/[\s-]/g, '');
  return given.trim() === publicKey || plain(given) === plain(keyFingerprint(publicKey));
}

export function signText(privateKey: crypto.KeyObject, text: string): string {
  return crypto.sign(null, Buffer.from(text), privateKey).toString('base64url');
}

export function signatureHolds(publicKey: string, text: string, signature: unknown): boolean {
  if (typeof signature !== 'string') return false;
  try {
    return crypto.verify(null, Buffer.from(text), publicKeyFromText(publicKey), Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}
