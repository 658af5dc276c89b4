import { forgetModelValues } from '../masking/model-values.js';
import type { SqliteDb } from '../store/sqlite-db.js';
import { UserError } from '../util/user-error.js';
import {
  connectionTarget,
  isConfirmed,
  isReadOnlyRole,
  type ConnectionKind,
  type ConnectionOrigin,
  type ConnectionRecord,
  type ConnectionRole,
  type ConnectionSummary,
} from './connection-types.js';

interface ConnectionRow {
  id: string;
  kind: ConnectionKind;
  role: ConnectionRole;
  description: string;
  config_json: string;
  is_default: number;
  origin: ConnectionOrigin;
  confirmed_at: string | null;
  ambient_credentials: number;
  created_at: string;
  updated_at: string;
}

export class UnknownConnectionError extends UserError {
  constructor(id: string, known: string[]) {
    super('not_found', `There is no connection "${id}". Known connections: ${known.length ? known.join(', ') : 'none'}. Call list_connections, or add one with \`pacs-mcp connections add\`.`);
  }
}

function fromRow(row: ConnectionRow): ConnectionRecord {
  return {
    id: row.id,
    kind: row.kind,
    role: row.role,
    description: row.description,
    config: JSON.parse(row.config_json) as Record<string, unknown>,
    is_default: row.is_default === 1,
    origin: row.origin,
    confirmed_at: row.confirmed_at,
    ambient_credentials: row.ambient_credentials === 1,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function summarize(record: ConnectionRecord): ConnectionSummary {
  return {
    id: record.id,
    kind: record.kind,
    role: record.role,
    description: record.description,
    is_default: record.is_default,
    origin: record.origin,
    target: connectionTarget(record),
    read_only: isReadOnlyRole(record.role),
    confirmed: isConfirmed(record),
  };
}

/** Roles whose default tools use when no connection is named: PACS and SQL tools, lakehouse tools. */
const ROLES_WITH_DEFAULT: readonly ConnectionRole[] = ['training', 'warehouse'];

/** Connection metadata in the app store. Holds no secrets by construction: see credentials.ts. */
export class ConnectionRegistry {
  constructor(private readonly db: SqliteDb) {}

  /**
   * Every connection, defaults first. A role has at most one default; training and warehouse,
   * whose default tools fall back on, always have one when they have connections (the one
   * marked, else the first by id), so is_default says which connection a tool would use.
   */
  async list(): Promise<ConnectionRecord[]> {
    const rows = await this.db.all<ConnectionRow>('SELECT * FROM connections ORDER BY is_default DESC, id');
    const records = rows.map(fromRow);
    const hasDefault = new Set<ConnectionRole>();
    for (const record of records) {
      if (record.is_default && hasDefault.has(record.role)) record.is_default = false;
      if (record.is_default) hasDefault.add(record.role);
    }
    for (const role of ROLES_WITH_DEFAULT) {
      const first = records.find((r) => r.role === role);
      if (first && !hasDefault.has(role)) first.is_default = true;
    }
    return records;
  }

  async find(id: string): Promise<ConnectionRecord | undefined> {
    return (await this.list()).find((c) => c.id === id);
  }

  async get(id: string): Promise<ConnectionRecord> {
    const record = await this.find(id);
    if (!record) throw new UnknownConnectionError(id, (await this.list()).map((c) => c.id));
    return record;
  }

  /** The connection domain tools use when none is named: the default training connection. */
  async defaultTraining(): Promise<ConnectionRecord> {
    const rows = await this.list();
    const pick = rows.find((r) => r.is_default && r.role === 'training');
    if (!pick) throw new UserError('not_found', 'No training connection is configured. Run `pacs-mcp demo` for the demo database, or add one with `pacs-mcp connections add --role training`.');
    return pick;
  }

  /**
   * Saves a connection. `origin` says who: a person (the default: CLI, app, preset, demo) or the
   * model (connect_* tools). A person saving a connection takes it over; a model-registered one is
   * saved unconfirmed. `ambient_credentials` is set only by a person.
   */
  async upsert(
    input: Omit<ConnectionRecord, 'created_at' | 'updated_at' | 'is_default' | 'origin' | 'confirmed_at' | 'ambient_credentials'> & {
      is_default?: boolean;
      origin?: ConnectionOrigin;
      ambient_credentials?: boolean;
    },
  ): Promise<ConnectionRecord> {
    const now = new Date().toISOString();
    const origin = input.origin ?? 'user';
    const ambient = origin === 'user' && input.ambient_credentials === true ? 1 : 0;
    await this.db.transaction(async (tx) => {
      if (input.is_default) await tx.run('UPDATE connections SET is_default = 0 WHERE role = ?', [input.role]);
      await tx.run(
        `INSERT INTO connections (id, kind, role, description, config_json, is_default, origin, confirmed_at, ambient_credentials, created_at, updated_at)
         VALUES (?,?,?,?,?,?,?,NULL,?,?,?)
         ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, role = excluded.role, description = excluded.description,
           config_json = excluded.config_json, is_default = excluded.is_default, origin = excluded.origin,
           confirmed_at = NULL, ambient_credentials = excluded.ambient_credentials, updated_at = excluded.updated_at`,
        [input.id, input.kind, input.role, input.description, JSON.stringify(input.config), input.is_default ? 1 : 0, origin, ambient, now, now],
      );
    });
    return this.get(input.id);
  }

  /**
   * A person confirms a connection the model registered, after seeing where it points. With
   * `ambientCredentials` they also let it sign in with the computer's own credentials.
   */
  async confirm(id: string, options: { ambientCredentials?: boolean } = {}): Promise<ConnectionRecord> {
    const record = await this.get(id);
    const now = new Date().toISOString();
    await this.db.run('UPDATE connections SET confirmed_at = ?, ambient_credentials = ?, updated_at = ? WHERE id = ?', [
      record.origin === 'model' ? now : record.confirmed_at,
      options.ambientCredentials === undefined ? (record.ambient_credentials ? 1 : 0) : options.ambientCredentials ? 1 : 0,
      now,
      id,
    ]);
    return this.get(id);
  }

  async remove(id: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { changes } = await tx.run('DELETE FROM connections WHERE id = ?', [id]);
      await forgetModelValues(tx, id);
      return changes > 0;
    });
  }
}
