import { z } from 'zod';
import { actorFor } from '../imports/actor.js';
import { batchReportText } from '../imports/batch-report.js';
import { IMPORT_KIND_NAMES } from '../imports/import-kinds.js';
import { batchResultShape, FILE_ARGS_ONE_OF, fileArgs, maxErrorsArg, withCheckedFilePath } from './import-schemas.js';
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
    const staged = await engine.imports.stage(await withCheckedFilePath(engine, args), actor, { signal, onProgress: (rows) => void progress(rows, undefined, `${rows} rows staged`) });
    const result = await engine.imports.report(staged, args.max_errors);
    return { structured: result, text: batchReportText('Staged.', result), rowCount: result.staged_count };
  },
});
