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
    version: 3,
    name: 'import batches, rows, errors, history and promotion targets',
    sql: `
      CREATE TABLE import_batches (
        batch_key INTEGER PRIMARY KEY AUTOINCREMENT,
        batch_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('staging','staged','validated','qa_signed','pushed_to_training','promoted','rejected')),
        file_name TEXT NOT NULL,
        file_path TEXT,
        file_format TEXT NOT NULL,
        file_sha256 TEXT NOT NULL DEFAULT '',
        file_bytes INTEGER NOT NULL DEFAULT 0,
        encoding TEXT,
        delimiter TEXT,
        sheet_name TEXT,
        columns_json TEXT NOT NULL DEFAULT '[]',
        notes_json TEXT NOT NULL DEFAULT '[]',
        manifest_json TEXT,
        staged_count INTEGER NOT NULL DEFAULT 0,
        stage_error_count INTEGER NOT NULL DEFAULT 0,
        validation_run INTEGER NOT NULL DEFAULT 0,
        validation_error_count INTEGER NOT NULL DEFAULT 0,
        error_row_count INTEGER NOT NULL DEFAULT 0,
        validated_connection_id TEXT,
        validated_at TEXT,
        validated_by TEXT,
        content_sha256 TEXT,
        signoff_reviewer TEXT,
        signoff_by TEXT,
        signoff_at TEXT,
        signoff_sha256 TEXT,
        signoff_note TEXT,
        pushed_connection_id TEXT,
        pushed_at TEXT,
        pushed_by TEXT,
        promoted_connection_id TEXT,
        promoted_at TEXT,
        promoted_by TEXT,
        rejected_reason TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        worker_pid INTEGER,
        worker_host TEXT,
        worker_task TEXT,
        worker_heartbeat_at TEXT
      );
      CREATE INDEX import_batches_status ON import_batches (status, created_at);
      CREATE INDEX import_batches_sha ON import_batches (file_sha256);
      CREATE TABLE import_rows (
        batch_key INTEGER NOT NULL,
        line INTEGER NOT NULL,
        prop_id INTEGER,
        resolved INTEGER NOT NULL DEFAULT 0,
        row_key TEXT,
        vals TEXT NOT NULL,
        PRIMARY KEY (batch_key, line)
      ) WITHOUT ROWID;
      CREATE TABLE import_errors (
        batch_key INTEGER NOT NULL,
        run INTEGER NOT NULL,
        line INTEGER NOT NULL,
        column_name TEXT,
        code TEXT NOT NULL,
        message TEXT NOT NULL
      );
      CREATE INDEX import_errors_batch ON import_errors (batch_key, run, line);
      CREATE TABLE import_batch_events (
        batch_key INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        channel TEXT NOT NULL,
        client_name TEXT,
        action TEXT NOT NULL,
        from_status TEXT,
        to_status TEXT,
        detail_json TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (batch_key, seq)
      );
      CREATE TABLE promotion_targets (
        connection_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        procedure_name TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        PRIMARY KEY (connection_id, kind)
      );
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
