import { SqliteDb, type SqliteTx, type SqlValue } from '../store/sqlite-db.js';
import { RowPager, type StoredRow } from './row-pager.js';
import { SnapshotHasher } from './snapshot-hash.js';
import { rowHash } from './row-hash.js';
import type { SnapshotStaging } from './snapshot-staging.js';
import { metaFromRecord, UnknownSnapshotError, type SnapshotMeta, type SnapshotRecordRow } from './snapshot-types.js';

export interface SealItem {
  staging: SnapshotStaging;
  meta: SnapshotMeta;
}

/**
 * Moves staged rows into the app store and saves their snapshot rows, all in one transaction:
 * either every snapshot is there with all its rows, or nothing is. `also` runs inside the same
 * transaction (a QA package import records the package there).
 */
export async function sealSnapshots(store: SqliteDb, items: SealItem[], also?: (tx: SqliteTx) => Promise<void>): Promise<void> {
  for (const item of items) await item.staging.close();
  await store.exclusive(async () => {
    const attached: string[] = [];
    try {
      for (const [i, item] of items.entries()) {
        await store.runNow(`ATTACH DATABASE ? AS staging${i}`, [item.staging.file]);
        attached.push(`staging${i}`);
      }
      const tx: SqliteTx = {
        exec: (sql) => store.execNow(sql),
        run: (sql, params = []) => store.runNow(sql, params),
        all: (sql, params = []) => store.allNow(sql, params),
        get: (sql, params = []) => store.getNow(sql, params),
      };
      await store.execNow('BEGIN IMMEDIATE');
      try {
        for (const [i, item] of items.entries()) {
          await store.runNow(
            `INSERT INTO snapshot_rows (snapshot_id, prop_id, year, key_extra, row_json, row_hash) SELECT ?, prop_id, year, key_extra, row_json, row_hash FROM staging${i}.rows`,
            [item.meta.snapshot_id],
          );
          await insertSnapshotRecord(tx, item.meta);
        }
        if (also) await also(tx);
        await store.execNow('COMMIT');
      } catch (err) {
        await store.execNow('ROLLBACK').catch(() => undefined);
        throw err;
      }
    } finally {
      for (const name of attached) await store.runNow(`DETACH DATABASE ${name}`, []).catch(() => undefined);
    }
  });
}

/** The snapshot's record (its rows are stored apart), inside the caller's transaction. */
export async function insertSnapshotRecord(tx: Pick<SqliteTx, 'run'>, m: SnapshotMeta): Promise<void> {
  const values: SqlValue[] = [
    m.snapshot_id, m.name, m.content, m.source_connection_id, JSON.stringify(m.selection), m.from_year, m.to_year,
    JSON.stringify(m.columns), JSON.stringify(m.key_columns), m.masking_policy, m.masking_key_id, m.created_by, m.client_name,
    m.created_at, m.row_count, m.sha256, m.origin_install_id, m.training_copy_connection_id,
  ];
  await tx.run(
    `INSERT INTO snapshots (snapshot_id, name, content, source_connection_id, selection_json, from_year, to_year, columns_json, key_columns_json,
       masking_policy, masking_key_id, created_by, client_name, created_at, row_count, sha256, origin_install_id, training_copy_connection_id)
     VALUES (${values.map(() => '?').join(',')})`,
    values,
  );
}

export async function findSnapshot(store: SqliteDb, id: string): Promise<SnapshotMeta | undefined> {
  const row = await store.get<SnapshotRecordRow>('SELECT * FROM snapshots WHERE snapshot_id = ?', [id]);
  return row ? metaFromRecord(row) : undefined;
}

export async function getSnapshot(store: SqliteDb, id: string): Promise<SnapshotMeta> {
  const meta = await findSnapshot(store, id);
  if (!meta) throw new UnknownSnapshotError(id);
  return meta;
}

export interface SnapshotListFilter {
  limit: number;
  nameContains?: string;
  connectionId?: string;
}

export async function listSnapshots(store: SqliteDb, filter: SnapshotListFilter): Promise<{ snapshots: SnapshotMeta[]; truncated: boolean }> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (filter.nameContains) {
    where.push("name LIKE ? ESCAPE '\\'");
    params.push(`%${filter.nameContains.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (filter.connectionId) {
    where.push('source_connection_id = ?');
    params.push(filter.connectionId);
  }
  const rows = await store.all<SnapshotRecordRow>(
    `SELECT * FROM snapshots ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, snapshot_id LIMIT ${Math.max(1, Math.floor(filter.limit)) + 1}`,
    params,
  );
  return { snapshots: rows.slice(0, filter.limit).map(metaFromRecord), truncated: rows.length > filter.limit };
}

/**
 * A snapshot's rows in key order, read on a connection of its own so two of them (a diff) are
 * fetched in parallel. Snapshots are immutable, so separate connections see the same rows.
 */
export async function openSnapshotReader(store: SqliteDb, snapshotId: string, pageSize?: number): Promise<{ pager: RowPager; close(): Promise<void> }> {
  const db = await SqliteDb.open(store.file, { readOnly: true, busyTimeoutMs: 15_000 });
  return {
    pager: new RowPager(db, { table: 'snapshot_rows', filter: 'snapshot_id = ?', params: [snapshotId] }, pageSize),
    close: () => db.close(),
  };
}

/**
 * Recomputes a stored snapshot's hash from its rows, page by page, and checks each row's stored
 * hash (what a diff compares) against its text.
 */
export async function verifyStoredSnapshot(store: SqliteDb, meta: SnapshotMeta, onRow?: (row: StoredRow) => void | Promise<void>): Promise<{ ok: boolean; sha256: string; row_count: number }> {
  const reader = await openSnapshotReader(store, meta.snapshot_id);
  try {
    const hasher = new SnapshotHasher(meta.columns, meta.key_columns);
    let rowHashesMatch = true;
    for await (const page of reader.pager.pages()) {
      for (const row of page) {
        hasher.add(row, row.row_json);
        if (row.row_hash !== null && !row.row_hash.equals(rowHash(row.row_json))) rowHashesMatch = false;
        if (onRow) await onRow(row);
      }
    }
    const digest = hasher.digest();
    return { ok: rowHashesMatch && digest.sha256 === meta.sha256 && digest.row_count === meta.row_count, ...digest };
  } finally {
    await reader.close();
  }
}
