import readline from 'node:readline';
import { summarize } from '../../connections/connection-registry.js';
import { needsSecret, parseConnectionConfig } from '../../connections/connection-config.js';
import {
  CONNECTION_KINDS,
  CONNECTION_ROLES,
  connectionIdSchema,
  connectionTarget,
  isConfirmed,
  isReadOnlyRole,
  UnconfirmedConnectionError,
  type ConnectionKind,
  type ConnectionRole,
} from '../../connections/connection-types.js';
import { secretAccount } from '../../credentials/credentials.js';
import type { TestResult } from '../../connectors/connector.js';
import { textTable } from '../../util/text-table.js';
import { UserError } from '../../util/user-error.js';
import { intOption, parseOptions, UsageError, writeLine, type CliCommand, type CliIo } from '../command.js';
import { promptSecret, readSecretFromStdin } from '../read-secret.js';
import { cliAction, withEngine } from '../with-engine.js';
import { ADD_PRESET_USAGE, addPresetCommand } from './connections-preset.js';
import { MODEL_VALUES_USAGE, modelValuesCommand } from './connections-model-values.js';

const ADD_OPTIONS = {
  id: { type: 'string' },
  kind: { type: 'string' },
  role: { type: 'string' },
  description: { type: 'string' },
  default: { type: 'boolean' },
  'password-stdin': { type: 'boolean' },
  'no-password': { type: 'boolean' },
  'ambient-credentials': { type: 'boolean' },
  json: { type: 'boolean' },
  // sqlite
  file: { type: 'string' },
  // the PACS settings (sqlite / postgres / sqlserver)
  jurisdiction: { type: 'string' },
  'appeal-status': { type: 'string' },
  'appeal-procedure': { type: 'string' },
  'appeal-calendar-date': { type: 'string' },
  // postgres / sqlserver / databricks
  host: { type: 'string' },
  port: { type: 'string' },
  database: { type: 'string' },
  user: { type: 'string' },
  ssl: { type: 'string' },
  server: { type: 'string' },
  instance: { type: 'string' },
  auth: { type: 'string' },
  domain: { type: 'string' },
  'no-encrypt': { type: 'boolean' },
  'trust-server-certificate': { type: 'boolean' },
  'read-only-intent': { type: 'boolean' },
  'connect-timeout': { type: 'string' },
  'request-timeout': { type: 'string' },
  'lock-timeout': { type: 'string' },
  'stream-timeout': { type: 'string' },
  'statement-timeout': { type: 'string' },
  'http-path': { type: 'string' },
  catalog: { type: 'string' },
  tenant: { type: 'string' },
  'oauth-client-id': { type: 'string' },
  volume: { type: 'string' },
} as const;

type AddValues = Partial<Record<keyof typeof ADD_OPTIONS, string | boolean>>;

function configFromFlags(kind: ConnectionKind, v: AddValues): Record<string, unknown> {
  const str = (k: keyof typeof ADD_OPTIONS) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  const int = (k: keyof typeof ADD_OPTIONS) => intOption(str(k), k);
  const raw: Record<string, unknown> = {
    sqlite: { file: str('file') },
    postgres: { host: str('host'), port: int('port'), database: str('database'), user: str('user'), ssl: str('ssl'), connect_timeout_ms: int('connect-timeout'), statement_timeout_ms: int('statement-timeout') },
    sqlserver: {
      server: str('server') ?? str('host'),
      port: int('port'),
      instance: str('instance'),
      database: str('database'),
      authentication: str('auth'),
      user: str('user'),
      domain: str('domain'),
      encrypt: v['no-encrypt'] ? false : undefined,
      trust_server_certificate: v['trust-server-certificate'] ? true : undefined,
      read_only_intent: v['read-only-intent'] ? true : undefined,
      connect_timeout_ms: int('connect-timeout'),
      request_timeout_ms: int('request-timeout'),
      lock_timeout_ms: int('lock-timeout'),
      stream_timeout_ms: int('stream-timeout'),
    },
    databricks: { host: str('host'), http_path: str('http-path'), catalog: str('catalog'), tenant_id: str('tenant'), auth: str('auth'), oauth_client_id: str('oauth-client-id'), volume: str('volume') },
    lakehouse: { tenant_id: str('tenant') },
  }[kind] as Record<string, unknown>;
  if (kind === 'sqlite' || kind === 'postgres' || kind === 'sqlserver') {
    raw.jurisdiction = str('jurisdiction')?.toUpperCase();
    raw.appeal_scheduled_status = str('appeal-status');
    raw.appeal_scheduling_procedure = str('appeal-procedure');
    raw.appeal_calendar_date = str('appeal-calendar-date');
  }
  for (const key of Object.keys(raw)) if (raw[key] === undefined) delete raw[key];
  return parseConnectionConfig(kind, raw);
}

