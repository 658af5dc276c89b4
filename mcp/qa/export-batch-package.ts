import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from '../engine.js';
import { recordEvent, type BatchRow, type ImportStore } from '../imports/batch-store.js';
import { batchSummary, type BatchSummary } from '../imports/batch-view.js';
import { actorFor, type Actor } from '../imports/actor.js';
import { importKind } from '../imports/import-kinds.js';
import { reviewHash } from '../imports/review-hash.js';
import { loadInstallKeys } from '../install/install-keys.js';
import { POLICIES, type MaskingPolicy } from '../masking/masking-policy.js';
import { Pseudonymizer } from '../masking/pseudonym.js';
import { createRowMasker } from '../masking/row-masker.js';
import { classifyColumn } from '../masking/sensitive-columns.js';
import { osUser } from '../util/os-user.js';
import { PackageFileWriter } from './package-file-writer.js';
import { PackageError, PACKAGE_EXTENSION, type BatchPackageError, type BatchPackageRow, type PackageManifest } from './package-format.js';

export interface BatchPackageRequest {
  batchId: string;
  /** The package file to write; a folder gets `qa-<package id>.pacsqa` inside it. */
  out: string;
}

export interface BatchPackageResult {
  package_id: string;
  file: string;
  manifest_sha256: string;
  manifest: PackageManifest;
  batch: BatchSummary;
  review_sha256: string;
  rows: number;
  errors: number;
}

/**
 * The QA policy for a batch's rows. A batch's columns are its kind's declared fields, none of
 * them unknown, so codes such as `action` (ADD/REMOVE) stay readable; names, addresses, income
 * and the other sensitive categories are pseudonyms as in every QA export.
 */
const BATCH_QA_POLICY: MaskingPolicy = { ...POLICIES.qa, unknownText: 'keep' };
const PAGE = 5_000;

/**
 * Writes an offline QA review package for a validated import batch: its staged rows (sensitive
 * fields pseudonymised under the QA policy), the errors of its latest validation, and the
 * batch's review sha256 in the signed manifest, so the sign-off that comes back can be held to
 * exactly the batch the reviewer saw. The batch's state does not change.
 */
export async function exportBatchPackage(engine: Engine, request: BatchPackageRequest, actor: Actor = actorFor('cli')): Promise<BatchPackageResult> {
  const store = engine.imports.store;
  const batch = await store.get(request.batchId);
  if (batch.status !== 'validated') {
    const hint =
      batch.status === 'staged'
        ? 'Validate it first (`pacs-mcp import validate`), then export the package.'
        : batch.status === 'qa_signed'
          ? 'It is already signed off; validate it again to send it for a new review.'
          : 'Only a validated batch is sent for QA review.';
    throw new PackageError(`Batch ${batch.batch_id} is ${batch.status}; a QA package holds a validated batch. ${hint}`);
  }
  const reviewSha = await reviewHash(store, batch, batch.validation_run, batch.validated_connection_id ?? '');
  if (reviewSha !== batch.content_sha256) {
    throw new PackageError(`Batch ${batch.batch_id} changed after it was validated (its content no longer matches review_sha256 ${batch.content_sha256}). Validate it again, then export the package.`);
  }
  const keys = await loadInstallKeys(engine.store, engine.secrets);
  const fields = importKind(batch.kind).fields.map((f) => f.name);
  const maskRow = createRowMasker(fields, BATCH_QA_POLICY, new Pseudonymizer(keys.key('masking')));
  const packageId = crypto.randomUUID();
  const file = packagePath(request.out, packageId);
  const writer = await PackageFileWriter.open(file, packageId, keys.installId);
  const summary = batchSummary(batch);
  const mapping = JSON.parse(batch.columns_json) as { header: string; field: string }[];
  const fieldOf = new Map(mapping.map((c) => [c.header, c.field]));
  try {
    await writer.beginSection('batch', batch.batch_id, { batch: summary, fields, masking_policy: 'qa', columns: mapping });
    const rows = await writeRows(store, batch, fields, maskRow, writer);
    writer.endSection({ batch_id: batch.batch_id, kind: batch.kind, status: batch.status, staged_count: batch.staged_count, rows, review_sha256: reviewSha });

    await writer.beginSection('batch_validations', batch.batch_id, { batch_id: batch.batch_id, validation_run: batch.validation_run, validated_connection_id: batch.validated_connection_id, validated_at: batch.validated_at });
    const { total, codes } = await writeErrors(store, batch, fields, fieldOf, maskRow, writer);
    writer.endSection({ total, error_row_count: batch.error_row_count, valid_count: summary.valid_count, codes });

    const createdAt = new Date().toISOString();
    const createdBy = osUser();
    const subject = { kind: 'import_batch' as const, batch_id: batch.batch_id, review_sha256: reviewSha };
    const done = await writer.finish({ created_at: createdAt, created_by: createdBy, subject }, { mac: keys.key('qa-package'), signing: keys.packageSigningKey() });
    try {
      await engine.store.run(
        'INSERT INTO qa_packages (package_id, created_at, created_by, file_name, manifest_sha256, contents_json) VALUES (?,?,?,?,?,?)',
        [packageId, createdAt, createdBy, path.basename(file), done.manifest_sha256, JSON.stringify({ subject, sections: done.manifest.sections })],
      );
      await store.db.transaction((tx) => recordEvent(tx, batch.batch_key, actor, 'qa_package_exported', batch.status, batch.status, { package_id: packageId, review_sha256: reviewSha, file: path.basename(file) }));
    } catch (err) {
      fs.rmSync(file, { force: true });
      throw err;
    }
    return { package_id: packageId, file, manifest_sha256: done.manifest_sha256, manifest: done.manifest, batch: summary, review_sha256: reviewSha, rows, errors: total };
  } catch (err) {
    await writer.abort();
    throw err;
  }
}

