import { SqliteDb } from '../store/sqlite-db.js';
import { KeysetPager, keysetPageSql } from '../snapshots/row-pager.js';
import type { RowKey } from '../snapshots/snapshot-key.js';

/** A stored row as a diff first reads it: its key and hash, and its text only when it has no hash. */
export interface HashedRow extends RowKey {
  /** Hex of the stored row hash; null for a row sealed before rows had one. */
  row_hash: string | null;
  /** The row's text: read with the page for a row without a hash, filled in by `fillTexts` for the others. */
  row_json: string | null;
}

export const HASHED_PAGE_SIZE = 10_000;

export interface HashedSnapshotReader {
  pager: KeysetPager<HashedRow>;
  /** Reads the text of each given row that does not have it yet, in one statement. */
  fillTexts(rows: (HashedRow | undefined)[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * A snapshot's keys and row hashes in key order, on a connection of its own so the two sides of
 * a diff are read in parallel. Each page is one JSON text built inside SQLite (a parse of one
 * string instead of the driver making every value), and row texts, the bulk of a snapshot, are
 * read only for the rows the caller asks for: the ones whose hashes differ.
 */
export async function openHashedSnapshotReader(store: SqliteDb, snapshotId: string, pageSize = HASHED_PAGE_SIZE): Promise<HashedSnapshotReader> {
  const db = await SqliteDb.open(store.file, { readOnly: true, busyTimeoutMs: 15_000 });
  const source = { table: 'snapshot_rows', filter: 'snapshot_id = ?', params: [snapshotId] };
  const readPage = async (after: RowKey | undefined, limit: number): Promise<HashedRow[]> => {
    const page = keysetPageSql(source, 'prop_id, year, key_extra, row_hash, row_json', after, limit);
    const row = await db.get<{ page: string }>(
      `SELECT json_group_array(json_array(prop_id, year, key_extra,
         CASE WHEN row_hash IS NULL THEN NULL ELSE hex(row_hash) END,
         CASE WHEN row_hash IS NULL THEN row_json END)) AS page FROM (${page.sql})`,
      page.params,
    );
    return (JSON.parse(row?.page ?? '[]') as [number, number, string, string | null, string | null][]).map(([prop_id, year, key_extra, row_hash, row_json]) => ({
      prop_id,
      year,
      key_extra,
      row_hash,
      row_json,
    }));
  };
  return {
    pager: new KeysetPager(readPage, pageSize),
    fillTexts: async (rows) => {
      const missing = rows.filter((r): r is HashedRow => r !== undefined && r.row_json === null);
      if (missing.length === 0) return;
      const texts = await db.all<{ prop_id: number; year: number; key_extra: string; row_json: string }>(
        `SELECT prop_id, year, key_extra, row_json FROM snapshot_rows
          WHERE snapshot_id = ? AND (prop_id, year, key_extra) IN
            (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(?))`,
        [snapshotId, JSON.stringify(missing.map((r) => [r.prop_id, r.year, r.key_extra]))],
      );
      const byKey = new Map(texts.map((t) => [keyText(t), t.row_json]));
      for (const row of missing) {
        const text = byKey.get(keyText(row));
        if (text === undefined) throw new Error(`Snapshot ${snapshotId} lost the row of prop_id ${row.prop_id}, year ${row.year} while it was being read.`);
        row.row_json = text;
      }
    },
    close: () => db.close(),
  };
}

const keyText = (key: RowKey) => `${key.prop_id}|${key.year}|${key.key_extra}`;
