import type { Engine } from '../engine.js';
import { UserError } from '../util/user-error.js';
import { connectionsAddCommand } from './cli-command-line.js';
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
  /** What a person runs to enter the password (null when the login needs none). */
  secret_command: string | null;
}

const CONNECTION_STRING = /:\/\/|;\s*(password|pwd|user id|uid)\s*=|[@;]/i;

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
  const record = await engine.connections.upsert({ id: id.data, kind: input.kind, role: input.role, description: input.description ?? '', config, is_default: false });
  const secret_required = needsSecret(record.kind, record.config);
  return { record, secret_required, secret_command: secret_required ? connectionsAddCommand(record) : null };
}

/** The sentence every connect_* result carries: where the secret goes, and that it never goes here. */
export function secretInstructions(registered: RegisteredSource): string {
  const { record } = registered;
  const target = `${record.kind} ${connectionTarget(record)}${isReadOnlyRole(record.role) ? ', read-only' : ''}`;
  if (!registered.secret_required) {
    return `Registered connection "${record.id}" (${target}). It signs in with the Windows account running PACS MCP, so no password is needed. Call test_connection to check it.`;
  }
  return (
    `Registered connection "${record.id}" (${target}): metadata only. No password was taken here and none will be: passwords are never passed through this chat. ` +
    `The user enters it in the PACS MCP desktop app (Connections → ${record.id} → Password), or runs this in a terminal and types the password (or pipes it in):\n` +
    `  ${registered.secret_command}\n` +
    'Then call test_connection.'
  );
}
