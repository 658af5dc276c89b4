import { createHash } from 'node:crypto';
import type { BatchRow, ImportStore } from './batch-store.js';

/**
 * The sha256 of exactly what a QA reviewer signs: the file's hash, every staged row (line, resolved
 * parcel, values) in line order, every current error, and the connection it was validated against.
 * Recomputed before a push or promotion: any change since the sign-off makes it differ.
 */
export async function reviewHash(store: ImportStore, batch: Pick<BatchRow, 'batch_key' | 'batch_id' | 'kind' | 'file_sha256'>, run: number, connectionId: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`pacs-mcp import review v1\n${batch.batch_id}\n${batch.kind}\n${batch.file_sha256}\n${connectionId}\n`);
  for await (const page of store.rowPages(batch.batch_key)) {
    let text = '';
    for (const row of page) text += `R\t${row.line}\t${row.prop_id ?? ''}\t${row.vals}\n`;
    hash.update(text);
  }
  let after = { line: 0, rowid: 0 };
  for (;;) {
    const page = await store.db.all<{ rowid: number; run: number; line: number; column_name: string | null; code: string; message: string }>(
      `SELECT rowid, run, line, column_name, code, message FROM import_errors
        WHERE batch_key = ? AND run IN (0, ?) AND (line > ? OR (line = ? AND rowid > ?)) ORDER BY line, rowid LIMIT 5000`,
      [batch.batch_key, run, after.line, after.line, after.rowid],
    );
    if (page.length === 0) break;
    let text = '';
    for (const e of page) text += `E\t${e.line}\t${e.column_name ?? ''}\t${e.code}\t${e.message}\n`;
    hash.update(text);
    const last = page[page.length - 1];
    after = { line: last.line, rowid: last.rowid };
  }
  return hash.digest('hex');
}
