import { actorLabel, type Actor } from './actor.js';
import { recordEvent, type BatchRow, type ImportStore } from './batch-store.js';
import { ImportStateError } from './import-errors.js';
import { reviewHash } from './review-hash.js';
import type { SqliteTx } from '../store/sqlite-db.js';

export interface SignoffRequest {
  batchId: string;
  /** The QA reviewer's name as it goes on the record. */
  reviewer: string;
  /** The review sha256 the reviewer looked at (get_import_batch / `import show`); must be the batch's now. */
  reviewedSha256: string;
  note?: string;
}

export interface SignoffOptions {
  /** More writes that must commit with the sign-off, in its transaction (an offline sign-off's record). */
  within?: (tx: SqliteTx) => Promise<void>;
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * QA sign-off of a validated batch: records the reviewer, the time and the sha256 of exactly what
 * was reviewed (rows, resolved parcels and errors). Refused when the batch is not what the
 * reviewer saw, or has no row that would be pushed.
 */
export async function signoffBatch(store: ImportStore, request: SignoffRequest, actor: Actor, options: SignoffOptions = {}): Promise<BatchRow> {
  const reviewer = request.reviewer.trim();
  if (!reviewer || reviewer.length > 100) throw new ImportStateError('Give the reviewer\'s name (1–100 characters) for the sign-off.', 'invalid');
  const reviewed = request.reviewedSha256.trim().toLowerCase();
  if (!SHA256.test(reviewed)) throw new ImportStateError('The reviewed sha256 must be the 64 hex characters shown as review_sha256 of the batch.', 'invalid');
  const batch = await store.get(request.batchId);
  if (batch.status === 'qa_signed' && batch.signoff_sha256 === reviewed) {
    if (options.within) await store.db.transaction(options.within);
    return batch;
  }
  if (batch.status !== 'validated') {
    const hint =
      batch.status === 'staged' ? 'Validate it first (validate_import or `pacs-mcp import validate`).' : batch.status === 'qa_signed' ? 'It is already signed for another review sha256; validate it again to review anew.' : 'Stage the file again for a new batch.';
    throw new ImportStateError(`Batch ${batch.batch_id} is ${batch.status}; only a validated batch can be signed off. ${hint}`);
  }
  const validCount = batch.staged_count - batch.error_row_count;
  if (validCount <= 0) throw new ImportStateError(`Every row of batch ${batch.batch_id} has an error, so there is nothing to sign off. Fix the file and stage it again.`);
  await store.claim(batch, 'signoff', actor);
  try {
    const current = await reviewHash(store, batch, batch.validation_run, batch.validated_connection_id ?? '');
    if (current !== batch.content_sha256) {
      throw new ImportStateError(`Batch ${batch.batch_id} changed after it was validated (its content no longer matches review_sha256 ${batch.content_sha256}). Validate it again, review it, then sign off.`);
    }
    if (reviewed !== current) {
      throw new ImportStateError(`The sha256 you reviewed (${reviewed}) is not batch ${batch.batch_id}'s review_sha256 now (${current}). Review the current batch and sign off that one.`);
    }
    await store.db.transaction(async (tx) => {
      const at = new Date().toISOString();
      await tx.run(
        `UPDATE import_batches SET status = 'qa_signed', signoff_reviewer = ?, signoff_by = ?, signoff_at = ?, signoff_sha256 = ?, signoff_note = ?, updated_at = ?
          WHERE batch_key = ? AND status = 'validated'`,
        [reviewer, actorLabel(actor), at, current, request.note?.slice(0, 2_000) ?? null, at, batch.batch_key],
      );
      await recordEvent(tx, batch.batch_key, actor, 'qa_signed', 'validated', 'qa_signed', { reviewer, os_user: actor.user, review_sha256: current, valid_count: validCount, error_row_count: batch.error_row_count, note: request.note ?? null });
      await options.within?.(tx);
      await store.release(batch.batch_key, tx);
    });
  } catch (err) {
    await store.release(batch.batch_key).catch(() => undefined);
    throw err;
  }
  return await store.getByKey(batch.batch_key);
}

/** Rejects a batch for good (any status before promotion); it stays in the store as a record. */
export async function rejectBatch(store: ImportStore, request: { batchId: string; reason: string }, actor: Actor): Promise<BatchRow> {
  const reason = request.reason.trim();
  if (!reason) throw new ImportStateError('Say why the batch is rejected.', 'invalid');
  const batch = await store.get(request.batchId);
  if (batch.status === 'rejected') return batch;
  if (batch.status === 'promoted') throw new ImportStateError(`Batch ${batch.batch_id} was already promoted to ${batch.promoted_connection_id}; a promoted batch cannot be rejected.`);
  await store.claim(batch, 'signoff', actor);
  try {
    await store.db.transaction(async (tx) => {
      await tx.run("UPDATE import_batches SET status = 'rejected', rejected_reason = ?, updated_at = ? WHERE batch_key = ?", [reason.slice(0, 2_000), new Date().toISOString(), batch.batch_key]);
      await recordEvent(tx, batch.batch_key, actor, 'rejected', batch.status, 'rejected', { reason });
      await store.release(batch.batch_key, tx);
    });
  } catch (err) {
    await store.release(batch.batch_key).catch(() => undefined);
    throw err;
  }
  return await store.getByKey(batch.batch_key);
}

/**
 * Before a push or promotion: the batch must still be exactly what was signed. When it is not, the
 * sign-off is voided (the batch goes back to validated) and the step is refused.
 */
export async function assertSignoffHolds(store: ImportStore, batch: BatchRow, actor: Actor, step: string): Promise<void> {
  const current = await reviewHash(store, batch, batch.validation_run, batch.validated_connection_id ?? '');
  if (current === batch.signoff_sha256) return;
  await store.db.transaction(async (tx) => {
    if (batch.status === 'qa_signed') {
      await tx.run(
        "UPDATE import_batches SET status = 'validated', signoff_reviewer = NULL, signoff_by = NULL, signoff_at = NULL, signoff_sha256 = NULL, signoff_note = NULL, updated_at = ? WHERE batch_key = ?",
        [new Date().toISOString(), batch.batch_key],
      );
    }
    await recordEvent(tx, batch.batch_key, actor, 'signoff_voided', batch.status, batch.status === 'qa_signed' ? 'validated' : batch.status, {
      reason: `content changed after the sign-off (found at ${step})`,
      signed_sha256: batch.signoff_sha256,
      current_sha256: current,
    });
  });
  const next = batch.status === 'qa_signed' ? 'Validate it again and get a new QA sign-off.' : 'Stage the file again for a new batch.';
  throw new ImportStateError(
    `Batch ${batch.batch_id} is no longer what was signed off (review sha256 ${batch.signoff_sha256}, now ${current}), so its sign-off is void and the ${step} was refused. ${next}`,
  );
}
