import { MODEL_VALUES, modelValuesOf, setModelValues, type ModelValues } from '../../masking/model-values.js';
import { parseOptions, UsageError, writeLine, type CliIo } from '../command.js';
import { cliAction, withEngine } from '../with-engine.js';

export const MODEL_VALUES_USAGE = [
  'pacs-mcp connections model-values ID [masked|clear] [--json]',
  '    what Claude sees of the connection\'s sensitive values (SSN, licence numbers, birth dates, income, contact data, confidential owners and sales):',
  '    masked (the default) gives deterministic pseudonyms; clear passes them as they are. Without a value, shows the current one. Audited.',
].join('\n');

/** `connections model-values ID [masked|clear]`: a person's choice, never a tool's. */
export async function modelValuesCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv, { json: { type: 'boolean' } });
  const [id, wanted] = positionals;
  if (!id) throw new UsageError('Name the connection: pacs-mcp connections model-values ID [masked|clear]');
  if (wanted !== undefined && !(MODEL_VALUES as readonly string[]).includes(wanted)) throw new UsageError(`The value must be one of ${MODEL_VALUES.join(', ')}.`);
  return withEngine(async (engine) => {
    const record = await engine.connections.get(id);
    if (wanted !== undefined) {
      await cliAction(engine, { action: 'connections.model-values', args: { id: record.id, model_values: wanted }, connectionId: record.id }, () =>
        setModelValues(engine.store, record.id, wanted as ModelValues),
      );
    }
    const now = await modelValuesOf(engine.store, record.id);
    const words = now === 'clear' ? 'in clear: Claude sees its sensitive values as they are' : 'masked: Claude sees its sensitive values as pseudonyms';
    writeLine(io.stdout, values.json ? JSON.stringify({ connection_id: record.id, model_values: now }) : `Connection "${record.id}": ${words}.`);
    return 0;
  });
}
