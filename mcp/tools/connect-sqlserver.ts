import { z } from 'zod';
import { registerSourceForModel } from '../connections/register-source.js';
import { connectSourceOutput, modelRoleArg, refuseUnknownArguments } from './connect-source-args.js';
import { connectResult, withoutUndefined } from './connect-postgres.js';
import { defineTool } from './tool.js';

const input = z
  .object({
    connection_id: z.string().min(1).max(64).describe('Id for the new connection, e.g. "pacs_oltp_ro" (letters, digits, _ - .).'),
    server: z.string().min(1).max(255).describe('Server name or IP address only, e.g. "jcharrispacs" (no connection string).'),
    instance: z.string().max(128).optional().describe('Named instance (found through SQL Server Browser); leave out for the default instance.'),
    port: z.number().int().min(1).max(65_535).optional().describe('Default 1433; not used with a named instance.'),
    database: z.string().min(1).max(128).describe('e.g. pacs_oltp or pacs_training.'),
    authentication: z.enum(['sql', 'ntlm', 'windows']).optional().describe('sql = SQL Server login (default); ntlm = Windows domain account by name; windows = the signed-in Windows user (Windows only).'),
    user: z.string().max(128).optional(),
    domain: z.string().max(128).optional().describe('Windows domain for ntlm, e.g. COUNTY.'),
    encrypt: z.boolean().optional().describe('Encrypt the connection (default true).'),
    trust_server_certificate: z.boolean().optional().describe('Accept a self-signed server certificate (default false).'),
    role: modelRoleArg,
    description: z.string().max(500).optional(),
    connect_timeout_ms: z.number().int().min(1_000).max(600_000).optional(),
    request_timeout_ms: z.number().int().min(1_000).max(600_000).optional(),
  })
  .loose();

export const connectSqlServerTool = defineTool({
  name: 'connect_sqlserver',
  title: 'Register a SQL Server connection',
  description:
    'Registers the metadata of a SQL Server source such as PACS (server, database, login type, user, encryption, role). It never takes a password. The connection stays unused until the user confirms it ' +
    '(the PACS MCP app, or `pacs-mcp connections confirm ID`, which also takes the password); the result says how. Roles here: production (read-only), warehouse or other; training connections are registered by a person. ' +
    'An existing connection is never replaced. Call test_connection after the user confirmed it.',
  input,
  output: connectSourceOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async handler(args, { engine }) {
    refuseUnknownArguments(args, input);
    const { connection_id, role, description, ...config } = args;
    const registered = await registerSourceForModel(engine, { id: connection_id, kind: 'sqlserver', role, description, config: withoutUndefined(config) });
    return connectResult(registered);
  },
});
