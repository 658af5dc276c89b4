import fs from 'node:fs';
import type { DiffChange, DiffResult, DiffSummary } from '../diff/diff-types.js';
import { HtmlReportSink } from '../diff/html-report-sink.js';
import type { SnapshotMeta } from '../snapshots/snapshot-types.js';
import { escapeHtml } from '../util/html-escape.js';
import { reportDocumentStart } from '../util/html-report.js';
import { PRIVATE_FILE_MODE } from '../util/private-files.js';
import type { BatchSummary } from '../imports/batch-view.js';
import type { BatchPackageError, BatchPackageRow, Finding, SectionEntry } from './package-format.js';
import { readQaPackage, type OpenedPackage } from './package-reader.js';
import { CHECK_DESCRIPTIONS } from './snapshot-checks.js';

export interface PackageReview extends OpenedPackage {
  diff: { summary: DiffSummary; reported: number; filtered_out: number } | null;
  first_changes: DiffChange[];
  findings: { counts: Record<string, number>; total: number; first: Finding[] };
  /** An import batch package: the batch as it was exported, its rows and its validation errors. */
  batch: BatchReview | null;
  /** Sections this build does not interpret (an import batch from a newer origin), verified but not shown. */
  other_sections: SectionEntry[];
  html_report: string | null;
}

export interface BatchReview {
  summary: BatchSummary;
  /** The review sha256 the origin's sign-off holds the batch to (from the signed manifest). */
  review_sha256: string;
  fields: string[];
  masking_policy: string;
  rows: number;
  first_rows: BatchPackageRow[];
  errors: { total: number; codes: Record<string, number>; first: BatchPackageError[] };
}

const BATCH_SECTIONS = ['batch', 'batch_validations'];

/**
 * What a reviewer opens: verifies the package (no server, no connection, no data store), and
 * returns its summary, the first changes and findings; with `htmlReport`, also writes the
 * self-contained HTML report of the diff and its validations.
 */
export async function openQaPackage(file: string, options: { htmlReport?: string; firstChanges?: number; expectedOriginKey?: string } = {}): Promise<PackageReview> {
  const limit = options.firstChanges ?? 50;
  const firstChanges: DiffChange[] = [];
  const findings: Finding[] = [];
  const html = options.htmlReport ? new HtmlReportSink(options.htmlReport, undefined, 'QA review') : undefined;
  const metas = new Map<string, SnapshotMeta>();
  const batchRows: BatchPackageRow[] = [];
  const batchErrors: BatchPackageError[] = [];
  let batchBegin: { batch?: BatchSummary; fields?: string[]; masking_policy?: string } | undefined;
  let opened: OpenedPackage;
  try {
    opened = await readQaPackage(file, {
      expectedOriginKey: options.expectedOriginKey,
      handlers: {
        onSnapshotBegin: (meta) => void metas.set(meta.snapshot_id, meta),
        onDiffBegin: async (begin) => {
          const base = metas.get(begin.base_snapshot_id);
          const target = metas.get(begin.target_snapshot_id);
          if (html && base && target) await html.begin({ base, target, columns: begin.columns, key_columns: begin.key_columns, filters: begin.filters });
        },
        onDiffChange: async (change) => {
          if (firstChanges.length < limit) firstChanges.push(change);
          await html?.change(change);
        },
        onFinding: (finding) => void findings.push(finding),
        onSectionBegin: (type, begin) => {
          if (type === 'batch') batchBegin = begin;
        },
        onOtherLine: (type, value) => {
          if (type === 'batch' && batchRows.length < limit) batchRows.push(value as BatchPackageRow);
          else if (type === 'batch_validations' && batchErrors.length < limit) batchErrors.push(value as BatchPackageError);
        },
      },
    });
  } catch (err) {
    await html?.abort();
    throw err;
  }
  const diffEntry = opened.sections.find((s) => s.type === 'diff');
  const validations = opened.sections.find((s) => s.type === 'validations');
  const diff = diffEntry?.summary
    ? { summary: diffEntry.summary.summary as DiffSummary, reported: Number(diffEntry.summary.reported), filtered_out: Number(diffEntry.summary.filtered_out) }
    : null;
  const batch = batchReview(opened, batchBegin, batchRows, batchErrors);
  const counts = (validations?.summary?.counts as Record<string, number> | undefined) ?? {};
  if (html && batch) {
    // A batch package has no diff, so the diff report's frame does not apply: a page of its own.
    await html.abort();
    writeFileAtomic(options.htmlReport!, batchPage(opened, batch));
  } else if (html) {
    html.addSection('Validations', findingsHtml(counts, findings));
    const subject = opened.manifest.subject;
    const result: DiffResult = {
      base_snapshot_id: subject.kind === 'snapshot_pair' ? subject.base_snapshot_id : '',
      target_snapshot_id: subject.kind === 'snapshot_pair' ? subject.target_snapshot_id : '',
      summary: diff?.summary ?? { added: 0, removed: 0, changed: 0, unchanged: 0 },
      reported: diff?.reported ?? 0,
      filtered_out: diff?.filtered_out ?? 0,
      elapsed_ms: 0,
    };
    html.addSection(
      'Package',
      `<p>Package <code>${escapeHtml(opened.manifest.package_id)}</code> from install <code>${escapeHtml(opened.manifest.origin_install_id)}</code>, made ${escapeHtml(opened.manifest.created_at)} by ${escapeHtml(opened.manifest.created_by)}. Manifest sha256 <code>${escapeHtml(opened.manifest_sha256)}</code>; ${signatureNote(opened)}</p>`,
    );
    await html.end(result);
  }
  return {
    ...opened,
    diff,
    first_changes: firstChanges,
    findings: { counts, total: Number(validations?.summary?.total ?? findings.length), first: findings.slice(0, limit) },
    batch,
    other_sections: opened.sections.filter((s) => !['snapshot', 'diff', 'validations', ...(batch ? BATCH_SECTIONS : [])].includes(String(s.type))),
    html_report: options.htmlReport ?? null,
  };
}

