import { z } from 'zod';
import { IMPORT_KIND_NAMES } from '../imports/import-kinds.js';
import { textTable } from '../util/text-table.js';
import { batchSummaryShape } from './import-schemas.js';
import { defineTool, READ_ONLY } from './tool.js';

export const BATCH_STATUSES = ['staged', 'validated', 'qa_signed', 'pushed_to_training', 'promoted', 'rejected'] as const;

export const listImportBatchesTool = defineTool({
  name: 'list_import_batches',
  title: 'List import batches',
  description: 'Lists the import batches in the local PACS MCP store, newest first, with status (staged → validated → qa_signed → pushed_to_training → promoted, or rejected) and counts.',
  input: z.object({
    status: z.enum(BATCH_STATUSES).optional(),
    kind: z.enum(IMPORT_KIND_NAMES).optional(),
    limit: z.number().int().min(1).max(200).default(20),
    offset: z.number().int().min(0).default(0),
  }),
  output: z.object({ batches: z.array(batchSummaryShape), total: z.number().int() }),
  annotations: READ_ONLY,
  async handler(args, { engine }) {
    const result = await engine.imports.list(args);
    return {
      structured: result,
      text: `${result.batches.length} of ${result.total} import batches:\n${textTable(result.batches, ['batch_id', 'kind', 'status', 'file_name', 'staged_count', 'error_count', 'created_at'])}`,
      rowCount: result.batches.length,
    };
  },
});
