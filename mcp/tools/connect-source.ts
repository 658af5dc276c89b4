import { z } from 'zod';
import { connectionTarget, isReadOnlyRole } from '../connections/connection-types.js';
import { registerSourceForModel, secretInstructions, type RegisteredSource } from '../connections/register-source.js';
import { UserError } from '../util/user-error.js';
import { connectSourceOutput, modelRoleArg } from './connect-source-args.js';
import { defineTool } from './tool.js';

const input = z
  .object({
    kind: z.enum(['postgres', 'sqlserver']),
    connection_id: z.string().min(1).max(64).describe('Id for the new connection, e.g. "pacs_oltp_ro" (letters, digits, _ - .).'),
    server: z.string().min(1).max(255).describe('Server name or IP address only, e.g. "jcharrispacs" (no URL or connection string).'),
    port: z.number().int().min(1).max(65_535).optional().describe('Default 5432 (postgres) or 1433 (sqlserver without instance).'),
    database: z.string().min(1).max(128),
    user: z.string().min(1).max(128).optional().describe('Login name (none for sqlserver windows authentication).'),
    role: modelRoleArg,
    description: z.string().max(500).optional(),
    connect_timeout_ms: z.number().int().min(1_000).max(600_000).optional(),
    query_timeout_ms: z.number().int().min(1_000).max(600_000).optional(),
    ssl: z.enum(['disable', 'require', 'verify-full']).optional().describe('postgres only: disable (default), require, verify-full.'),
    instance: z.string().max(128).optional().describe('sqlserver only: named instance.'),
    authentication: z.enum(['sql', 'ntlm', 'windows']).optional().describe('sqlserver only: sql login (default), ntlm (domain account by name), windows (signed-in user, Windows only).'),
    domain: z.string().max(128).optional().describe('sqlserver ntlm: Windows domain, e.g. COUNTY.'),
    encrypt: z.boolean().optional().describe('sqlserver only: encrypt (default true).'),
    trust_server_certificate: z.boolean().optional().describe('sqlserver only: accept a self-signed certificate (default false).'),
  });

type Input = z.output<typeof input>;

/** The arguments only one kind takes. */
const ONLY_FOR: Record<string, 'postgres' | 'sqlserver'> = {
  ssl: 'postgres',
  instance: 'sqlserver',
  authentication: 'sqlserver',
  domain: 'sqlserver',
  encrypt: 'sqlserver',
  trust_server_certificate: 'sqlserver',
};

/** The connection settings (connection-config.ts) these arguments make for their kind. */
function configOf(args: Input): Record<string, unknown> {
  const misplaced = Object.entries(ONLY_FOR).filter(([key, kind]) => args[key as keyof Input] !== undefined && kind !== args.kind);
  if (misplaced.length) {
    const names = misplaced.map(([key]) => key).join(', ');
    throw new UserError('invalid', `${names}: only for ${misplaced[0][1]} connections. Leave ${misplaced.length > 1 ? 'them' : 'it'} out for kind "${args.kind}".`);
  }
  if (args.kind === 'postgres' && !args.user) throw new UserError('invalid', 'A postgres connection needs user (the login name).');
  const common = { port: args.port, database: args.database, user: args.user, connect_timeout_ms: args.connect_timeout_ms };
  const config =
    args.kind === 'postgres'
      ? { host: args.server, ...common, ssl: args.ssl, statement_timeout_ms: args.query_timeout_ms }
      : {
          server: args.server,
          ...common,
          instance: args.instance,
          authentication: args.authentication,
          domain: args.domain,
          encrypt: args.encrypt,
          trust_server_certificate: args.trust_server_certificate,
          request_timeout_ms: args.query_timeout_ms,
        };
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined));
}

export const connectSourceTool = defineTool({
  name: 'connect_source',
  title: 'Register a PostgreSQL or SQL Server connection',
  toolset: 'admin',
  description:
    'Registers the metadata of a PostgreSQL or SQL Server source (kind). It never takes a password. The connection stays unused until the user confirms it ' +
    '(the PACS MCP app, or `pacs-mcp connections confirm ID`, which also takes the password); the result says how. Roles: production (read-only), warehouse or other; ' +
    'a training connection is registered only by a person. An existing connection is never replaced. Call test_connection after the user confirmed it.',
  input,
  output: connectSourceOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async handler(args, { engine }) {
    const registered = await registerSourceForModel(engine, { id: args.connection_id, kind: args.kind, role: args.role, description: args.description, config: configOf(args) });
    return connectResult(registered);
  },
});

function connectResult(registered: RegisteredSource) {
  const { record } = registered;
  return {
    structured: {
      connection_id: record.id,
      kind: record.kind,
      role: record.role,
      read_only: isReadOnlyRole(record.role),
      target: connectionTarget(record),
      secret_required: registered.secret_required,
      confirmed: false,
      confirm_command: registered.confirm_command,
      secret_command: registered.secret_command,
      message: secretInstructions(registered),
    },
    text: `Registered connection "${record.id}": metadata only, not used until the user confirms it as message says; then call test_connection.`,
    connectionId: record.id,
  };
}
