import { createHash } from 'node:crypto';
import type { BatchRow, ImportStore } from './batch-store.js';

/**
 * The sha256 of exactly what a QA reviewer signs: the file's hash, every staged row (line,
 * resolved parcel, values) in line order, every current error, and the connection it was
 * validated against. Recomputed before a push or promotion: any change since the sign-off makes
 * it differ. Two digests (rows, errors), each read in pages that SQLite builds.
 */
export async function reviewHash(store: ImportStore, batch: ReviewedBatch, run: number, connectionId: string): Promise<string> {
  return combineReview(batch, connectionId, await rowsDigest(store, batch.batch_key), await errorsDigest(store, batch.batch_key, run));
}

export type ReviewedBatch = Pick<BatchRow, 'batch_key' | 'batch_id' | 'kind' | 'file_sha256'>;

/** sha256 of `R<tab>line<tab>prop_id<tab>values` for every row in line order. */
export async function rowsDigest(store: ImportStore, batchKey: number): Promise<string> {
  const hash = createHash('sha256');
  for await (const text of store.rowReviewText(batchKey)) hash.update(text);
  return hash.digest('hex');
}

/** Staging's errors, then the validation run's, each by line (and, within a line, in the order found). */
export async function errorsDigest(store: ImportStore, batchKey: number, run: number): Promise<string> {
  const hash = createHash('sha256');
  for (const r of run > 0 ? [0, run] : [0]) {
    let after = { line: 0, rowid: 0 };
    for (;;) {
      // Keyset on (line, rowid): the index serves it in order, no sort per page.
      const page = await store.db.all<{ rowid: number; line: number; column_name: string | null; code: string; message: string }>(
        'SELECT rowid, line, column_name, code, message FROM import_errors WHERE batch_key = ? AND run = ? AND (line, rowid) > (?, ?) ORDER BY line, rowid LIMIT 5000',
        [batchKey, r, after.line, after.rowid],
      );
      if (page.length === 0) break;
      let text = '';
      for (const e of page) text += `E\t${e.line}\t${e.column_name ?? ''}\t${e.code}\t${e.message}\n`;
      hash.update(text);
      const last = page[page.length - 1];
      after = { line: last.line, rowid: last.rowid };
    }
  }
  return hash.digest('hex');
}

export function combineReview(batch: ReviewedBatch, connectionId: string, rowsDigest: string, errorsDigestHex: string): string {
  return createHash('sha256').update(`pacs-mcp import review v1\n${batch.batch_id}\n${batch.kind}\n${batch.file_sha256}\n${connectionId}\n${rowsDigest}\n${errorsDigestHex}\n`).digest('hex');
}
