import { afterEach, describe, expect, it, vi } from 'vitest';
import { HashedPage, openHashedSnapshotReader, type HashedSnapshotReader, type TextRow } from '../../mcp/diff/hashed-snapshot-reader.js';
import { compareKeys, encodeKeyExtra, type RowKey } from '../../mcp/snapshots/snapshot-key.js';
import { SqliteDb } from '../../mcp/store/sqlite-db.js';
import { openSnapshotStore, type SnapshotSpec } from '../helpers/stored-snapshots.js';

/**
 * What a diff reads of a stored snapshot: its keys and row hashes in key order, a page at a time,
 * and the texts of just the rows it asks for. Small pages put page boundaries inside a few rows.
 */

const COLUMNS = ['prop_id', 'year', 'sup_num', 'market'];
const KEYED = { columns: COLUMNS, key_columns: ['prop_id', 'year', 'sup_num'] };

afterEach(() => {
  vi.restoreAllMocks();
});

/** Every page of a reader, read to its end. */
async function allPages(reader: HashedSnapshotReader): Promise<HashedPage[]> {
  const pages: HashedPage[] = [];
  for (let page = await reader.pager.next(); page !== undefined; page = await reader.pager.next()) pages.push(page);
  return pages;
}

/** Each row of each page as [page, index], with its key. */
const rowsOf = (pages: HashedPage[]) => pages.flatMap((page, p) => Array.from({ length: page.length }, (_, i) => ({ page, i, p, key: page.key(i) })));

/** Opens a reader on each given snapshot of a store of its own, `pageSize` rows a page. */
async function withReaders(specs: SnapshotSpec[], pageSize: number, work: (readers: HashedSnapshotReader[], store: SqliteDb) => Promise<void>) {
  const s = await openSnapshotStore();
  const readers: HashedSnapshotReader[] = [];
  try {
    for (const spec of specs) readers.push(await openHashedSnapshotReader(s.store, (await s.add(spec)).snapshot_id, pageSize));
    await work(readers, s.store);
  } finally {
    for (const reader of readers) await reader.close();
    await s.close();
  }
}

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);

