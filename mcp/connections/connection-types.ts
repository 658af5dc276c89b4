import { z } from 'zod';
import { UserError } from '../util/user-error.js';

export const CONNECTION_KINDS = ['sqlite', 'postgres', 'sqlserver', 'databricks', 'lakehouse'] as const;
export const CONNECTION_ROLES = ['training', 'production', 'warehouse', 'other'] as const;
/** user: added by a person (CLI, app, preset, demo). model: registered through an MCP tool. */
export const CONNECTION_ORIGINS = ['user', 'model'] as const;

export type ConnectionKind = (typeof CONNECTION_KINDS)[number];
export type ConnectionRole = (typeof CONNECTION_ROLES)[number];
export type ConnectionOrigin = (typeof CONNECTION_ORIGINS)[number];

export const connectionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'A connection id is 1-64 letters, digits, "_", "-" or ".", starting with a letter or digit.');

export interface ConnectionRecord {
  id: string;
  kind: ConnectionKind;
  role: ConnectionRole;
  description: string;
  /** Kind-specific, never a secret: secrets live in the keychain under `connection:{id}`. */
  config: Record<string, unknown>;
  is_default: boolean;
  /** Who registered it. A connection the model registered stays unusable until a person confirms it. */
  origin: ConnectionOrigin;
  /** When a person confirmed a model-registered connection (null: not confirmed, or added by a person). */
  confirmed_at: string | null;
  /**
   * The person allowed this connection to sign in with what the computer already holds: PGPASSWORD
   * and .pgpass for PostgreSQL, the signed-in Windows account for SQL Server. Off unless turned on
   * in the app or the CLI.
   */
  ambient_credentials: boolean;
  created_at: string;
  updated_at: string;
}

/** What tools and the UI may show: the record minus nothing secret (there is nothing secret in it). */
export type ConnectionSummary = Pick<ConnectionRecord, 'id' | 'kind' | 'role' | 'description' | 'is_default' | 'origin'> & {
  target: string;
  read_only: boolean;
  /** False for a model-registered connection nobody has confirmed yet: it cannot be used or tested. */
  confirmed: boolean;
};

/** A connection may be used when a person added it, or confirmed the one the model registered. */
export function isConfirmed(record: Pick<ConnectionRecord, 'origin' | 'confirmed_at'>): boolean {
  return record.origin === 'user' || record.confirmed_at !== null;
}

/** Refused use of a connection the model registered and no person has confirmed. */
export class UnconfirmedConnectionError extends UserError {
  constructor(readonly connectionId: string) {
    super(
      'refused',
      `Connection "${connectionId}" was registered through the chat and is not used until the user confirms it: ` +
        `in the PACS MCP app (Connections → ${connectionId} → Confirm), or with \`pacs-mcp connections confirm ${connectionId}\` in a terminal. ` +
        'Nothing was sent to its server.',
    );
  }
}

/** Throws UnconfirmedConnectionError unless a person added or confirmed the connection. */
export function assertConfirmed(record: Pick<ConnectionRecord, 'id' | 'origin' | 'confirmed_at'>): void {
  if (!isConfirmed(record)) throw new UnconfirmedConnectionError(record.id);
}

export function isReadOnlyRole(role: ConnectionRole): boolean {
  return role === 'production';
}

/** A one-line, secret-free description of where a connection points. */
export function connectionTarget(record: Pick<ConnectionRecord, 'kind' | 'config'>): string {
  const c = record.config as Record<string, string | number | undefined>;
  switch (record.kind) {
    case 'sqlite':
      return String(c.file ?? '');
    case 'postgres':
      return `${c.host ?? 'localhost'}:${c.port ?? 5432}/${c.database ?? ''}`;
    case 'sqlserver':
      return `${c.server ?? ''}${c.instance ? `\\${c.instance}` : ''}/${c.database ?? ''}`;
    case 'databricks':
      return `${c.host ?? ''}${c.http_path ?? ''}`;
    case 'lakehouse':
      return `tenant ${c.tenant_id ?? 'default'}`;
  }
}

export class ProductionReadOnlyError extends UserError {
  constructor(id: string, what: string) {
    super(
      'refused',
      `Connection "${id}" is a production connection and is read-only: ${what} is refused. ` +
        'Work against a training connection; production changes happen only as a QA-signed promotion from the PACS MCP desktop app.',
    );
  }
}

/** The one check every write path calls before touching a source. */
export function assertWritable(record: Pick<ConnectionRecord, 'id' | 'role'>, what: string): void {
  if (record.role !== 'training') {
    if (record.role === 'production') throw new ProductionReadOnlyError(record.id, what);
    throw new UserError('refused', `Connection "${record.id}" has role "${record.role}"; ${what} is allowed only on a training connection.`);
  }
}
