import { z } from 'zod';
import { formatErrors } from '../imports/batch-report.js';
import { textTable } from '../util/text-table.js';
import { batchSummaryShape, rowErrorShape } from './import-schemas.js';
import { defineTool, READ_ONLY } from './tool.js';

export const getImportBatchTool = defineTool({
  name: 'get_import_batch',
  title: 'Get an import batch',
  description:
    'One import batch: status, counts, file sha256, review_sha256, QA sign-off, push and promotion, its history (who did what when), a page of its errors ' +
    '(errors_offset / errors_limit, by line) and optionally its first rows (rows_limit).',
  input: z.object({
    batch_id: z.string().min(1).max(64),
    errors_offset: z.number().int().min(0).default(0),
    errors_limit: z.number().int().min(0).max(1_000).default(100),
    rows_limit: z.number().int().min(0).max(100).default(0),
  }),
  output: z.object({
    batch: batchSummaryShape,
    columns: z.array(z.object({ column: z.number().int(), header: z.string(), field: z.string() })),
    notes: z.array(z.string()),
    same_file_batches: z.array(z.string()),
    history: z.array(
      z.object({
        at: z.string(),
        actor: z.string(),
        channel: z.string(),
        client_name: z.string().nullable(),
        action: z.string(),
        from_status: z.string().nullable(),
        to_status: z.string().nullable(),
        detail: z.record(z.string(), z.unknown()),
      }),
    ),
    errors: z.array(rowErrorShape),
    errors_offset: z.number().int(),
    errors_total: z.number().int(),
    errors_truncated: z.boolean(),
    rows: z.array(z.object({ line: z.number().int(), prop_id: z.number().int().nullable(), values: z.record(z.string(), z.unknown()) })),
  }),
  annotations: READ_ONLY,
  async handler(args, { engine }) {
    const detail = await engine.imports.detail({ batchId: args.batch_id, errorsOffset: args.errors_offset, errorsLimit: args.errors_limit, rowsLimit: args.rows_limit });
    const b = detail.batch;
    const text = [
      `Batch ${b.batch_id} (${b.kind}, ${b.file_name}, sha256 ${b.file_sha256}): ${b.status}. ${b.staged_count} rows, ${b.valid_count} without errors, ${b.error_count} errors on ${b.error_row_count} rows.`,
      b.review_sha256 ? `review_sha256 ${b.review_sha256}; validated against ${b.validated_connection_id} at ${b.validated_at}.` : 'Not validated yet.',
      b.signoff ? `QA sign-off: ${b.signoff.reviewer} at ${b.signoff.signed_at} (sha256 ${b.signoff.sha256}).` : '',
      b.pushed ? `Pushed to ${b.pushed.connection_id} at ${b.pushed.at}.` : '',
      b.promoted ? `Promoted to ${b.promoted.connection_id} at ${b.promoted.at}.` : '',
      `History:\n${textTable(detail.history, ['at', 'actor', 'action', 'from_status', 'to_status'], 100)}`,
      detail.errors.length ? `Errors ${detail.errors_offset + 1}–${detail.errors_offset + detail.errors.length} of ${detail.errors_total}:\n${formatErrors(detail.errors)}` : 'No errors on this page.',
    ].filter(Boolean);
    return { structured: detail, text: text.join('\n'), rowCount: detail.errors.length };
  },
});
