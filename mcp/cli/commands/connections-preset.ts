import { summarize } from '../../connections/connection-registry.js';
import { needsSecret } from '../../connections/connection-config.js';
import { addPacsServerPreset, PACS_SERVER_PRESET, pacsServerConfigs, type PacsServerOptions } from '../../connections/pacs-server-preset.js';
import { textTable } from '../../util/text-table.js';
import { intOption, parseOptions, UsageError, writeLine, type CliIo } from '../command.js';
import { promptSecret, readSecretFromStdin } from '../read-secret.js';
import { cliAction, withEngine } from '../with-engine.js';

export const ADD_PRESET_USAGE =
  'pacs-mcp connections add-preset pacs-server [--server jcharrispacs] [--instance NAME] [--port N] [--auth sql|ntlm|windows] [--user U] [--domain D] [--password-stdin] [--trust-server-certificate] [--no-encrypt] [--read-only-intent] [--json]';

const OPTIONS = {
  server: { type: 'string' },
  instance: { type: 'string' },
  port: { type: 'string' },
  auth: { type: 'string' },
  user: { type: 'string' },
  domain: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'trust-server-certificate': { type: 'boolean' },
  'no-encrypt': { type: 'boolean' },
  'read-only-intent': { type: 'boolean' },
  'connect-timeout': { type: 'string' },
  'request-timeout': { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** `connections add-preset pacs-server`: pacs_training (training, default) and pacs_oltp (production) on one server. */
export async function addPresetCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv, OPTIONS);
  if (positionals[0] !== PACS_SERVER_PRESET.name) throw new UsageError(`Name the preset: pacs-mcp connections add-preset ${PACS_SERVER_PRESET.name}`);
  if (values.auth !== undefined && !['sql', 'ntlm', 'windows'].includes(values.auth)) throw new UsageError('--auth must be sql, ntlm or windows.');
  const options: PacsServerOptions = {
    server: values.server,
    instance: values.instance,
    port: intOption(values.port, 'port'),
    authentication: values.auth as PacsServerOptions['authentication'],
    user: values.user,
    domain: values.domain,
    encrypt: values['no-encrypt'] ? false : undefined,
    trust_server_certificate: values['trust-server-certificate'] ? true : undefined,
    connect_timeout_ms: intOption(values['connect-timeout'], 'connect-timeout'),
    request_timeout_ms: intOption(values['request-timeout'], 'request-timeout'),
    read_only_intent: values['read-only-intent'] ? true : undefined,
  };
  let planned;
  try {
    planned = pacsServerConfigs(options);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  let secret: string | undefined;
  if (needsSecret('sqlserver', planned[0].config)) {
    secret = values['password-stdin'] ? await readSecretFromStdin(io) : await promptSecret(io, `Password for ${String(planned[0].config.user)} on ${String(planned[0].config.server)}: `);
    if (!secret) throw new Error('The password is empty. Pipe it with --password-stdin, or type it at the prompt.');
  }
  return withEngine(async (engine) => {
    const records = await cliAction(
      engine,
      {
        action: 'connections.add-preset',
        args: { preset: PACS_SERVER_PRESET.name, server: planned[0].config.server, auth: planned[0].config.authentication, user: planned[0].config.user, domain: planned[0].config.domain },
        connectionId: planned[0].id,
      },
      () => addPacsServerPreset(engine, options, secret),
      (saved) => saved.length,
    );
    const summaries = records.map(summarize);
    if (values.json) writeLine(io.stdout, JSON.stringify(summaries));
    else {
      writeLine(io.stdout, `PACS server preset saved${secret ? '; the password is in the OS keychain' : ''}:`);
      writeLine(io.stdout, textTable(summaries, ['id', 'role', 'target', 'is_default', 'read_only']));
      writeLine(io.stdout, 'Check them with `pacs-mcp connections test pacs_training` and `pacs-mcp connections test pacs_oltp`.');
    }
    return 0;
  });
}