describe.each([
  { stored: 'with a hash beside each row', without_row_hashes: false },
  { stored: 'without row hashes', without_row_hashes: true },
])('a snapshot read for a diff, rows stored $stored', ({ without_row_hashes }) => {
  it('reads every key once, in key order, a page of the given size at a time', async () => {
    // Written out of order; several years of one parcel and several supplements of one year.
    const rows = [
      [7, 2026, 1, 70],
      [3, 2025, 0, 30],
      [7, 2025, 0, 71],
      [3, 2026, 0, 31],
      [7, 2026, 0, 72],
      [12, 2024, 2, 120],
      [3, 2026, 1, 32],
    ];
    await withReaders([{ ...KEYED, rows, without_row_hashes }], 3, async ([reader]) => {
      const pages = await allPages(reader);
      expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
      const keys = rowsOf(pages).map((r) => r.key);
      expect(keys).toEqual(
        [
          [3, 2025, 0],
          [3, 2026, 0],
          [3, 2026, 1],
          [7, 2025, 0],
          [7, 2026, 0],
          [7, 2026, 1],
          [12, 2024, 2],
        ].map(([prop_id, year, sup]) => ({ prop_id, year, key_extra: encodeKeyExtra([sup]) })),
      );
    });
  });

  it('ends with an empty page when the rows fill the last page exactly', async () => {
    const rows = [1, 2, 3, 4].map((id) => [id, 2026, 0, id]);
    await withReaders([{ ...KEYED, rows, without_row_hashes }], 2, async ([reader]) => {
      const pages = await allPages(reader);
      expect(pages.map((p) => p.length)).toEqual([2, 2, 0]);
      expect(rowsOf(pages).map((r) => r.key.prop_id)).toEqual([1, 2, 3, 4]);
    });
  });

  it('orders a row of one snapshot against a row of another as compareKeys does, on any two pages', async () => {
    const base = [
      [1, 2026, 0, 1],
      [2, 2025, 0, 1],
      [2, 2026, 0, 1],
      [2, 2026, 3, 1],
      [4, 2026, 0, 1],
    ];
    const target = [
      [2, 2025, 0, 1],
      [2, 2026, 1, 1],
      [2, 2026, 3, 1],
      [3, 2024, 0, 1],
      [4, 2027, 0, 1],
    ];
    await withReaders([{ ...KEYED, rows: base, without_row_hashes }, { ...KEYED, rows: target, without_row_hashes }], 2, async ([a, b]) => {
      const left = rowsOf(await allPages(a));
      const right = rowsOf(await allPages(b));
      const orders = new Set<number>();
      for (const l of left) {
        for (const r of right) {
          const order = l.page.compareKey(l.i, r.page, r.i);
          expect(sign(order), `${JSON.stringify(l.key)} vs ${JSON.stringify(r.key)}`).toBe(sign(compareKeys(l.key, r.key)));
          expect(sign(r.page.compareKey(r.i, l.page, l.i))).toBe(sign(-order));
          orders.add(sign(order));
        }
      }
      expect([...orders].sort()).toEqual([-1, 0, 1]);
    });
  });

  it('tells rows stored with the same text from rows that differ, wherever they sit on their pages', async () => {
    const base = [1, 2, 3, 4, 5, 6, 7].map((id) => [id, 2026, 0, id * 10]);
    // Rows 2 and 6 changed; row 5 moved to another place on its page by the rows before it.
    const target = [[0, 2026, 0, 0], ...base.map((r) => (r[0] === 2 || r[0] === 6 ? [...r.slice(0, 3), (r[3] as number) + 1] : r))];
    const text = (row: unknown[]) => JSON.stringify(row);
    await withReaders([{ ...KEYED, rows: base, without_row_hashes }, { ...KEYED, rows: target, without_row_hashes }], 3, async ([a, b]) => {
      const left = rowsOf(await allPages(a));
      const right = rowsOf(await allPages(b));
      const textOf = (rows: unknown[][], key: RowKey) => text(rows.find((r) => r[0] === key.prop_id)!);
      for (const l of left) {
        for (const r of right) {
          const same = textOf(base, l.key) === textOf(target, r.key);
          expect(l.page.sameStored(l.i, r.page, r.i), `${l.key.prop_id} vs ${r.key.prop_id}`).toBe(same);
        }
      }
    });
  });

  it('gives the text of a row only where it was read with the page: rows stored without a hash', async () => {
    const rows = [1, 2, 3].map((id) => [id, 2026, 0, id * 10]);
    await withReaders([{ ...KEYED, rows, without_row_hashes }], 2, async ([reader]) => {
      const all = rowsOf(await allPages(reader));
      expect(all.map((r) => r.page.textRow(r.i))).toEqual(rows.map((row) => ({ prop_id: row[0], year: 2026, key_extra: '[0]', row_json: without_row_hashes ? JSON.stringify(row) : null })));
    });
  });
});

describe('a hashed and an unhashed snapshot read side by side', () => {
  it('never finds a row stored with a hash the same as one stored without, whatever their texts', async () => {
    const rows = [1, 2, 3].map((id) => [id, 2026, 0, id * 10]);
    await withReaders([{ ...KEYED, rows }, { ...KEYED, rows, without_row_hashes: true }], 10, async ([hashed, unhashed]) => {
      const [h] = await allPages(hashed);
      const [u] = await allPages(unhashed);
      for (let i = 0; i < rows.length; i++) {
        expect(h.sameStored(i, u, i)).toBe(false);
        expect(u.sameStored(i, h, i)).toBe(false);
        expect(h.sameStored(i, h, i)).toBe(true);
        expect(u.sameStored(i, u, i)).toBe(true);
      }
    });
  });
});

