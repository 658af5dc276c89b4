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
  {
    version: 4,
    name: 'snapshots and offline QA packages',
    // Snapshot rows go in before their snapshot row, in the same transaction (the foreign key is
    // deferred); once the snapshot row exists, triggers refuse any change to it or its rows.
    sql: `
      CREATE TABLE snapshots (
        snapshot_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        content TEXT NOT NULL CHECK (content IN ('parcel_timeline','query_rows')),
        source_connection_id TEXT NOT NULL,
        selection_json TEXT NOT NULL,
        from_year INTEGER,
        to_year INTEGER,
        columns_json TEXT NOT NULL,
        key_columns_json TEXT NOT NULL,
        masking_policy TEXT NOT NULL,
        masking_key_id TEXT NOT NULL,
        created_by TEXT NOT NULL,
        client_name TEXT,
        created_at TEXT NOT NULL,
        row_count INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        origin_install_id TEXT NOT NULL,
        training_copy_connection_id TEXT
      );
      CREATE INDEX snapshots_created_at ON snapshots (created_at);
      CREATE TABLE snapshot_rows (
        snapshot_id TEXT NOT NULL REFERENCES snapshots (snapshot_id) DEFERRABLE INITIALLY DEFERRED,
        prop_id INTEGER NOT NULL,
        year INTEGER NOT NULL,
        key_extra TEXT NOT NULL DEFAULT '',
        row_json TEXT NOT NULL,
        PRIMARY KEY (snapshot_id, prop_id, year, key_extra)
      ) WITHOUT ROWID;
      CREATE TRIGGER snapshots_no_update BEFORE UPDATE ON snapshots
        BEGIN SELECT RAISE(ABORT, 'snapshots are immutable: take a new snapshot instead'); END;
      CREATE TRIGGER snapshots_no_delete BEFORE DELETE ON snapshots
        BEGIN SELECT RAISE(ABORT, 'snapshots are immutable and cannot be deleted'); END;
      CREATE TRIGGER snapshot_rows_sealed_insert BEFORE INSERT ON snapshot_rows
        WHEN EXISTS (SELECT 1 FROM snapshots WHERE snapshot_id = NEW.snapshot_id)
        BEGIN SELECT RAISE(ABORT, 'snapshots are immutable: rows cannot be added to a saved snapshot'); END;
      CREATE TRIGGER snapshot_rows_no_update BEFORE UPDATE ON snapshot_rows
        BEGIN SELECT RAISE(ABORT, 'snapshots are immutable: take a new snapshot instead'); END;
      CREATE TRIGGER snapshot_rows_no_delete BEFORE DELETE ON snapshot_rows
        WHEN EXISTS (SELECT 1 FROM snapshots WHERE snapshot_id = OLD.snapshot_id)
        BEGIN SELECT RAISE(ABORT, 'snapshots are immutable and cannot be deleted'); END;

      CREATE TABLE qa_packages (
        package_id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        file_name TEXT NOT NULL,
        manifest_sha256 TEXT NOT NULL,
        contents_json TEXT NOT NULL
      );
      CREATE TABLE qa_signoffs (
        signoff_sha256 TEXT PRIMARY KEY,
        package_id TEXT NOT NULL REFERENCES qa_packages (package_id),
        reviewer TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('approved','rejected')),
        comment TEXT NOT NULL DEFAULT '',
        signed_at TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        signoff_json TEXT NOT NULL
      );
      CREATE INDEX qa_signoffs_package ON qa_signoffs (package_id);
      CREATE TRIGGER qa_packages_no_update BEFORE UPDATE ON qa_packages
        BEGIN SELECT RAISE(ABORT, 'QA packages are immutable'); END;
      CREATE TRIGGER qa_packages_no_delete BEFORE DELETE ON qa_packages
        BEGIN SELECT RAISE(ABORT, 'QA packages are immutable'); END;
      CREATE TRIGGER qa_signoffs_no_update BEFORE UPDATE ON qa_signoffs
        BEGIN SELECT RAISE(ABORT, 'QA sign-offs are immutable'); END;
      CREATE TRIGGER qa_signoffs_no_delete BEFORE DELETE ON qa_signoffs
        BEGIN SELECT RAISE(ABORT, 'QA sign-offs are immutable'); END;
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
  {
    version: 6,
    name: 'one jobs table for every kind of long work; process start time and token on leases',
    sql: `
      PRAGMA defer_foreign_keys = ON;
      CREATE TABLE jobs (
        job_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('sync','upload','transform','staging','snapshot','diff')),
        status TEXT NOT NULL CHECK (status IN ('queued','running','succeeded','failed')),
        tenant_id TEXT NOT NULL,
        source_connection_id TEXT,
        warehouse_connection_id TEXT,
        target_key TEXT,
        target_table TEXT,
        args_json TEXT NOT NULL,
        rows INTEGER,
        progress_done INTEGER NOT NULL DEFAULT 0,
        progress_total INTEGER,
        progress_message TEXT,
        result_json TEXT,
        error TEXT,
        owner_pid INTEGER NOT NULL,
        owner_host TEXT NOT NULL,
        owner_started TEXT,
        owner_token TEXT NOT NULL,
        heartbeat_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT
      );
      INSERT INTO jobs (job_id, kind, status, tenant_id, source_connection_id, warehouse_connection_id, target_key, target_table, args_json, rows,
          progress_done, progress_total, progress_message, result_json, error, owner_pid, owner_host, owner_token, heartbeat_at, created_at, started_at, finished_at)
        SELECT job_id, kind, status, tenant_id, source_connection_id, warehouse_connection_id, target_key, target_table, args_json, rows,
          progress_done, progress_total, progress_message, result_json, error, owner_pid, owner_host, owner_token, heartbeat_at, created_at, started_at, finished_at
        FROM lakehouse_jobs;
      CREATE INDEX jobs_active ON jobs (status, target_key);
      CREATE INDEX jobs_created ON jobs (tenant_id, created_at);
      CREATE TABLE lakehouse_runs_v6 (
        run_id INTEGER PRIMARY KEY AUTOINCREMENT,
        job_id TEXT NOT NULL REFERENCES jobs (job_id),
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
      INSERT INTO lakehouse_runs_v6 SELECT * FROM lakehouse_runs;
      DROP TABLE lakehouse_runs;
      ALTER TABLE lakehouse_runs_v6 RENAME TO lakehouse_runs;
      CREATE INDEX lakehouse_runs_target ON lakehouse_runs (target_key, run_id);
      DROP TABLE lakehouse_jobs;
      ALTER TABLE import_batches ADD COLUMN worker_started TEXT;
      ALTER TABLE import_batches ADD COLUMN worker_token TEXT;
    `,
  },
  {
    version: 7,
    name: 'keyed audit chain and calls audited from start to completion',
    // The keyed chain itself starts with the first append after this (it needs the key from the
    // keychain): see AuditLog. A completion row names the row its call started with.
    sql: `
      ALTER TABLE audit_log ADD COLUMN started_seq INTEGER;
      CREATE INDEX audit_log_action ON audit_log (action);
    `,
  },
  {
    version: 8,
    name: 'QA reviewer keys registered at the origin',
    // A removed key stays as a record (removed_at), so sign-offs it made remain attributable.
    sql: `
      CREATE TABLE qa_reviewer_keys (
        fingerprint TEXT PRIMARY KEY,
        public_key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        added_at TEXT NOT NULL,
        added_by TEXT NOT NULL,
        removed_at TEXT,
        removed_by TEXT
      );
    `,
  },
  {
    version: 9,
    name: 'who registered a connection, its confirmation and ambient credentials',
    sql: `
      ALTER TABLE connections ADD COLUMN origin TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('user','model'));
      ALTER TABLE connections ADD COLUMN confirmed_at TEXT;
      ALTER TABLE connections ADD COLUMN ambient_credentials INTEGER NOT NULL DEFAULT 0;
      -- Windows integrated login was chosen by the person who added the connection.
      UPDATE connections SET ambient_credentials = 1
       WHERE kind = 'sqlserver' AND json_extract(config_json, '$.authentication') = 'windows';
    `,
  },
  {
    version: 10,
    name: 'a hash beside each snapshot row',
    sql: `
      -- The first 128 bits of SHA-256 of row_json, so a diff compares hashes instead of row texts.
      -- Rows sealed before this version have none and are compared by their text.
      ALTER TABLE snapshot_rows ADD COLUMN row_hash BLOB;
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
