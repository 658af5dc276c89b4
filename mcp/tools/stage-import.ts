import { z } from 'zod';
import { actorFor } from '../imports/actor.js';
import { batchSummary } from '../imports/batch-view.js';
import { ImportStore } from '../imports/batch-store.js';
import { IMPORT_KIND_NAMES } from '../imports/import-kinds.js';
import { stageImport } from '../imports/stage-batch.js';
import { asToolError, batchResult, batchResultShape, batchResultText, FILE_ARGS_ONE_OF, fileArgs, maxErrorsArg, withCheckedFilePath } from './import-schemas.js';
import { defineTool } from './tool.js';

export const stageImportTool = defineTool({
  name: 'stage_import',
  title: 'Stage an import file',
  description:
    'Stages a CSV or XLSX file as a new import batch in the local PACS MCP store (kind "exemptions": the mass exemption layout; "property_values": parcel_id, value_type, ' +
    'value_amount, effective_date, source) and checks its fields: required columns, types, dates, ranges, formulas. A bad file stages nothing and says why. ' +
    'Call validate_import next to check the rows against the PACS source. Writes only to the local store.',
  input: z.object({ kind: z.enum(IMPORT_KIND_NAMES), ...fileArgs, max_errors: maxErrorsArg }).meta(FILE_ARGS_ONE_OF),
  output: batchResultShape,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async handler(args, { engine, signal, client, progress }) {
    const actor = actorFor('mcp', client?.name);
    const checked = await withCheckedFilePath(engine, args);
    try {
      const staged = await stageImport(engine, checked, actor, { signal, onProgress: (rows) => void progress(rows, undefined, `${rows} rows staged`) });
      const store = await ImportStore.open(engine, actor);
      try {
        const errors = await store.errorsPage(staged, 0, args.max_errors);
        const result = batchResult(batchSummary(staged), errors, JSON.parse(staged.notes_json) as string[]);
        return { structured: result, text: batchResultText('Staged.', result), rowCount: result.staged_count };
      } finally {
        await store.close();
      }
    } catch (err) {
      throw asToolError(err);
    }
  },
});