export const connectionsCommand: CliCommand = {
  name: 'connections',
  summary: 'Add, list, test or remove data connections (secrets go to the OS keychain)',
  usage: [
    'pacs-mcp connections list [--json]',
    'pacs-mcp connections add --id ID --kind sqlite|postgres|sqlserver|databricks|lakehouse --role training|production|warehouse|other [kind fields] [--password-stdin] [--default] [--ambient-credentials]',
    '    --ambient-credentials: PostgreSQL may use PGPASSWORD / .pgpass of this computer when no password is stored (--auth windows on SQL Server implies it)',
    '    sqlite: --file PATH   postgres: --host --port --database --user [--ssl disable|require|verify-full]',
    '    sqlserver: --server --database [--instance] [--port] [--auth sql|ntlm|windows] [--user] [--domain] [--no-encrypt] [--trust-server-certificate] [--read-only-intent] [--lock-timeout MS] [--stream-timeout MS]',
    '    databricks: --host --http-path [--tenant ID] [--auth token|oauth-m2m] [--oauth-client-id ID] [--volume NAME]   (the token or OAuth secret goes to the keychain)',
    '    lakehouse: [--tenant ID]   (the local Parquet + DuckDB lakehouse; no secret)',
    '    PACS databases (sqlite, postgres, sqlserver): [--jurisdiction WA|TX] (whose exemption and appeal rules apply; default WA)',
    '      [--appeal-status CODE] (status a case gets when route_appeal puts it on a docket) [--appeal-procedure dbo.ARBAutoSchedule] (PACS picks the docket)',
    '      [--appeal-calendar-date YYYY-MM-DD] (the day a training copy stands at: route_appeal schedules from it instead of today)',
    ADD_PRESET_USAGE,
    '    creates pacs_training (role training, default) and pacs_oltp (role production, read-only) on that server',
    'pacs-mcp connections test ID [--json]',
    MODEL_VALUES_USAGE,
    'pacs-mcp connections confirm ID [--yes] [--password-stdin | --no-password] [--ambient-credentials]',
    '    shows a connection registered through the chat, and makes it usable once you confirm it (and stores its password)',
    'pacs-mcp connections set-password ID [--password-stdin]',
    'pacs-mcp connections remove ID',
  ].join('\n'),
  async run(argv, io) {
    const [sub, ...rest] = argv;
    switch (sub) {
      case 'list': {
        const { values } = parseOptions(rest, { json: { type: 'boolean' } });
        return withEngine(async (engine) => {
          const connections = (await engine.connections.list()).map(summarize);
          writeLine(io.stdout, values.json ? JSON.stringify(connections) : textTable(connections, ['id', 'kind', 'role', 'target', 'is_default', 'read_only', 'confirmed'], 1_000));
          return 0;
        });
      }
      case 'add': {
        const { values } = parseOptions(rest, ADD_OPTIONS);
        const id = connectionIdSchema.safeParse(values.id);
        if (!id.success) throw new UsageError(`--id: ${id.error.issues[0].message}`);
        if (!CONNECTION_KINDS.includes(values.kind as ConnectionKind)) throw new UsageError(`--kind must be one of ${CONNECTION_KINDS.join(', ')}.`);
        if (!CONNECTION_ROLES.includes(values.role as ConnectionRole)) throw new UsageError(`--role must be one of ${CONNECTION_ROLES.join(', ')}.`);
        const kind = values.kind as ConnectionKind;
        const config = configFromFlags(kind, values);
        let secret: string | undefined;
        if (needsSecret(kind, config) && !values['no-password']) {
          secret = values['password-stdin'] ? await readSecretFromStdin(io) : await promptSecret(io, `Password for ${id.data}: `);
          if (!secret) throw new Error('The password is empty. Pipe it with --password-stdin, or pass --no-password to store the connection without one.');
        }
        return withEngine(async (engine) => {
          const record = await cliAction(engine, { action: 'connections.add', args: { id: id.data, kind, role: values.role, config }, connectionId: id.data }, async () => {
            // The secret first: if the keychain refuses, no connection is left without its password.
            if (secret !== undefined) await engine.secrets.set(secretAccount.connection(id.data), secret);
            const ambient = values['ambient-credentials'] === true || (kind === 'sqlserver' && config.authentication === 'windows');
            const saved = await engine.connections.upsert({ id: id.data, kind, role: values.role as ConnectionRole, description: values.description ?? '', config, is_default: values.default, ambient_credentials: ambient });
            await engine.sources.evict(id.data);
            return saved;
          });
          const summary = summarize(record);
          writeLine(io.stdout, values.json ? JSON.stringify(summary) : `Saved connection "${record.id}" (${record.kind}, role ${record.role}${summary.read_only ? ', read-only' : ''}) → ${summary.target}${secret ? '; password stored in the OS keychain' : ''}.`);
          return 0;
        });
      }
      case 'add-preset':
        return addPresetCommand(rest, io);
      case 'model-values':
        return modelValuesCommand(rest, io);
      case 'test': {
        const { values, positionals } = parseOptions(rest, { json: { type: 'boolean' } });
        if (!positionals[0]) throw new UsageError('Name the connection to test: pacs-mcp connections test ID');
        return withEngine(async (engine) => {
          const record = await engine.connections.get(positionals[0]);
          const result: TestResult = await cliAction(engine, { action: 'connections.test', args: { id: record.id }, connectionId: record.id }, async () => {
            const connector = await engine.sources.get(record).catch((err: Error) => err);
            return connector instanceof Error ? ({ ok: false, latency_ms: 0, failure: 'other', message: connector.message } satisfies TestResult) : connector.test();
          });
          writeLine(io.stdout, values.json ? JSON.stringify({ connection_id: record.id, ...result }) : `${record.id}: ${result.ok ? 'OK' : 'FAILED'} — ${result.message}${result.server_version ? ` (${result.server_version})` : ''}`);
          return result.ok ? 0 : 1;
        });
      }
      case 'confirm':
        return confirmConnection(rest, io);
      case 'set-password':
        return setPassword(rest, io);
      case 'remove': {
        const { positionals } = parseOptions(rest, {});
        if (!positionals[0]) throw new UsageError('Name the connection to remove: pacs-mcp connections remove ID');
        return withEngine(async (engine) => {
          const record = await engine.connections.get(positionals[0]);
          await cliAction(engine, { action: 'connections.remove', args: { id: record.id }, connectionId: record.id }, async () => {
            await engine.sources.evict(record.id);
            await engine.connections.remove(record.id);
            if (needsSecret(record.kind, record.config)) await engine.secrets.delete(secretAccount.connection(record.id)).catch(() => false);
          });
          writeLine(io.stdout, `Removed connection "${record.id}" and its keychain entry.`);
          return 0;
        });
      }
      default:
        throw new UsageError(`Unknown connections command "${sub ?? ''}".`);
    }
  },
};