function findingsHtml(counts: Record<string, number>, findings: Finding[]): string {
  const entries = Object.entries(counts);
  if (entries.length === 0) return '<p>No findings.</p>';
  const summary = `<table><tr><th>check</th><th>count</th><th>meaning</th></tr>${entries
    .map(([check, n]) => `<tr><td>${escapeHtml(check)}</td><td class="num">${escapeHtml(n)}</td><td>${escapeHtml(Object.hasOwn(CHECK_DESCRIPTIONS, check) ? CHECK_DESCRIPTIONS[check] : '')}</td></tr>`)
    .join('')}</table>`;
  const rows = findings
    .map((f) => `<tr><td>${escapeHtml(f.severity)}</td><td>${escapeHtml(f.check)}</td><td>${escapeHtml(f.prop_id)}</td><td>${escapeHtml(f.year)}</td><td>${escapeHtml(f.message)}</td></tr>`)
    .join('\n');
  return `${summary}<table><tr><th>severity</th><th>check</th><th>prop_id</th><th>year</th><th>finding</th></tr>${rows}</table>`;
}

function batchReview(opened: OpenedPackage, begin: { batch?: BatchSummary; fields?: string[]; masking_policy?: string } | undefined, rows: BatchPackageRow[], errors: BatchPackageError[]): BatchReview | null {
  const subject = opened.manifest.subject;
  const rowsEntry = opened.sections.find((s) => s.type === 'batch');
  const errorsEntry = opened.sections.find((s) => s.type === 'batch_validations');
  if (subject.kind !== 'import_batch' || !begin?.batch || !rowsEntry) return null;
  return {
    summary: begin.batch,
    review_sha256: subject.review_sha256,
    fields: begin.fields ?? [],
    masking_policy: begin.masking_policy ?? '',
    rows: rowsEntry.lines,
    first_rows: rows,
    errors: { total: errorsEntry?.lines ?? 0, codes: (errorsEntry?.summary?.codes as Record<string, number> | undefined) ?? {}, first: errors },
  };
}

const BATCH_PAGE_STYLE = 'body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px}.num{text-align:right}';

/** The batch review page: under the same policy as every report, every package field escaped (numbers too: a package can be edited in transit). */
function batchPage(opened: OpenedPackage, batch: BatchReview): string {
  const m = opened.manifest;
  return `${reportDocumentStart(`QA review: import batch ${String(batch.summary.batch_id)}`, BATCH_PAGE_STYLE)}<main>
<h1>QA review: import batch</h1>${batchHtml(batch)}
<h2>Package</h2><p>Package <code>${escapeHtml(m.package_id)}</code> from install <code>${escapeHtml(m.origin_install_id)}</code>, made ${escapeHtml(m.created_at)} by ${escapeHtml(m.created_by)}. Manifest sha256 <code>${escapeHtml(opened.manifest_sha256)}</code>; ${signatureNote(opened)}</p>
</main></body></html>\n`;
}

function signatureNote(opened: OpenedPackage): string {
  const key = `<code>${escapeHtml(opened.origin_key_fingerprint)}</code>`;
  return `every section's hash was checked, and its signature by origin key ${key}${opened.origin_confirmed ? ', the key expected.' : '. Compare that fingerprint with the one the office gave you: until then the package is not verified as theirs.'}`;
}

function writeFileAtomic(file: string, text: string): void {
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, text, { mode: PRIVATE_FILE_MODE });
  fs.renameSync(partial, file);
}

function batchHtml(batch: BatchReview): string {
  const s = batch.summary;
  const head = `<p>Batch <code>${escapeHtml(s.batch_id)}</code> (${escapeHtml(s.kind)}) from ${escapeHtml(s.file_name)}: ${escapeHtml(s.staged_count)} rows staged, ${escapeHtml(s.valid_count)} valid, ${escapeHtml(batch.errors.total)} errors on ${escapeHtml(s.error_row_count)} rows. Review sha256 <code>${escapeHtml(batch.review_sha256)}</code>; names and other personal fields are pseudonyms (masking ${escapeHtml(batch.masking_policy)}).</p>`;
  const errors = batch.errors.first
    .map((e) => `<tr><td class="num">${escapeHtml(e.line)}</td><td>${escapeHtml(e.column ?? '')}</td><td>${escapeHtml(e.code)}</td><td>${escapeHtml(e.message)}</td></tr>`)
    .join('\n');
  const rows = batch.first_rows
    .map((r) => `<tr><td class="num">${escapeHtml(r.line)}</td><td>${escapeHtml(r.prop_id)}</td>${batch.fields.map((f) => `<td>${escapeHtml(r.values?.[f])}</td>`).join('')}</tr>`)
    .join('\n');
  return `${head}<h3>Errors</h3><table><tr><th>line</th><th>column</th><th>code</th><th>message</th></tr>${errors}</table><h3>Rows</h3><table><tr><th>line</th><th>prop_id</th>${batch.fields.map((f) => `<th>${escapeHtml(f)}</th>`).join('')}</tr>${rows}</table>`;
}
