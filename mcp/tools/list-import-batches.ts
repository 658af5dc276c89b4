import { z } from 'zod';
import { IMPORT_KIND_NAMES } from '../imports/import-kinds.js';
import { nextCall, nextCallShape, pageWords } from './common-schemas.js';
import { batchSummaryShape } from './import-schemas.js';
import { defineTool, READ_ONLY } from './tool.js';

export const BATCH_STATUSES = ['staged', 'validated', 'qa_signed', 'pushed_to_training', 'promoted', 'rejected'] as const;

export const listImportBatchesTool = defineTool({
  name: 'list_import_batches',
  title: 'List import batches',
  toolset: 'imports',
  description: 'Lists the import batches in the local PACS MCP store, newest first, with status (staged → validated → qa_signed → pushed_to_training → promoted, or rejected) and counts.',
  input: z.object({
    status: z.enum(BATCH_STATUSES).optional(),
    kind: z.enum(IMPORT_KIND_NAMES).optional(),
    limit: z.number().int().min(1).max(200).default(20),
    offset: z.number().int().min(0).default(0),
  }),
  output: z.object({ batches: z.array(batchSummaryShape), total: z.number().int(), offset: z.number().int(), next: nextCallShape }),
  annotations: READ_ONLY,
  async handler(args, { engine }) {
    const result = await engine.imports.list(args);
    const end = args.offset + result.batches.length;
    const next = nextCall('list_import_batches', args, end < result.total ? end : null);
    return {
      structured: { ...result, offset: args.offset, next },
      text: `${result.total} import batches match, newest first. ${pageWords('batches', args.offset, result.batches.length, next)}`,
      rowCount: result.batches.length,
    };
  },
});