async function writeRows(store: ImportStore, batch: BatchRow, fields: string[], maskRow: (v: unknown[]) => unknown[], writer: PackageFileWriter): Promise<number> {
  let after = -1;
  let count = 0;
  for (;;) {
    const page = await store.db.all<{ line: number; prop_id: number | null; vals: string }>('SELECT line, prop_id, vals FROM import_rows WHERE batch_key = ? AND line > ? ORDER BY line LIMIT ?', [batch.batch_key, after, PAGE]);
    if (page.length === 0) return count;
    for (const r of page) {
      const masked = maskRow(JSON.parse(r.vals) as unknown[]);
      const row: BatchPackageRow = { line: r.line, prop_id: r.prop_id, values: Object.fromEntries(fields.map((n, i) => [n, masked[i] ?? null])) };
      await writer.bodyLine(JSON.stringify(row));
      count++;
    }
    after = page[page.length - 1].line;
  }
}

/**
 * Staging's errors and the latest validation's, in the order the app shows them. An error on a
 * sensitive column can quote the cell (`"…"`); that quote is replaced by the cell's pseudonym.
 */
async function writeErrors(store: ImportStore, batch: BatchRow, fields: string[], fieldOf: Map<string, string>, maskRow: (v: unknown[]) => unknown[], writer: PackageFileWriter): Promise<{ total: number; codes: Record<string, number> }> {
  const codes: Record<string, number> = {};
  let total = 0;
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.errorsPage(batch, offset, PAGE);
    if (page.length === 0) break;
    for (const e of page) {
      const error: BatchPackageError = { line: e.line, column: e.column, code: e.code, message: maskMessage(e.column, e.message, fields, fieldOf, maskRow) };
      await writer.bodyLine(JSON.stringify(error));
      codes[e.code] = (codes[e.code] ?? 0) + 1;
      total++;
    }
  }
  return { total, codes };
}

function maskMessage(column: string | null, message: string, fields: string[], fieldOf: Map<string, string>, maskRow: (v: unknown[]) => unknown[]): string {
  if (!column) return message;
  const field = fields.includes(column) ? column : (fieldOf.get(column) ?? column);
  if (classifyColumn(field).kind !== 'sensitive' && classifyColumn(column).kind !== 'sensitive') return message;
  const index = fields.indexOf(field);
  return message.replace(/"(?:[^"\\]|\\.)*"/g, (quoted) => {
    let text: string;
    try {
      text = JSON.parse(quoted) as string;
    } catch {
      text = quoted.slice(1, -1);
    }
    const values = fields.map(() => null as unknown);
    if (index >= 0) values[index] = text;
    const masked = index >= 0 ? maskRow(values)[index] : `MASKED`;
    return JSON.stringify(String(masked === text ? 'MASKED' : masked));
  });
}

function packagePath(out: string, packageId: string): string {
  const resolved = path.resolve(out);
  if (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory()) return path.join(resolved, `qa-${packageId}${PACKAGE_EXTENSION}`);
  return resolved;
}
