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
  {
    version: 5,
    name: 'lakehouse tables, jobs and load runs',
    sql: `
      CREATE TABLE lakehouse_tables (
        location TEXT NOT NULL,
        tenant_id TEXT NOT NULL,
        layer TEXT NOT NULL CHECK (layer IN ('bronze','silver','gold')),
        name TEXT NOT NULL,
        columns_json TEXT NOT NULL,
        files_json TEXT NOT NULL DEFAULT '[]',
        row_count INTEGER NOT NULL,
        source_json TEXT,
        last_job_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (location, layer, name)
      );
      CREATE TABLE lakehouse_jobs (
        job_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('sync','upload','transform')),
        status TEXT NOT NULL CHECK (status IN ('queued','running','succeeded','failed')),
        tenant_id TEXT NOT NULL,
        source_connection_id TEXT,
        warehouse_connection_id TEXT NOT NULL,
        target_key TEXT NOT NULL,
        target_table TEXT NOT NULL,
        args_json TEXT NOT NULL,
        rows INTEGER,
        progress_done INTEGER NOT NULL DEFAULT 0,
        progress_total INTEGER,
        progress_message TEXT,
        result_json TEXT,
        error TEXT,
        owner_pid INTEGER NOT NULL,
        owner_host TEXT NOT NULL,
        owner_token TEXT NOT NULL,
        heartbeat_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT
      );
      CREATE INDEX lakehouse_jobs_active ON lakehouse_jobs (status, target_key);
      CREATE TABLE lakehouse_runs (
        run_id INTEGER PRIMARY KEY AUTOINCREMENT,
        job_id TEXT NOT NULL REFERENCES lakehouse_jobs (job_id),
        kind TEXT NOT NULL CHECK (kind IN ('sync','upload','transform')),
        tenant_id TEXT NOT NULL,
        source_connection_id TEXT,
        source_name TEXT NOT NULL,
        warehouse_connection_id TEXT NOT NULL,
        target_key TEXT NOT NULL,
        target_table TEXT NOT NULL,
        sync_mode TEXT CHECK (sync_mode IN ('full','incremental')),
        watermark_column TEXT,
        watermark_before_json TEXT,
        watermark_after_json TEXT,
        rows INTEGER NOT NULL,
        file_sha256 TEXT NOT NULL,
        file_bytes INTEGER NOT NULL,
        duration_ms REAL NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL
      );
      CREATE INDEX lakehouse_runs_target ON lakehouse_runs (target_key, run_id);
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
