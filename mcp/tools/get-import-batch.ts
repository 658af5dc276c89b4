import { z } from 'zod';
import { ModelView } from '../masking/model-view.js';
import { nextCall, nextCallShape } from './common-schemas.js';
import { batchSummaryShape, rowErrorShape } from './import-schemas.js';
import { defineTool, READ_ONLY } from './tool.js';

export const getImportBatchTool = defineTool({
  name: 'get_import_batch',
  title: 'Get an import batch',
  toolset: 'imports',
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
    next: nextCallShape.describe('The call for the next page of errors (null: no more).'),
    rows: z.array(z.object({ line: z.number().int(), prop_id: z.number().int().nullable(), values: z.record(z.string(), z.unknown()) })),
  }),
  annotations: READ_ONLY,
  async handler(args, { engine, viewer }) {
    const detail = await engine.imports.detail({ batchId: args.batch_id, errorsOffset: args.errors_offset, errorsLimit: args.errors_limit, rowsLimit: args.rows_limit });
    const b = detail.batch;
    // The file's values (an applicant's name, income) reach the model as pseudonyms.
    const view = await ModelView.open(engine, null, viewer);
    const fields = [...new Set(detail.rows.flatMap((r) => Object.keys(r.values)))];
    const masked = view.rows(fields, detail.rows.map((r) => r.values));
    const rows = detail.rows.map((r, i) => ({ ...r, values: masked.rows[i] }));
    const end = detail.errors_offset + detail.errors.length;
    const next = nextCall('get_import_batch', args, end < detail.errors_total ? end : null, 'errors_offset');
    const errors = detail.errors.length ? `errors ${detail.errors_offset + 1}–${end} of ${detail.errors_total}` : `no errors on this page (${detail.errors_total} in all)`;
    return {
      structured: { ...detail, rows, next },
      text:
        `Batch ${b.batch_id} (${b.kind}): ${b.status}; ${b.staged_count} rows, ${b.valid_count} without errors, ${b.error_count} errors on ${b.error_row_count} rows. ` +
        `${b.review_sha256 ? 'Validated' : 'Not validated yet'}; ${detail.history.length} history entries; ${errors}.${next ? ` Next errors: call again with errors_offset ${end}.` : ''}`,
      rowCount: detail.errors.length,
    };
  },
});