describe('the texts a diff asks for', () => {
  /** The keys each statement that fills in texts asked for, statement by statement. */
  function textStatements(): RowKey[][] {
    const asked: RowKey[][] = [];
    const all = SqliteDb.prototype.all;
    vi.spyOn(SqliteDb.prototype, 'all').mockImplementation(function (this: SqliteDb, sql, params) {
      if (/json_each/.test(sql)) asked.push((JSON.parse(String(params![1])) as [number, number, string][]).map(([prop_id, year, key_extra]) => ({ prop_id, year, key_extra })));
      return all.call(this, sql, params) as never;
    });
    return asked;
  }

  it('fills in, in one statement, the text of each row read without it, and leaves the others as they are', async () => {
    const rows = [
      [5, 2026, 0, 50],
      [5, 2026, 1, 51],
      [6, 2025, 0, 60],
      [6, 2026, 0, 61],
    ];
    await withReaders([{ ...KEYED, rows }], 2, async ([reader]) => {
      const all = rowsOf(await allPages(reader)).map((r) => r.page.textRow(r.i));
      expect(all.every((r) => r.row_json === null)).toBe(true);
      const given: TextRow = { ...all[2], row_json: 'a text already read' };
      const asked = textStatements();
      const wanted = [all[3], undefined, given, all[0], all[1]];
      await reader.fillTexts(wanted);
      expect(asked).toEqual([[all[3], all[0], all[1]].map(({ prop_id, year, key_extra }) => ({ prop_id, year, key_extra }))]);
      expect(wanted.map((r) => r?.row_json)).toEqual([JSON.stringify(rows[3]), undefined, 'a text already read', JSON.stringify(rows[0]), JSON.stringify(rows[1])]);
    });
  });

  it('asks the database nothing when every row it is given has its text already', async () => {
    const rows = [[5, 2026, 0, 50]];
    await withReaders([{ ...KEYED, rows, without_row_hashes: true }], 2, async ([reader]) => {
      const [page] = await allPages(reader);
      const row = page.textRow(0);
      const asked = textStatements();
      await reader.fillTexts([row, undefined]);
      await reader.fillTexts([]);
      expect(asked).toEqual([]);
      expect(row.row_json).toBe(JSON.stringify(rows[0]));
    });
  });
  it('fails, naming the row, when a row it listed is gone from the store when its text is read', async () => {
    const rows = [1, 2, 3].map((id) => [id, 2026, 0, id * 10]);
    await withReaders([{ ...KEYED, rows }], 10, async ([reader], store) => {
      const [page] = await allPages(reader);
      // Only a store changed behind the application's back loses a sealed snapshot's rows.
      await store.exec('DROP TRIGGER snapshot_rows_no_delete');
      await store.run('DELETE FROM snapshot_rows WHERE prop_id = 2');
      await expect(reader.fillTexts([page.textRow(0), page.textRow(1)])).rejects.toThrow(/has no row for prop_id 2, year 2026 that it listed/);
    });
  });
});

describe('a reader on its own connection', () => {
  it('opens the store read-only and closes its connection when closed', async () => {
    const opened: { db: SqliteDb; readOnly?: boolean }[] = [];
    const open = SqliteDb.open.bind(SqliteDb);
    vi.spyOn(SqliteDb, 'open').mockImplementation(async (file, options) => {
      const db = await open(file, options);
      opened.push({ db, readOnly: options?.readOnly });
      return db;
    });
    const s = await openSnapshotStore();
    try {
      const meta = await s.add({ ...KEYED, rows: [[1, 2026, 0, 1]] });
      opened.length = 0;
      const reader = await openHashedSnapshotReader(s.store, meta.snapshot_id);
      expect(opened.map((o) => o.readOnly)).toEqual([true]);
      await expect(opened[0].db.run('CREATE TABLE t (x)')).rejects.toThrow(/readonly|read-only/i);
      await reader.close();
      await expect(opened[0].db.all('SELECT 1')).rejects.toThrow(/closed/i);
    } finally {
      await s.close();
    }
  });
});
