import type { Engine } from '../engine.js';
import { installId } from '../install/install-keys.js';
import { osUser } from '../util/os-user.js';
import { actorFor, type Actor } from '../imports/actor.js';
import type { BatchSummary } from '../imports/batch-view.js';
import { batchSummary } from '../imports/batch-view.js';
import { reviewHash } from '../imports/review-hash.js';
import type { SqliteTx } from '../store/sqlite-db.js';
import { canonicalJson } from '../util/canonical-json.js';
import { keyFingerprint } from '../util/ed25519.js';
import { printable } from '../util/terminal-text.js';
import { PackageError, type PackageSubject } from './package-format.js';
import { activeReviewerKey, type ReviewerKeyRecord } from './reviewer-registry.js';
import { readSignoff, type Signoff } from './signoff.js';

export interface SignoffImportResult {
  signoff: Signoff;
  /** The registered reviewer whose key signed it. */
  reviewer: Pick<ReviewerKeyRecord, 'name' | 'fingerprint'>;
  /** false when this very sign-off was imported before (nothing changed). */
  recorded: boolean;
  /** An import batch package: the batch after the sign-off (qa_signed when approved). */
  batch?: BatchSummary;
}

/**
 * The origin's side of a sign-off. Everything is checked before anything changes: the file is
 * whole and signed by the key it names, that key is a reviewer registered here, and it answers
 * a package this install exported, with the same manifest and subject. Then the sign-off record
 * and, for an approved import batch, the batch's move to qa_signed commit in one transaction.
 */
export async function importSignoff(engine: Engine, file: string, actor: Actor = actorFor('cli')): Promise<SignoffImportResult> {
  const signoff = readSignoff(file);
  const ours = await installId(engine.store);
  if (signoff.origin_install_id !== ours) {
    throw new PackageError(`This sign-off is for a package exported by another PACS MCP install (${printable(signoff.origin_install_id)}); this install is ${ours}. Import it where the package was exported. Nothing was imported.`);
  }
  const reviewer = await activeReviewerKey(engine, signoff.reviewer_key);
  if (!reviewer) {
    throw new PackageError(
      `The sign-off is signed by reviewer key ${keyFingerprint(signoff.reviewer_key)}, which is not registered here (it says it is from "${printable(signoff.reviewer)}"). ` +
        'Sign-offs are accepted only from reviewers whose key this office registered: if this is one, get the key from the reviewer (`pacs-mcp qa reviewer-key` on their workstation), check its fingerprint with them, register it (`pacs-mcp qa reviewers add`) and import again. Nothing was imported.',
    );
  }
  const pkg = await engine.store.get<{ manifest_sha256: string; contents_json: string }>('SELECT manifest_sha256, contents_json FROM qa_packages WHERE package_id = ?', [signoff.package_id]);
  if (!pkg) throw new PackageError(`This install has no record of package ${printable(signoff.package_id)}, so the sign-off cannot be matched to it. Nothing was imported.`);
  if (pkg.manifest_sha256 !== signoff.manifest_sha256) {
    throw new PackageError(`The sign-off is for a package whose manifest differs from the one exported here as ${printable(signoff.package_id)} (the package was altered before review). Nothing was imported.`);
  }
  const subject = (JSON.parse(pkg.contents_json) as { subject: PackageSubject }).subject;
  if (canonicalJson(subject) !== canonicalJson(signoff.subject)) {
    throw new PackageError(`The sign-off describes a different subject than package ${printable(signoff.package_id)} recorded here. Nothing was imported.`);
  }

  let recorded = false;
  const record = async (tx: SqliteTx) => {
    const { changes } = await tx.run(
      `INSERT OR IGNORE INTO qa_signoffs (signoff_sha256, package_id, reviewer, decision, comment, signed_at, imported_at, imported_by, signoff_json)
       VALUES (?,?,?,?,?,?,?,?,?)`,
      [signoff.sha256, signoff.package_id, reviewer.name, signoff.decision, signoff.comment, signoff.signed_at, new Date().toISOString(), osUser(), JSON.stringify(signoff)],
    );
    recorded = changes > 0;
  };
  let batch: BatchSummary | undefined;
  if (subject.kind === 'import_batch') batch = await signBatch(engine, subject, signoff, reviewer, actor, record);
  else await engine.store.transaction(record);
  return { signoff, reviewer: { name: reviewer.name, fingerprint: reviewer.fingerprint }, recorded, ...(batch ? { batch } : {}) };
}

/**
 * An approved batch review becomes the batch's QA sign-off through the same lifecycle step as an
 * in-app sign-off (reviewer, time, review sha256, audited in the batch's history); it is refused
 * when the batch is no longer exactly what was packaged. A rejection leaves the batch as it is.
 */
async function signBatch(
  engine: Engine,
  subject: Extract<PackageSubject, { kind: 'import_batch' }>,
  signoff: Signoff,
  reviewer: ReviewerKeyRecord,
  actor: Actor,
  record: (tx: SqliteTx) => Promise<void>,
): Promise<BatchSummary> {
  const batch = await engine.imports.get(subject.batch_id);
  const status = batch.status;
  const alreadySigned = batch.status === 'qa_signed' && batch.signoff_sha256 === subject.review_sha256;
  if (alreadySigned || signoff.decision !== 'approved') {
    await engine.imports.store.db.transaction(record);
    return batchSummary(batch);
  }
  const current = batch.status === 'validated' ? await reviewHash(engine.imports.store, batch, batch.validation_run, batch.validated_connection_id ?? '') : '';
  if (status !== 'validated') {
    throw new PackageError(`Batch ${subject.batch_id} is ${status} now, not the validated batch that was packaged; the sign-off cannot apply to it. Nothing was imported.`);
  }
  if (current !== subject.review_sha256) {
    throw new PackageError(
      `Batch ${subject.batch_id} changed or was validated again since the package was exported (review sha256 ${subject.review_sha256} in the package, ${current} now). The sign-off does not cover it; export a new package for review. Nothing was imported.`,
    );
  }
  const typed = signoff.reviewer === reviewer.name ? '' : ` (signed as "${printable(signoff.reviewer)}")`;
  const note = `Offline QA package ${signoff.package_id}, signed ${signoff.signed_at} by ${reviewer.name}${typed} with reviewer key ${reviewer.fingerprint}, on ${printable(signoff.reviewer_os_user)}@${printable(signoff.reviewer_host)}${signoff.comment ? `: ${printable(signoff.comment)}` : ''}`;
  const signed = await engine.imports.signoff({ batchId: subject.batch_id, reviewer: reviewer.name, reviewedSha256: subject.review_sha256, note }, actor, { within: record });
  return batchSummary(signed);
}

export interface SignoffRecord {
  package_id: string;
  reviewer: string;
  decision: string;
  comment: string;
  signed_at: string;
  imported_at: string;
}

export async function signoffsFor(engine: Engine, packageId: string): Promise<SignoffRecord[]> {
  return engine.store.all<SignoffRecord>('SELECT package_id, reviewer, decision, comment, signed_at, imported_at FROM qa_signoffs WHERE package_id = ? ORDER BY signed_at', [packageId]);
}
