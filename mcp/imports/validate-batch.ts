import type { ImportEngine } from './import-engine.js';
import type { SqlValue } from '../store/sqlite-db.js';
import { actorLabel, type Actor } from './actor.js';
import { insertErrors, type ImportStore, recordEvent, type BatchRow, type ValueRow } from './batch-store.js';
import { ImportStateError, type RowError } from './import-errors.js';
import type { ImportKind, RowValues, StagedRow } from './import-kind.js';
import { importKind } from './import-kinds.js';
import { NOTICE_CODES } from './rule-catalog.js';
import { jurisdictionOf } from '../pacs/jurisdiction.js';
import { combineReview, errorsDigest, rowsDigest } from './review-hash.js';
import type { BatchManifest } from './stage-batch.js';

export interface ValidateRequest {
  batchId: string;
  /** The source to validate against; default: the one it was last validated against, else the default training connection. */
  connectionId?: string | null;
}

export interface ValidateOptions {
  signal?: AbortSignal;
  onProgress?: (phase: string, done: number) => void;
}

export interface ValidateResult {
  batch: BatchRow;
  /** The batch had a QA sign-off, which this validation voided (the reviewed content may differ now). */
  signoffVoided: boolean;
}

const ERRORS_PER_COMMIT = 2_000;
const UPDATES_PER_STATEMENT = 300;
const VALIDATABLE = new Set(['staged', 'validated', 'qa_signed']);

/**
 * Checks a staged batch against a PACS source now: the kind's source rules, set-based (each lookup
 * is one query per 500 keys or one streamed scan, never one per row), plus duplicates inside the
 * file. The results replace the previous validation's in one transaction; a sign-off is voided.
 */
export async function validateImport(engine: ImportEngine, store: ImportStore, request: ValidateRequest, actor: Actor, options: ValidateOptions = {}): Promise<ValidateResult> {
  const batch = await store.get(request.batchId);
  if (!VALIDATABLE.has(batch.status)) {
    throw new ImportStateError(`Batch ${batch.batch_id} is ${batch.status}; only a staged, validated or signed batch can be validated again. Stage the file again for a new batch.`);
  }
  const { record, connector } = await engine.source(request.connectionId ?? batch.validated_connection_id ?? undefined);
  const kind = importKind(batch.kind);
  await store.claim(batch, 'validate', actor);
  const run = batch.validation_run + 1;
  try {
    await store.db.run('DELETE FROM import_errors WHERE batch_key = ? AND run >= ?', [batch.batch_key, run]);
    const stageErrorLines = await store.errorLines(batch.batch_key, [0]);
    const checker = kind.createChecker({ jurisdiction: jurisdictionOf(record) });
    const staged = ([line, propId, values]: ValueRow): StagedRow => ({ line, values: values as RowValues, propId, hasStageErrors: stageErrorLines.has(line) });

    // 1. What the rows need from the source (gathered while staging), then one round of lookups.
    const manifest = batch.manifest_json ? (JSON.parse(batch.manifest_json) as BatchManifest) : null;
    let needsResolving = manifest?.needsResolving ?? false;
    if (manifest) checker.importCollected(manifest.collected);
    else {
      for await (const page of store.valuePages(batch.batch_key)) {
        for (const row of page) {
          const s = staged(row);
          if (kind.filePropId(s.values) === null) needsResolving = true;
          checker.collect(s);
        }
      }
    }
    await checker.load(connector, options.signal);

    // 2. Parcels the file named another way (geo_id, parcel_id) get their prop_id and key.
    if (needsResolving) await resolveParcels(store, batch, kind, checker.resolve.bind(checker), stageErrorLines);
    await checker.loadResolved(connector, options.signal);

    // 3. Duplicates inside the file: rows sharing a key, every one after the first.
    const firstLineOf = await duplicateLines(store, batch.batch_key);

    // 4. Each row against what was loaded; errors go to the store in chunks under this run.
    let errorCount = 0;
    const pending: RowError[] = [];
    const flush = async () => {
      if (pending.length === 0) return;
      await store.db.transaction(async (tx) => {
        await store.renewLease(tx, batch.batch_key);
        await insertErrors(tx, batch.batch_key, run, pending.splice(0));
      });
    };
    const labels = columnLabels(batch);
    for await (const page of store.valuePages(batch.batch_key)) {
      if (options.signal?.aborted) throw new ImportStateError('Validation was cancelled; the previous results stand.');
      for (const row of page) {
        const line = row[0];
        checker.check(staged(row), firstLineOf.get(line), (field, code, message) => {
          if (!NOTICE_CODES.includes(code)) errorCount++;
          pending.push({ line, column: labels.get(field) ?? field, code, message });
        });
      }
      if (pending.length >= ERRORS_PER_COMMIT) await flush();
      options.onProgress?.('checking', page[page.length - 1][0]);
    }
    await flush();

    const errorRows = (await store.errorLines(batch.batch_key, [0, run])).size;
    const contentSha256 = combineReview(batch, record.id, await rowsDigest(store, batch.batch_key), await errorsDigest(store, batch.batch_key, run));
    let signoffVoided = false;
    await store.db.transaction(async (tx) => {
      const current = await tx.get<BatchRow>('SELECT * FROM import_batches WHERE batch_key = ?', [batch.batch_key]);
      if (!current || !VALIDATABLE.has(current.status)) throw new ImportStateError(`Batch ${batch.batch_id} changed status while it was validated; validate it again.`);
      signoffVoided = current.status === 'qa_signed';
      await tx.run('DELETE FROM import_errors WHERE batch_key = ? AND run > 0 AND run <> ?', [batch.batch_key, run]);
      await tx.run(
        `UPDATE import_batches SET status = 'validated', validation_run = ?, validation_error_count = ?, error_row_count = ?, validated_connection_id = ?,
           validated_at = ?, validated_by = ?, content_sha256 = ?, signoff_reviewer = NULL, signoff_by = NULL, signoff_at = NULL, signoff_sha256 = NULL,
           signoff_note = NULL, updated_at = ? WHERE batch_key = ?`,
        [run, errorCount, errorRows, record.id, new Date().toISOString(), actorLabel(actor), contentSha256, new Date().toISOString(), batch.batch_key],
      );
      if (signoffVoided) await recordEvent(tx, batch.batch_key, actor, 'signoff_voided', 'qa_signed', 'validated', { reason: 'validated again', previous_sha256: current.signoff_sha256 });
      await recordEvent(tx, batch.batch_key, actor, 'validated', current.status, 'validated', {
        connection_id: record.id,
        run,
        validation_error_count: errorCount,
        error_row_count: errorRows,
        review_sha256: contentSha256,
      });
      await store.release(batch.batch_key, tx);
    });
    return { batch: await store.getByKey(batch.batch_key), signoffVoided };
  } catch (err) {
    await store.db.run('DELETE FROM import_errors WHERE batch_key = ? AND run = ?', [batch.batch_key, run]).catch(() => undefined);
    await store.release(batch.batch_key).catch(() => undefined);
    throw err;
  }
}

