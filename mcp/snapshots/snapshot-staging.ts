import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SqliteDb, type SqlValue } from '../store/sqlite-db.js';
import { UserError } from '../util/user-error.js';
import { RowPager, type StoredRow } from './row-pager.js';
import { SnapshotHasher } from './snapshot-hash.js';
import { rowHash } from './row-hash.js';
import { decodeKeyExtra, type RowKey } from './snapshot-key.js';

export interface StagedRow {
  key: RowKey;
  rowJson: string;
}

const ROWS_PER_STATEMENT = 250;
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

export class DuplicateKeyError extends UserError {
  constructor(key: RowKey, keyColumns: string[]) {
    const extra = decodeKeyExtra(key.key_extra);
    const shown = [`prop_id ${key.prop_id}`, `year ${key.year}`, ...keyColumns.slice(2).map((c, i) => `${c} ${JSON.stringify(extra[i])}`)].join(', ');
    super(
      'invalid',
      `Two rows have the same key (${shown}). Snapshot rows must be unique by ${keyColumns.join(', ')}: ` +
        'declare more key_columns (for example owner_id) or change the query so each key appears once. Nothing was saved.',
    );
  }
}

/**
 * Rows of a snapshot being taken, in a private SQLite file beside the app store. Reading the
 * source can take long; doing it here keeps the app store's write lock free for the other
 * process meanwhile, and a crash leaves only this file (removed on a later run), never part of
 * a snapshot. `sealSnapshots` then copies the rows into the store in one short transaction.
 */
export class SnapshotStaging {
  private closed = false;
  private constructor(
    readonly file: string,
    private readonly db: SqliteDb,
    private readonly keyColumns: string[],
  ) {}

  static async create(dataDir: string, keyColumns: string[]): Promise<SnapshotStaging> {
    const dir = path.join(dataDir, 'tmp');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    removeStaleStagingFiles(dir);
    const file = path.join(dir, `snapshot-${crypto.randomUUID()}.sqlite`);
    const db = await SqliteDb.open(file);
    try {
      await db.exec(`PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;
        CREATE TABLE rows (prop_id INTEGER NOT NULL, year INTEGER NOT NULL, key_extra TEXT NOT NULL, row_json TEXT NOT NULL,
          row_hash BLOB NOT NULL, PRIMARY KEY (prop_id, year, key_extra)) WITHOUT ROWID;`);
    } catch (err) {
      await db.close().catch(() => undefined);
      fs.rmSync(file, { force: true });
      throw err;
    }
    return new SnapshotStaging(file, db, keyColumns);
  }

  async add(rows: StagedRow[]): Promise<void> {
    if (rows.length === 0) return;
    try {
      await this.db.transaction(async (tx) => {
        for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
          const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
          const params: SqlValue[] = [];
          for (const r of chunk) params.push(r.key.prop_id, r.key.year, r.key.key_extra, r.rowJson, rowHash(r.rowJson));
          await tx.run(`INSERT INTO rows (prop_id, year, key_extra, row_json, row_hash) VALUES ${chunk.map(() => '(?,?,?,?,?)').join(',')}`, params);
        }
      });
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'SQLITE_CONSTRAINT') throw err;
      throw new DuplicateKeyError(await this.findDuplicate(rows), this.keyColumns);
    }
  }

  private async findDuplicate(rows: StagedRow[]): Promise<RowKey> {
    const seen = new Set<string>();
    for (const r of rows) {
      const id = `${r.key.prop_id}|${r.key.year}|${r.key.key_extra}`;
      if (seen.has(id)) return r.key;
      seen.add(id);
      const hit = await this.db.get('SELECT 1 AS x FROM rows WHERE prop_id = ? AND year = ? AND key_extra = ?', [r.key.prop_id, r.key.year, r.key.key_extra]);
      if (hit) return r.key;
    }
    return rows[0].key;
  }

  /** The staged rows in key order, a page at a time. */
  pages(): AsyncGenerator<StoredRow[]> {
    return new RowPager(this.db, { table: 'rows' }).pages();
  }

  /** Hash and count of the staged rows, in key order. */
  async digest(columns: string[]): Promise<{ sha256: string; row_count: number }> {
    const hasher = new SnapshotHasher(columns, this.keyColumns);
    for await (const page of this.pages()) {
      for (const row of page) hasher.add(row, row.row_json);
    }
    return hasher.digest();
  }

  /** Closes the file so the store can attach it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.close();
  }

  async discard(): Promise<void> {
    await this.close().catch(() => undefined);
    fs.rmSync(this.file, { force: true });
  }
}

function removeStaleStagingFiles(dir: string): void {
  const now = Date.now();
  for (const name of fs.readdirSync(dir)) {
    if (!/^snapshot-[0-9a-f-]+\.sqlite$/.test(name)) continue;
    const file = path.join(dir, name);
    try {
      if (now - fs.statSync(file).mtimeMs > STALE_AFTER_MS) fs.rmSync(file, { force: true });
    } catch {
      // Another process removed it first.
    }
  }
}
