import { SqliteDb } from '../store/sqlite-db.js';
import { KeysetPager, keysetPageSql } from '../snapshots/row-pager.js';
import type { RowKey } from '../snapshots/snapshot-key.js';
import { ROW_HASH_BYTES } from '../snapshots/row-hash.js';

/** A row a diff needs the text of: one side only, or both sides with different hashes. */
export interface TextRow extends RowKey {
  /** Read with the page for a row stored without a hash; filled in by `fillTexts` for the others. */
  row_json: string | null;
}

export const HASHED_PAGE_SIZE = 10_000;

const HEX_WIDTH = ROW_HASH_BYTES * 2;
/** Stands in the hash column for a row sealed before rows carried a hash (such a row comes with its text). */
const NO_HASH = '-'.repeat(HEX_WIDTH);

/**
 * One page of a snapshot's keys and row hashes, column by column: a page of 10,000 rows is a few
 * arrays and one text of hashes, not 10,000 objects.
 */
export class HashedPage {
  constructor(
    private readonly propIds: number[],
    private readonly years: number[],
    private readonly keyExtras: string[],
    /** Each row's hash as hex, one after the other, NO_HASH for a row without one. */
    private readonly hashes: string,
    /** The text of each row stored without a hash, null for the others. */
    private readonly texts: (string | null)[],
  ) {}

  get length(): number {
    return this.propIds.length;
  }

  key(i: number): RowKey {
    return { prop_id: this.propIds[i], year: this.years[i], key_extra: this.keyExtras[i] };
  }

  textRow(i: number): TextRow {
    return { ...this.key(i), row_json: this.texts[i] };
  }

  /** Key order of row i here against row j of `other`, as `compareKeys`. */
  compareKey(i: number, other: HashedPage, j: number): number {
    if (this.propIds[i] !== other.propIds[j]) return this.propIds[i] < other.propIds[j] ? -1 : 1;
    if (this.years[i] !== other.years[j]) return this.years[i] < other.years[j] ? -1 : 1;
    const a = this.keyExtras[i];
    const b = other.keyExtras[j];
    return a === b ? 0 : a < b ? -1 : 1;
  }

  /** Both rows are stored with the same text: equal hashes, or (without hashes) equal texts read with the page. */
  sameStored(i: number, other: HashedPage, j: number): boolean {
    const a = this.texts[i];
    if (a !== null) return a === other.texts[j];
    const at = i * HEX_WIDTH;
    const bt = j * HEX_WIDTH;
    for (let c = 0; c < HEX_WIDTH; c++) if (this.hashes.charCodeAt(at + c) !== other.hashes.charCodeAt(bt + c)) return false;
    return true;
  }
}

export interface HashedSnapshotReader {
  pager: KeysetPager<HashedPage>;
  /** Reads, in one statement, the text of each given row that does not have it yet. */
  fillTexts(rows: (TextRow | undefined)[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * A snapshot's keys and row hashes in key order, on a connection of its own so the two sides of
 * a diff are read in parallel. SQLite builds each page as a few JSON texts (a parse of a string is
 * several times faster than the driver making every value), and row texts, the bulk of a
 * snapshot, are read only for the rows the caller asks for: those whose hashes differ.
 */
export async function openHashedSnapshotReader(store: SqliteDb, snapshotId: string, pageSize = HASHED_PAGE_SIZE): Promise<HashedSnapshotReader> {
  const db = await SqliteDb.open(store.file, { readOnly: true, busyTimeoutMs: 15_000 });
  const source = { table: 'snapshot_rows', filter: 'snapshot_id = ?', params: [snapshotId] };
  const readPage = async (after: RowKey | undefined, limit: number): Promise<HashedPage> => {
    const page = keysetPageSql(source, 'prop_id, year, key_extra, row_hash, row_json', after, limit);
    const columns = await db.get<{ prop_ids: string; years: string; key_extras: string; hashes: string | null; texts: string }>(
      `SELECT json_group_array(prop_id) AS prop_ids, json_group_array(year) AS years, json_group_array(key_extra) AS key_extras,
              group_concat(ifnull(hex(row_hash), '${NO_HASH}'), '') AS hashes,
              json_group_array(CASE WHEN row_hash IS NULL THEN row_json END) AS texts
         FROM (${page.sql})`,
      page.params,
    );
    if (!columns) throw new Error('SQLite returned no row for an aggregate.');
    return new HashedPage(JSON.parse(columns.prop_ids), JSON.parse(columns.years), JSON.parse(columns.key_extras), columns.hashes ?? '', JSON.parse(columns.texts));
  };
  return {
    pager: new KeysetPager(readPage, (page) => page.key(page.length - 1), pageSize),
    fillTexts: async (rows) => {
      const missing = rows.filter((r): r is TextRow => r !== undefined && r.row_json === null);
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
        if (text === undefined) throw new Error(`Snapshot ${snapshotId} has no row for prop_id ${row.prop_id}, year ${row.year} that it listed a moment ago.`);
        row.row_json = text;
      }
    },
    close: () => db.close(),
  };
}

const keyText = (key: RowKey) => `${key.prop_id}|${key.year}|${key.key_extra}`;