/** Sets prop_id and the natural key of rows whose parcel the file named without a prop_id. */
async function resolveParcels(store: ImportStore, batch: BatchRow, kind: ImportKind, resolve: (row: StagedRow) => number | null, stageErrorLines: Set<number>): Promise<void> {
  const updates: SqlValue[][] = [];
  const apply = async () => {
    if (updates.length === 0) return;
    const chunk = updates.splice(0);
    await store.db.transaction(async (tx) => {
      for (let i = 0; i < chunk.length; i += UPDATES_PER_STATEMENT) {
        const part = chunk.slice(i, i + UPDATES_PER_STATEMENT);
        await tx.run(
          `UPDATE import_rows SET prop_id = v.column2, row_key = v.column3, resolved = 1 FROM (VALUES ${part.map(() => '(?,?,?)').join(',')}) AS v
            WHERE import_rows.batch_key = ? AND import_rows.line = v.column1`,
          [...part.flat(), batch.batch_key],
        );
      }
    });
  };
  for await (const page of store.valuePages(batch.batch_key, { onlyUnresolved: true })) {
    for (const [line, , rawValues] of page) {
      const values = rawValues as RowValues;
      if (kind.filePropId(values) !== null) continue;
      const propId = resolve({ line, values, propId: null, hasStageErrors: stageErrorLines.has(line) });
      updates.push([line, propId, kind.rowKey(values, propId)]);
    }
    if (updates.length >= 5_000) await apply();
  }
  await apply();
}

/** line → the first line with the same key, for every row that repeats an earlier one. */
async function duplicateLines(store: ImportStore, batchKey: number): Promise<Map<number, number>> {
  // Computed by SQLite and returned as one JSON text of [line, first line] pairs (no row objects).
  const row = await store.db.get<{ pairs: string | null }>(
    `SELECT json_group_array(json_array(line, first_line)) AS pairs FROM (
       SELECT line, MIN(line) OVER (PARTITION BY row_key) AS first_line FROM import_rows WHERE batch_key = ? AND row_key IS NOT NULL)
     WHERE line <> first_line`,
    [batchKey],
  );
  return new Map(JSON.parse(row?.pairs ?? '[]') as [number, number][]);
}

/** field name → the file's header text for it (errors name columns as the file does). */
export function columnLabels(batch: BatchRow): Map<string, string> {
  const mapped = JSON.parse(batch.columns_json) as { header: string; field: string }[];
  return new Map(mapped.map((m) => [m.field, m.header || m.field]));
}
