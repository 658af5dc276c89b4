import { z } from 'zod';
import { UserError } from '../util/user-error.js';

export const CONNECTION_KINDS = ['sqlite', 'postgres', 'sqlserver', 'databricks', 'lakehouse'] as const;
export const CONNECTION_ROLES = ['training', 'production', 'warehouse', 'other'] as const;

export type ConnectionKind = (typeof CONNECTION_KINDS)[number];
export type ConnectionRole = (typeof CONNECTION_ROLES)[number];

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
  created_at: string;
  updated_at: string;
}

/** What tools and the UI may show: the record minus nothing secret (there is nothing secret in it). */
export type ConnectionSummary = Pick<ConnectionRecord, 'id' | 'kind' | 'role' | 'description' | 'is_default'> & {
  target: string;
  read_only: boolean;
};

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