/** A value chosen by the model, printed on the user's terminal: control characters escaped so nothing is interpreted. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return JSON.stringify(text).slice(1, -1);
}

async function readPassword(io: CliIo, fromStdin: boolean, id: string): Promise<string> {
  const secret = fromStdin ? await readSecretFromStdin(io) : await promptSecret(io, `Password for ${id}: `);
  if (!secret) throw new UserError('invalid', 'The password is empty. Pipe it with --password-stdin, or type it at the prompt.');
  return secret;
}

/**
 * `connections confirm ID`: shows where a connection registered through the chat points, and on
 * the user's word makes it usable (storing its password when it needs one). Until then the
 * engine refuses to connect it at all.
 */
async function confirmConnection(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    yes: { type: 'boolean' },
    'password-stdin': { type: 'boolean' },
    'no-password': { type: 'boolean' },
    'ambient-credentials': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const id = connectionIdSchema.safeParse(positionals[0]);
  if (!id.success) throw new UsageError('Name the connection to confirm: pacs-mcp connections confirm ID');
  return withEngine(async (engine) => {
    const record = await engine.connections.get(id.data);
    const windowsLogin = record.kind === 'sqlserver' && record.config.authentication === 'windows';
    const lines = [
      `Connection "${record.id}" (${record.kind}, role ${record.role}${isReadOnlyRole(record.role) ? ', read-only' : ''})${record.origin === 'model' ? ', registered through the chat' : ''}:`,
      `  server:      ${shown(connectionTarget(record))}`,
      ...Object.entries(record.config).map(([key, value]) => `  ${`${key}:`.padEnd(12)} ${shown(value)}`),
      `  description: ${shown(record.description)}`,
    ];
    if (windowsLogin) lines.push('  It signs in as the Windows account running PACS MCP.');
    writeLine(io.stderr, lines.join('\n'));
    if (!values.yes) {
      if (!io.stdin.isTTY) throw new UsageError('Add --yes to confirm without a terminal prompt (after checking the settings above).');
      const answer = await promptLine(io, `Type ${record.id} to confirm this connection: `);
      if (answer.trim() !== record.id) {
        writeLine(io.stderr, 'Not confirmed; nothing changed.');
        return 1;
      }
    }
    const wantsSecret = needsSecret(record.kind, record.config) && !values['no-password'];
    const secret = wantsSecret ? await readPassword(io, values['password-stdin'] === true, record.id) : undefined;
    const ambient = values['ambient-credentials'] === true || windowsLogin ? true : undefined;
    const confirmed = await cliAction(engine, { action: 'connections.confirm', args: { id: record.id, ambient_credentials: ambient ?? record.ambient_credentials, keychain: secret ? 'set' : 'keep' }, connectionId: record.id }, async () => {
      if (secret !== undefined) await engine.secrets.set(secretAccount.connection(record.id), secret);
      const saved = await engine.connections.confirm(record.id, { ambientCredentials: ambient });
      await engine.sources.evict(record.id);
      return saved;
    });
    const connector = await engine.sources.get(confirmed).catch((err: Error) => err);
    const result: TestResult = connector instanceof Error ? { ok: false, latency_ms: 0, failure: 'other', message: connector.message } : await connector.test();
    writeLine(io.stdout, values.json ? JSON.stringify({ connection_id: record.id, confirmed: true, test: result }) : `Confirmed connection "${record.id}". Test: ${result.ok ? 'OK' : 'FAILED'} — ${result.message}`);
    return 0;
  });
}

