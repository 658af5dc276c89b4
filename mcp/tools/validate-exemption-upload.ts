import { z } from 'zod';
import { actorFor } from '../imports/actor.js';
import { batchReportText } from '../imports/batch-report.js';
import { errorMessage, UserError } from '../util/user-error.js';
import { connectionIdArg } from './common-schemas.js';
import { batchResultShape, FILE_ARGS_ONE_OF, fileArgs, maxErrorsArg, withCheckedFilePath } from './import-schemas.js';
import { defineTool } from './tool.js';

export const validateExemptionUploadTool = defineTool({
  name: 'validate_exemption_upload',
  title: 'Stage and validate a mass exemption upload',
  description:
    'Reads a mass-exemption file (CSV or XLSX; columns prop_id or geo_id, owner_id, exmpt_tax_yr, exmpt_type_cd, … action ADD/REMOVE), stages it as a new batch in the local ' +
    'PACS MCP store and validates it against the training source: codes, open years, parcels, owners, duplicates, OV65/OV65S and the other exemption rules. ' +
    'Returns batch_id, staged_count, error_count and the first errors as {line, column, code, message} (line 1 is the header). Writes nothing to the PACS database; ' +
    'a QA sign-off and a push happen outside the chat.',
  input: z.object({ connection_id: connectionIdArg, ...fileArgs, max_errors: maxErrorsArg }).meta(FILE_ARGS_ONE_OF),
  output: batchResultShape,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async handler(args, { engine, signal, client, progress }) {
    const actor = actorFor('mcp', client?.name);
    const { record } = await engine.source(args.connection_id);
    const staged = await engine.imports.stage({ kind: 'exemptions', ...(await withCheckedFilePath(engine, args)) }, actor, { signal, onProgress: (rows) => void progress(rows, undefined, `${rows} rows staged`) });
    let validated;
    try {
      validated = (await engine.imports.validate({ batchId: staged.batch_id, connectionId: record.id }, actor, { signal })).batch;
    } catch (err) {
      const message = `The file was staged as batch ${staged.batch_id} (${staged.staged_count} rows), but validating it against "${record.id}" failed: ${errorMessage(err)} Call validate_import with that batch_id once the source is reachable.`;
      throw new UserError(err instanceof UserError ? err.kind : 'unavailable', message, { cause: err });
    }
    const result = await engine.imports.report(validated, args.max_errors);
    return { structured: result, text: batchReportText('Staged and validated.', result), connectionId: record.id, rowCount: result.staged_count };
  },
});
