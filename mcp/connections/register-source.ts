import { isIP } from 'node:net';
import type { Engine } from '../engine.js';
import { UserError } from '../util/user-error.js';
import { confirmCommand } from './cli-command-line.js';
import { needsSecret, parseConnectionConfig } from './connection-config.js';
import { connectionIdSchema, connectionTarget, isReadOnlyRole, type ConnectionRecord, type ConnectionRole } from './connection-types.js';

/**
 * Roles a connection registered through the model may have. `training` is the one role that
 * write tools accept, so only a person registers it (CLI, preset or app): the model can never
 * create a writable connection, e.g. a "training" one pointing at pacs_oltp.
 */
export const MODEL_REGISTRABLE_ROLES = ['production', 'warehouse', 'other'] as const satisfies readonly ConnectionRole[];
export type ModelRegistrableRole = (typeof MODEL_REGISTRABLE_ROLES)[number];

export class RegistrationRefused extends UserError {
  constructor(message: string) {
    super('refused', message);
  }
}

export interface SourceRegistration {
  id: string;
  kind: 'postgres' | 'sqlserver';
  role: ModelRegistrableRole;
  description?: string;
  /** Kind-specific settings (connection-config.ts); never a secret. */
  config: Record<string, unknown>;
}

export interface RegisteredSource {
  record: ConnectionRecord;
  secret_required: boolean;
  /** What a person runs to confirm the connection (it also takes the password when one is needed). */
  confirm_command: string;
  /** The same command when a password is needed, else null. */
  secret_command: string | null;
}

const CONNECTION_STRING = /:\/\/|;\s*(password|pwd|user id|uid)\s*=|[@;]/i;
/** A DNS name: labels of letters, digits and inner hyphens, separated by dots. */
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
/** SQL Server instance names and Windows domains: letters, digits and a few marks, nothing a shell or a driver string reads. */
const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9_.$#-]{0,127}$/;

/**
 * Saves connection metadata on behalf of the model (connect_source).
 * Never takes a secret, never replaces an existing connection, never a writable role.
 */
export async function registerSourceForModel(engine: Engine, input: SourceRegistration): Promise<RegisteredSource> {
  const id = connectionIdSchema.safeParse(input.id);
  if (!id.success) throw new RegistrationRefused(`connection_id: ${id.error.issues[0].message}`);
  if (!(MODEL_REGISTRABLE_ROLES as readonly string[]).includes(input.role)) {
    throw new RegistrationRefused(
      `A "${input.role}" connection cannot be registered here: only a person registers a training connection (it can be written by the import tools). ` +
        `Register it as production, warehouse or other, or ask the user to run \`pacs-mcp connections add --id ${input.id} --kind ${input.kind} --role training …\`.`,
    );
  }
  const host = String(input.config.host ?? input.config.server ?? '');
  if (CONNECTION_STRING.test(host)) {
    throw new RegistrationRefused(
      'Give the server name or address only, not a connection string or URL: user names go in `user`, and passwords are never passed through this chat.',
    );
  }
  if (!HOST_NAME.test(host) && isIP(host) === 0) {
    throw new RegistrationRefused(`"${printable(host)}" is not a server name or IP address. Give a name such as jcharrispacs or gis.county.local, or an address such as 10.0.0.12.`);
  }
  for (const key of ['instance', 'domain'] as const) {
    const value = input.config[key];
    if (value !== undefined && !(typeof value === 'string' && PLAIN_NAME.test(value))) {
      throw new RegistrationRefused(`${key} "${printable(String(value))}" is not a plain name (letters, digits, _ . $ # -).`);
    }
  }
  for (const [key, value] of Object.entries({ ...input.config, description: input.description ?? '' })) {
    if (typeof value === 'string' && /[\u0000-\u001f\u007f]/.test(value)) throw new RegistrationRefused(`${key} contains a line break or control character; give it as one line of plain text.`);
  }
  const existing = await engine.connections.find(id.data);
  if (existing) {
    throw new RegistrationRefused(
      `A connection "${id.data}" already exists (${existing.kind}, role ${existing.role}). Pick another connection_id; existing connections are changed only in the PACS MCP app or with \`pacs-mcp connections add\`.`,
    );
  }
  let config: Record<string, unknown>;
  try {
    config = parseConnectionConfig(input.kind, input.config);
  } catch (err) {
    throw new RegistrationRefused((err as Error).message);
  }
  const record = await engine.connections.upsert({ id: id.data, kind: input.kind, role: input.role, description: input.description ?? '', config, is_default: false, origin: 'model' });
  const secret_required = needsSecret(record.kind, record.config);
  const confirm_command = confirmCommand(record.id);
  return { record, secret_required, confirm_command, secret_command: secret_required ? confirm_command : null };
}

/** A model-chosen value inside a refusal: control characters and quotes shown escaped, length capped. */
function printable(value: string): string {
  return JSON.stringify(value.slice(0, 80)).slice(1, -1);
}

/**
 * The sentence every connect_* result carries: the connection is inert until the user confirms it,
 * where the secret goes, and that it never goes here. The command names only the validated id.
 */
export function secretInstructions(registered: RegisteredSource): string {
  const { record } = registered;
  const target = `${record.kind} ${connectionTarget(record)}${isReadOnlyRole(record.role) ? ', read-only' : ''}`;
  const confirm =
    `It is not used, and test_connection does not contact it, until the user confirms it in the PACS MCP desktop app (Connections → ${record.id} → Confirm) ` +
    'or by running this in a terminal, which shows where the connection points before asking';
  if (!registered.secret_required) {
    return (
      `Registered connection "${record.id}" (${target}): metadata only. It would sign in with the Windows account running PACS MCP. ${confirm}:\n` +
      `  ${registered.confirm_command}\n` +
      'Then call test_connection.'
    );
  }
  return (
    `Registered connection "${record.id}" (${target}): metadata only. No password was taken here and none will be: passwords are never passed through this chat. ` +
    `${confirm} for the password:\n` +
    `  ${registered.confirm_command}\n` +
    'Then call test_connection.'
  );
}
