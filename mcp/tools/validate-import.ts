import { z } from 'zod';
import { actorFor } from '../imports/actor.js';
import { batchResultText } from '../imports/batch-report.js';
import { connectionIdArg } from './common-schemas.js';
import { batchResultShape, maxErrorsArg } from './import-schemas.js';
import { defineTool } from './tool.js';

export const validateImportTool = defineTool({
  name: 'validate_import',
  title: 'Validate an import batch against the source now',
  toolset: 'imports',
  description:
    'Re-validates a staged batch against a PACS source as it is now (default: the connection it was validated against, else the default training connection) and ' +
    'replaces the batch\'s previous validation results. A QA sign-off on the batch is voided (signoff_voided: true), because what was reviewed may have changed. ' +
    'Writes only to the local PACS MCP store.',
  input: z.object({ batch_id: z.string().min(1).max(64), connection_id: connectionIdArg, max_errors: maxErrorsArg }),
  output: batchResultShape.extend({ signoff_voided: z.boolean() }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  async handler(args, { engine, signal, client }) {
    const actor = actorFor('mcp', client?.name);
    const { batch, signoffVoided } = await engine.imports.validate({ batchId: args.batch_id, connectionId: args.connection_id }, actor, { signal });
    const result = { ...(await engine.imports.report(batch, args.max_errors)), signoff_voided: signoffVoided };
    const headline = signoffVoided ? 'Validated again; the QA sign-off was voided.' : 'Validated.';
    return { structured: result, text: batchResultText(headline, result), connectionId: batch.validated_connection_id, rowCount: result.staged_count };
  },
});
