import { z } from 'zod';
import { actorFor } from '../imports/actor.js';
import { batchResultText } from '../imports/batch-report.js';
import type { ImportKind } from '../imports/import-kind.js';
import { IMPORT_KIND_NAMES, IMPORT_KINDS } from '../imports/import-kinds.js';
import { errorMessage, UserError } from '../util/user-error.js';
import { connectionIdArg } from './common-schemas.js';
import { batchResultShape, FILE_ARGS_ONE_OF, fileArgs, maxErrorsArg, withCheckedFilePath } from './import-schemas.js';
import { defineTool } from './tool.js';

/** A kind's file layout in words, from its fields: what a model needs to write or check a file. */
export function layoutWords(name: string, kind: ImportKind): string {
  const required = kind.requiredColumns.map((group) => group.join(' or '));
  const inGroups = new Set(kind.requiredColumns.flat());
  const optional = kind.fields.filter((f) => !inGroups.has(f.name)).map((f) => (f.defaultValue !== undefined ? `${f.name} (default ${String(f.defaultValue)})` : f.name));
  return `"${name}": columns ${required.join(', ')} (required)${optional.length ? `; ${optional.join(', ')} (optional)` : ''}`;
}

const LAYOUTS = IMPORT_KIND_NAMES.map((name) => layoutWords(name, IMPORT_KINDS[name])).join('. ');

export const stageImportTool = defineTool({
  name: 'stage_import',
  title: 'Stage (and validate) an import file',
  toolset: 'imports',
  description:
    'Stages a CSV or XLSX file as a new import batch in the local PACS MCP store and checks its fields (required columns, types, dates, ranges, formulas); a bad file stages nothing and says why. ' +
    `Line 1 is the header; headers are matched by name and common spellings. Layouts: ${LAYOUTS}. ` +
    'validate: true also checks the rows against the PACS source (codes, open years, parcels, owners, duplicates, exemption rules), as validate_import does. ' +
    'Errors come as {line, column, code, message}. Writes nothing to the PACS database.',
  input: z
    .object({
      kind: z.enum(IMPORT_KIND_NAMES).default('exemptions'),
      ...fileArgs,
      validate: z.boolean().default(false).describe('Also validate against the source (connection_id, default: the default training connection).'),
      connection_id: connectionIdArg,
      max_errors: maxErrorsArg,
    })
    .meta(FILE_ARGS_ONE_OF),
  output: batchResultShape,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async handler(args, { engine, signal, client, progress }) {
    const actor = actorFor('mcp', client?.name);
    if (!args.validate && args.connection_id) throw new UserError('invalid', 'connection_id is the source to validate against: give it with validate: true, or leave it out.');
    const source = args.validate ? (await engine.source(args.connection_id)).record : null;
    let batch = await engine.imports.stage(await withCheckedFilePath(engine, args), actor, { signal, onProgress: (rows) => void progress(rows, undefined, `${rows} rows staged`) });
    if (source) {
      try {
        batch = (await engine.imports.validate({ batchId: batch.batch_id, connectionId: source.id }, actor, { signal })).batch;
      } catch (err) {
        const message = `The file was staged as batch ${batch.batch_id} (${batch.staged_count} rows), but validating it against "${source.id}" failed: ${errorMessage(err)} Call validate_import with that batch_id once the source is reachable.`;
        throw new UserError(err instanceof UserError ? err.kind : 'unavailable', message, { cause: err });
      }
    }
    const result = await engine.imports.report(batch, args.max_errors);
    return { structured: result, text: batchResultText(source ? 'Staged and validated.' : 'Staged.', result), connectionId: source?.id, rowCount: result.staged_count };
  },
});
