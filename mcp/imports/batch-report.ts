import type { BatchRow, ImportStore } from './batch-store.js';
import { batchSummary } from './batch-view.js';
import type { RowError } from './import-errors.js';

/** What staging or validating a batch reports (stage_import, validate_import, `pacs-mcp import stage|validate`). */
export interface BatchReport {
  batch_id: string;
  kind: string;
  status: string;
  staged_count: number;
  error_count: number;
  error_row_count: number;
  valid_count: number;
  errors: RowError[];
  errors_truncated: boolean;
  file_name: string;
  file_sha256: string;
  review_sha256: string | null;
  validated_connection_id: string | null;
  notes: string[];
}

/** The batch's counts, its notes and its first `maxErrors` errors by line. */
export async function batchReport(store: ImportStore, batch: BatchRow, maxErrors: number): Promise<BatchReport> {
  const summary = batchSummary(batch);
  const errors = await store.errorsPage(batch, 0, maxErrors);
  return {
    batch_id: summary.batch_id,
    kind: summary.kind,
    status: summary.status,
    staged_count: summary.staged_count,
    error_count: summary.error_count,
    error_row_count: summary.error_row_count,
    valid_count: summary.valid_count,
    errors,
    errors_truncated: errors.length < summary.error_count,
    file_name: summary.file_name,
    file_sha256: summary.file_sha256,
    review_sha256: summary.review_sha256,
    validated_connection_id: summary.validated_connection_id,
    notes: JSON.parse(batch.notes_json) as string[],
  };
}

/** The sentence a tool says about a batch result; its errors and notes are in the result's data. */
export function batchResultText(headline: string, report: BatchReport): string {
  const counts = `${headline} Batch ${report.batch_id} (${report.kind}): status ${report.status}; ${report.staged_count} rows staged, ${report.valid_count} without errors, ${report.error_count} errors on ${report.error_row_count} rows.`;
  const more = report.errors_truncated ? ` The first ${report.errors.length} errors are listed; get_import_batch with errors_offset ${report.errors.length} pages the rest.` : '';
  return counts + more;
}

/** A batch result for a person at a terminal (the CLI): the counts, the notes and the errors listed. */
export function batchReportText(headline: string, report: BatchReport): string {
  const lines = [
    `${headline} Batch ${report.batch_id} (${report.kind}, ${report.file_name}): status ${report.status}; ${report.staged_count} rows staged, ${report.valid_count} without errors, ${report.error_count} errors on ${report.error_row_count} rows.`,
  ];
  if (report.review_sha256) lines.push(`review_sha256 ${report.review_sha256} (what a QA reviewer signs off).`);
  for (const note of report.notes) lines.push(`Note: ${note}`);
  if (report.errors.length) {
    lines.push(formatErrors(report.errors));
    if (report.errors_truncated) lines.push(`… ${report.error_count - report.errors.length} more errors: \`pacs-mcp import show\` pages them.`);
  }
  return lines.join('\n');
}

/** One error per line, in full: `line 7, Tax Year: invalid_year — Tax Year must be …`. */
export function formatErrors(errors: readonly RowError[]): string {
  return errors.map((e) => `line ${e.line}${e.column ? `, ${e.column}` : ''}: ${e.code} — ${e.message}`).join('\n');
}