/** `connections set-password ID`: stores (or replaces) the password of a connection in the OS keychain. */
async function setPassword(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv, { 'password-stdin': { type: 'boolean' } });
  const id = connectionIdSchema.safeParse(positionals[0]);
  if (!id.success) throw new UsageError('Name the connection: pacs-mcp connections set-password ID');
  return withEngine(async (engine) => {
    const record = await engine.connections.get(id.data);
    if (!needsSecret(record.kind, record.config)) throw new UserError('invalid', `Connection "${record.id}" signs in without a password; there is nothing to store.`);
    if (!isConfirmed(record)) throw new UnconfirmedConnectionError(record.id);
    const secret = await readPassword(io, values['password-stdin'] === true, record.id);
    await cliAction(engine, { action: 'connections.set-password', args: { id: record.id }, connectionId: record.id }, async () => {
      await engine.secrets.set(secretAccount.connection(record.id), secret);
      await engine.sources.evict(record.id);
    });
    writeLine(io.stdout, `Stored the password of "${record.id}" in the OS keychain.`);
    return 0;
  });
}

/** One line typed at the terminal. */
async function promptLine(io: CliIo, question: string): Promise<string> {
  const rl = readline.createInterface({ input: io.stdin, output: io.stderr });
  try {
    return await new Promise<string>((resolve) => rl.question(question, resolve));
  } finally {
    rl.close();
  }
}
