import { z } from 'zod';
import { connectionTarget, isReadOnlyRole } from '../connections/connection-types.js';
import { registerSourceForModel, secretInstructions } from '../connections/register-source.js';
import { connectSourceOutput, modelRoleArg, refuseUnknownArguments } from './connect-source-args.js';
import { defineTool } from './tool.js';

const input = z
  .object({
    connection_id: z.string().min(1).max(64).describe('Id for the new connection, e.g. "county_gis" (letters, digits, _ - .).'),
    host: z.string().min(1).max(255).describe('Server name or IP address only (no URL, no connection string).'),
    port: z.number().int().min(1).max(65_535).optional().describe('Default 5432.'),
    database: z.string().min(1).max(128),
    user: z.string().min(1).max(128),
    ssl: z.enum(['disable', 'require', 'verify-full']).optional().describe('disable (default), require (encrypted), verify-full (encrypted, certificate checked).'),
    role: modelRoleArg,
    description: z.string().max(500).optional(),
    connect_timeout_ms: z.number().int().min(1_000).max(600_000).optional(),
    statement_timeout_ms: z.number().int().min(1_000).max(600_000).optional(),
  })
  .loose();

export const connectPostgresTool = defineTool({
  name: 'connect_postgres',
  title: 'Register a PostgreSQL connection',
  description:
    'Registers the metadata of a PostgreSQL source (host, port, database, user, ssl, role). It never takes a password. The connection stays unused until the user confirms it ' +
    '(the PACS MCP app, or `pacs-mcp connections confirm ID`, which also takes the password); the result says how. Roles here: production (read-only), warehouse or other; training connections are registered by a person. ' +
    'An existing connection is never replaced. Call test_connection after the user confirmed it.',
  input,
  output: connectSourceOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async handler(args, { engine }) {
    refuseUnknownArguments(args, input);
    const { connection_id, role, description, ...config } = args;
    const registered = await registerSourceForModel(engine, { id: connection_id, kind: 'postgres', role, description, config: withoutUndefined(config) });
    return connectResult(registered);
  },
});

export function withoutUndefined(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined));
}

export function connectResult(registered: Awaited<ReturnType<typeof registerSourceForModel>>) {
  const { record } = registered;
  const message = secretInstructions(registered);
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
      message,
    },
    text: message,
    connectionId: record.id,
  };
}
