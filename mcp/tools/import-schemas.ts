import { z } from 'zod';
import type { BatchSummary } from '../imports/batch-view.js';
import type { RowError } from '../imports/import-errors.js';

/** file_path, or file_content + file_name. */
export const fileArgs = {
  file_path: z.string().min(1).max(4_096).optional().describe('Path of a .csv/.tsv/.txt/.xlsx file on the machine running PACS MCP.'),
  file_content: z
    .string()
    .max(50 * 1024 * 1024)
    .optional()
    .describe('The file itself instead of a path: CSV text, or base64 bytes of an .xlsx with content_encoding "base64".'),
  file_name: z.string().min(1).max(255).optional().describe('Name of the file whose content is given, e.g. "exemptions-2026.csv" (its extension tells CSV from XLSX).'),
  content_encoding: z.enum(['text', 'base64']).default('text'),
};

/** JSON-schema form of "file_path, or file_content with file_name" for clients that read it. */
export const FILE_ARGS_ONE_OF = { anyOf: [{ required: ['file_path'] }, { required: ['file_content', 'file_name'] }] };

export const maxErrorsArg = z.number().int().min(0).max(1_000).default(50).describe('How many errors to return (first by line; get_import_batch pages the rest).');

export const rowErrorShape = z.object({ line: z.number().int(), column: z.string().nullable(), code: z.string(), message: z.string() });

export const batchSummaryShape = z.object({
  batch_id: z.string(),
  kind: z.string(),
  status: z.string(),
  file_name: z.string(),
  file_format: z.string(),
  file_sha256: z.string(),
  file_bytes: z.number().int(),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  sheet_name: z.string().nullable(),
  staged_count: z.number().int(),
  error_count: z.number().int(),
  error_row_count: z.number().int(),
  valid_count: z.number().int(),
  review_sha256: z.string().nullable(),
  validated_connection_id: z.string().nullable(),
  validated_at: z.string().nullable(),
  created_at: z.string(),
  created_by: z.string(),
  signoff: z.object({ reviewer: z.string(), signed_by: z.string(), signed_at: z.string(), sha256: z.string(), note: z.string().nullable() }).nullable(),
  pushed: z.object({ connection_id: z.string(), at: z.string(), by: z.string() }).nullable(),
  promoted: z.object({ connection_id: z.string(), at: z.string(), by: z.string() }).nullable(),
  rejected_reason: z.string().nullable(),
});

/** What stage_import and validate_import return. */
export const batchResultShape = z.object({
  batch_id: z.string(),
  kind: z.string(),
  status: z.string(),
  staged_count: z.number().int(),
  error_count: z.number().int(),
  error_row_count: z.number().int(),
  valid_count: z.number().int(),
  errors: z.array(rowErrorShape),
  errors_truncated: z.boolean(),
  file_name: z.string(),
  file_sha256: z.string(),
  review_sha256: z.string().nullable(),
  validated_connection_id: z.string().nullable(),
  notes: z.array(z.string()),
});

export function batchResult(batch: BatchSummary, errors: RowError[], notes: string[]) {
  return {
    batch_id: batch.batch_id,
    kind: batch.kind,
    status: batch.status,
    staged_count: batch.staged_count,
    error_count: batch.error_count,
    error_row_count: batch.error_row_count,
    valid_count: batch.valid_count,
    errors,
    errors_truncated: errors.length < batch.error_count,
    file_name: batch.file_name,
    file_sha256: batch.file_sha256,
    review_sha256: batch.review_sha256,
    validated_connection_id: batch.validated_connection_id,
    notes,
  };
}

/** The sentence about a batch result; its errors and notes are in the result's data. */
export function batchResultText(headline: string, result: ReturnType<typeof batchResult>): string {
  const counts = `${headline} Batch ${result.batch_id} (${result.kind}): status ${result.status}; ${result.staged_count} rows staged, ${result.valid_count} without errors, ${result.error_count} errors on ${result.error_row_count} rows.`;
  const more = result.errors_truncated ? ` The first ${result.errors.length} errors are listed; get_import_batch with errors_offset ${result.errors.length} pages the rest.` : '';
  return counts + more;
}

/** A batch result for a person at a terminal (the CLI): the counts, the notes and the errors listed. */
export function batchReportText(headline: string, result: ReturnType<typeof batchResult>): string {
  const lines = [
    `${headline} Batch ${result.batch_id} (${result.kind}, ${result.file_name}): status ${result.status}; ${result.staged_count} rows staged, ${result.valid_count} without errors, ${result.error_count} errors on ${result.error_row_count} rows.`,
  ];
  if (result.review_sha256) lines.push(`review_sha256 ${result.review_sha256} (what a QA reviewer signs off).`);
  for (const note of result.notes) lines.push(`Note: ${note}`);
  if (result.errors.length) {
    lines.push(formatErrors(result.errors));
    if (result.errors_truncated) lines.push(`… ${result.error_count - result.errors.length} more errors: \`pacs-mcp import show\` pages them.`);
  }
  return lines.join('\n');
}

/** One error per line, in full: `line 7, Tax Year: invalid_year — Tax Year must be …`. */
export function formatErrors(errors: readonly RowError[]): string {
  return errors.map((e) => `line ${e.line}${e.column ? `, ${e.column}` : ''}: ${e.code} — ${e.message}`).join('\n');
}
