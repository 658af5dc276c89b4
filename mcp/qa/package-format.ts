import crypto from 'node:crypto';
import { canonicalJson } from '../util/canonical-json.js';
import { UserError } from '../util/user-error.js';
import { signatureHolds, signText } from '../util/ed25519.js';

/**
 * An offline QA review package is one gzip file of UTF-8 lines:
 *
 *   1. a header    {"format":"pacs-mcp-qa-package","version":1,"package_id":…,"origin_install_id":…}
 *   2. sections    each a begin line {"section":TYPE,…} followed by its body lines
 *   3. a trailer   {"manifest":{…},"mac":HEX}
 *
 * Section types: `snapshot` (meta, then the snapshot's canonical row lines, so the snapshot's own
 * sha256 can be recomputed), `diff` (one change per line), `validations` (one finding per line).
 * An import batch plugs in as `batch` and `batch_validations` sections with the same framing;
 * a reader that does not know a section type still verifies its hash and reports it.
 *
 * The manifest lists every section with its line count and sha256 (begin line + body), the sha256
 * and size of everything before the trailer, and the origin install's public key. So the
 * manifest covers every byte a reviewer is shown or the origin imports, and the trailer signs it
 * twice: `signature`, Ed25519 under the origin's package key, which any workstation checks
 * against the key in the manifest and, once the reviewer has confirmed that key's fingerprint
 * with the office, proves the package is the origin's; and `mac`, an HMAC under the origin's
 * keychain key, which only the origin checks.
 */
export const PACKAGE_FORMAT = 'pacs-mcp-qa-package';
export const PACKAGE_VERSION = 2;
export const PACKAGE_EXTENSION = '.pacsqa';

export const SIGNOFF_FORMAT = 'pacs-mcp-qa-signoff';
export const SIGNOFF_VERSION = 2;
export const SIGNOFF_DECISIONS = ['approved', 'rejected'] as const;
export type SignoffDecision = (typeof SIGNOFF_DECISIONS)[number];

export type SectionType = 'snapshot' | 'diff' | 'validations' | 'batch' | 'batch_validations';

export interface PackageHeader {
  format: typeof PACKAGE_FORMAT;
  version: number;
  package_id: string;
  origin_install_id: string;
}

export type PackageSubject =
  | { kind: 'snapshot_pair'; base_snapshot_id: string; target_snapshot_id: string }
  /** review_sha256: the batch's review hash (mcp/imports/review-hash.ts) when it was packaged; the origin's sign-off requires it still. */
  | { kind: 'import_batch'; batch_id: string; review_sha256: string };

export interface SectionEntry {
  index: number;
  type: SectionType | string;
  /** e.g. the snapshot id, or "base"/"target". */
  label: string;
  /** Body lines, not counting the begin line. */
  lines: number;
  sha256: string;
  /** Section-level results the reviewer sees without reading the body (diff summary, finding counts). */
  summary?: Record<string, unknown>;
}

export interface PackageManifest {
  format: typeof PACKAGE_FORMAT;
  version: number;
  package_id: string;
  created_at: string;
  created_by: string;
  origin_install_id: string;
  /** The origin install's package-signing public key (`ed25519:…`). */
  origin_key: string;
  subject: PackageSubject;
  sections: SectionEntry[];
  /** Everything before the trailer line. */
  body_bytes: number;
  body_sha256: string;
}

export interface PackageTrailer {
  manifest: PackageManifest;
  mac: string;
  /** Ed25519 signature of the canonical manifest under origin_key. */
  signature: string;
}

export const TRAILER_KEYS = ['mac', 'manifest', 'signature'];

export function manifestSha256(manifest: PackageManifest): string {
  return crypto.createHash('sha256').update(canonicalJson(manifest)).digest('hex');
}

export function manifestMac(manifest: PackageManifest, key: Buffer): string {
  return crypto.createHmac('sha256', key).update(canonicalJson(manifest)).digest('hex');
}

export function manifestSignature(manifest: PackageManifest, privateKey: crypto.KeyObject): string {
  return signText(privateKey, canonicalJson(manifest));
}

export function manifestSignatureHolds(manifest: PackageManifest, signature: unknown): boolean {
  return typeof manifest.origin_key === 'string' && signatureHolds(manifest.origin_key, canonicalJson(manifest), signature);
}

/** A package or sign-off that must not be used: altered, truncated, foreign or malformed. Nothing was imported. */
export class PackageError extends UserError {
  constructor(message: string) {
    super('invalid', message);
  }
}

/** One staged row of an import batch, in a package's `batch` section (sensitive values pseudonymised). */
export interface BatchPackageRow {
  line: number;
  prop_id: number | null;
  values: Record<string, unknown>;
}

/** One error of an import batch's latest validation (or its staging), in a `batch_validations` section. */
export interface BatchPackageError {
  line: number;
  column: string | null;
  code: string;
  message: string;
}

/** A validation finding, in a package's validations section and in the reviewer's report. */
export interface Finding {
  check: string;
  severity: 'error' | 'warning' | 'info';
  snapshot_id: string;
  prop_id: number;
  year: number;
  key?: Record<string, unknown>;
  message: string;
}
