import type { SqliteDb } from './sqlite-db.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Forward-only. Never edit a migration that has shipped: add the next version instead.
 * Each runs in its own transaction together with the bump of `user_version`.
 */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'connections and audit log',
    sql: `
      CREATE TABLE connections (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('sqlite','postgres','sqlserver','databricks','lakehouse')),
        role TEXT NOT NULL CHECK (role IN ('training','production','warehouse','other')),
        description TEXT NOT NULL DEFAULT '',
        config_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        os_user TEXT NOT NULL,
        channel TEXT NOT NULL,
        client_name TEXT,
        client_version TEXT,
        action TEXT NOT NULL,
        args_json TEXT NOT NULL,
        connection_id TEXT,
        outcome TEXT NOT NULL,
        error TEXT,
        row_count INTEGER,
        duration_ms REAL NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE INDEX audit_log_at ON audit_log (at);
    `,
  },
  {
    version: 2,
    name: 'settings and default connection',
    sql: `
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      ALTER TABLE connections ADD COLUMN is_default INTEGER NOT NULL DEFAULT 0;
    `,
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export async function currentVersion(db: SqliteDb): Promise<number> {
  const row = await db.get<{ user_version: number }>('PRAGMA user_version');
  return row?.user_version ?? 0;
}

/** Brings the store up to `target` (default: latest). Refuses a store newer than this build. */
export async function migrate(db: SqliteDb, target = LATEST_VERSION): Promise<number> {
  for (const migration of MIGRATIONS) {
    if (migration.version > target) break;
    await db.transaction(async (tx) => {
      // Re-read inside the write lock: another process may have migrated meanwhile.
      const row = await tx.get<{ user_version: number }>('PRAGMA user_version');
      const version = row?.user_version ?? 0;
      if (version > LATEST_VERSION) {
        throw new Error(
          `The data store was written by a newer PACS MCP (schema ${version}, this build knows ${LATEST_VERSION}). Update the app.`,
        );
      }
      if (version >= migration.version) return;
      await tx.exec(migration.sql);
      await tx.exec(`PRAGMA user_version = ${migration.version}`);
    });
  }
  return currentVersion(db);
}
