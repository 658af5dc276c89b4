import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SecretStore } from '../credentials/credentials.js';
import type { DiffSummary } from '../diff/diff-types.js';
import { canonicalJson } from '../util/canonical-json.js';
import { keyFingerprint, signatureHolds, signText } from '../util/ed25519.js';
import { osUser } from '../util/os-user.js';
import { PRIVATE_FILE_MODE } from '../util/private-files.js';
import { openQaPackage } from './open-package.js';
import { PackageError, SIGNOFF_DECISIONS, SIGNOFF_FORMAT, SIGNOFF_VERSION, type PackageSubject, type SignoffDecision } from './package-format.js';
import { reviewerKey } from './reviewer-key.js';

export interface Signoff {
  format: typeof SIGNOFF_FORMAT;
  version: number;
  package_id: string;
  /** Binds the sign-off to exactly the package the origin recorded. */
  manifest_sha256: string;
  origin_install_id: string;
  /** The origin key the package was signed with, and whether the reviewer confirmed it was the office's. */
  origin_key_fingerprint: string;
  origin_confirmed: boolean;
  subject: PackageSubject;
  decision: SignoffDecision;
  /** The name the reviewer typed. */
  reviewer: string;
  comment: string;
  signed_at: string;
  reviewer_os_user: string;
  reviewer_host: string;
  /** The reviewer workstation's public key (`ed25519:…`); the origin accepts it only once registered there. */
  reviewer_key: string;
  /** What the reviewer saw, restated. */
  reviewed: { diff: DiffSummary | null; findings: number; batch?: { batch_id: string; review_sha256: string; staged_count: number; valid_count: number; errors: number } };
  /** sha256 of the canonical JSON of every field but this one and `signature`. */
  sha256: string;
  /** Ed25519 signature, under reviewer_key, of the same canonical JSON. */
  signature: string;
}

type SignoffBody = Omit<Signoff, 'sha256' | 'signature'>;

const MAX_SIGNOFF_BYTES = 1024 * 1024;

export function signoffHash(signoff: SignoffBody): string {
  return crypto.createHash('sha256').update(canonicalJson(signoff)).digest('hex');
}

export interface SignoffRequest {
  reviewer: string;
  decision: SignoffDecision;
  comment?: string;
  /** The sign-off file to write (default: beside the package, NAME.signoff.json). */
  out?: string;
  /** The origin's key or fingerprint, as the office gave it: a package signed by another key is refused. */
  originKey?: string;
}

/**
 * The reviewer's side: verifies the package first (a tampered or truncated one is refused, so
 * nobody signs what they did not see), then writes the sign-off, signed with this workstation's
 * reviewer key from its keychain.
 */
export async function signOffPackage(packageFile: string, request: SignoffRequest, secrets: SecretStore): Promise<{ signoff: Signoff; file: string }> {
  if (!SIGNOFF_DECISIONS.includes(request.decision)) throw new PackageError(`The decision must be one of ${SIGNOFF_DECISIONS.join(', ')}.`);
  if (!request.reviewer?.trim()) throw new PackageError('Name the reviewer who signs off.');
  const review = await openQaPackage(packageFile, { firstChanges: 0, expectedOriginKey: request.originKey });
  const key = await reviewerKey(secrets);
  const body: SignoffBody = {
    format: SIGNOFF_FORMAT,
    version: SIGNOFF_VERSION,
    package_id: review.manifest.package_id,
    manifest_sha256: review.manifest_sha256,
    origin_install_id: review.manifest.origin_install_id,
    origin_key_fingerprint: review.origin_key_fingerprint,
    origin_confirmed: review.origin_confirmed,
    subject: review.manifest.subject,
    decision: request.decision,
    reviewer: request.reviewer.trim(),
    comment: (request.comment ?? '').trim(),
    signed_at: new Date().toISOString(),
    reviewer_os_user: osUser(),
    reviewer_host: os.hostname(),
    reviewer_key: key.publicKey,
    reviewed: {
      diff: review.diff?.summary ?? null,
      findings: review.findings.total,
      ...(review.batch
        ? { batch: { batch_id: review.batch.summary.batch_id, review_sha256: review.batch.review_sha256, staged_count: review.batch.summary.staged_count, valid_count: review.batch.summary.valid_count, errors: review.batch.errors.total } }
        : {}),
    },
  };
  const signoff: Signoff = { ...body, sha256: signoffHash(body), signature: signText(key.privateKey, canonicalJson(body)) };
  const file = path.resolve(request.out ?? `${packageFile.replace(/\.pacsqa$/i, '')}.signoff.json`);
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, `${JSON.stringify(signoff, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
  fs.renameSync(partial, file);
  return { signoff, file };
}

/**
 * Reads a sign-off file and checks it is whole and signed by the key it names: a truncated,
 * edited or unsigned file is refused. Whether that key belongs to a reviewer is the origin's
 * question (import-signoff), not this file's.
 */
export function readSignoff(file: string): Signoff {
  if (!fs.existsSync(file)) throw new PackageError(`There is no file ${file}.`);
  const size = fs.statSync(file).size;
  if (size > MAX_SIGNOFF_BYTES) throw new PackageError(`${file} is too large to be a sign-off file.`);
  let parsed: Signoff;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Signoff;
  } catch {
    throw new PackageError(`${file} is truncated or is not a sign-off file (it is not complete JSON). Nothing was imported.`);
  }
  if (parsed?.format !== SIGNOFF_FORMAT) throw new PackageError(`${file} is not a PACS MCP sign-off file.`);
  if (typeof parsed.version === 'number' && parsed.version < SIGNOFF_VERSION) {
    throw new PackageError(`The sign-off is format version ${parsed.version}, from an earlier PACS MCP, and is not signed with a reviewer key. Ask the reviewer to sign the package again with this version. Nothing was imported.`);
  }
  if (parsed.version !== SIGNOFF_VERSION) throw new PackageError(`The sign-off is format version ${parsed.version}; this PACS MCP reads version ${SIGNOFF_VERSION}.`);
  const { sha256, signature, ...body } = parsed;
  if (typeof sha256 !== 'string' || signoffHash(body) !== sha256) throw new PackageError('The sign-off file was altered after it was signed (its hash does not match). Nothing was imported.');
  if (typeof body.reviewer_key !== 'string' || !signatureHolds(body.reviewer_key, canonicalJson(body), signature)) {
    throw new PackageError('The sign-off is not signed by the reviewer key it names (it was forged or altered). Nothing was imported.');
  }
  if (!SIGNOFF_DECISIONS.includes(parsed.decision)) throw new PackageError(`The sign-off has an unknown decision "${String(parsed.decision)}".`);
  return parsed;
}

/** The reviewer key's fingerprint, for messages. */
export function signoffKeyFingerprint(signoff: Signoff): string {
  return keyFingerprint(signoff.reviewer_key);
}
