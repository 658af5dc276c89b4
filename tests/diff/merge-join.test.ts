import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueryCancelledError } from '../../mcp/connectors/connector.js';
import { CollectSink } from '../../mcp/diff/collect-sink.js';
import type { DiffChange, DiffSink } from '../../mcp/diff/diff-types.js';
import { diffSnapshots } from '../../mcp/diff/snapshot-diff.js';
import { HASHED_PAGE_SIZE } from '../../mcp/diff/hashed-snapshot-reader.js';
import { SqliteDb } from '../../mcp/store/sqlite-db.js';
import { openSnapshotStore, type SnapshotSpec } from '../helpers/stored-snapshots.js';

/**
 * The keyed diff as a merge join over two stored snapshots, on rows written exactly as a test
 * needs them: every row of either side is reported once, under its own key, as added, removed,
 * changed (with exactly the fields that changed) or counted unchanged.
 */

const COLUMNS = ['prop_id', 'year', 'market', 'assessed_val'];

afterEach(() => {
  vi.restoreAllMocks();
});

/** Diffs two snapshots made of `base` and `target` in a store of their own. */
async function diffStored(base: SnapshotSpec, target: SnapshotSpec, options: { sinks?: DiffSink[]; signal?: AbortSignal; withoutRowHashes?: boolean } = {}) {
  const s = await openSnapshotStore();
  try {
    const a = await s.add({ without_row_hashes: options.withoutRowHashes, ...base });
    const b = await s.add({ without_row_hashes: options.withoutRowHashes, ...target });
    const collect = new CollectSink(1_000_000);
    const result = await diffSnapshots(s.store, a.snapshot_id, b.snapshot_id, {}, [collect, ...(options.sinks ?? [])], options.signal);
    return { result, changes: collect.changes };
  } finally {
    await s.close();
  }
}

const parcels = (ids: number[], market = (id: number) => id * 10) => ids.map((id) => [id, 2026, market(id), id * 9]);

describe.each([
  { stored: 'with a hash beside each row', withoutRowHashes: false },
  { stored: 'without row hashes (sealed by an earlier version)', withoutRowHashes: true },
])('the merge join of a keyed diff, rows stored $stored', ({ withoutRowHashes }) => {
  const diffOf = (base: SnapshotSpec, target: SnapshotSpec) => diffStored(base, target, { withoutRowHashes });

  it('reports the rows only the base has at its end as removed, after the target has run out', async () => {
    const started = Date.now();
    const { result, changes } = await diffOf({ columns: COLUMNS, rows: parcels([1, 2, 3, 4, 5]) }, { columns: COLUMNS, rows: parcels([1, 2, 3]) });
    expect(changes).toEqual([
      { change: 'removed', prop_id: 4, year: 2026, key: {}, values: { prop_id: 4, year: 2026, market: 40, assessed_val: 36 } },
      { change: 'removed', prop_id: 5, year: 2026, key: {}, values: { prop_id: 5, year: 2026, market: 50, assessed_val: 45 } },
    ]);
    expect(result.summary).toEqual({ added: 0, removed: 2, changed: 0, unchanged: 3 });
    expect(result.reported).toBe(2);
    expect(result.elapsed_ms).toBeGreaterThanOrEqual(0);
    expect(result.elapsed_ms).toBeLessThanOrEqual(Date.now() - started + 1);
  });

  it('reports the rows only the target has at its end as added', async () => {
    const { result, changes } = await diffOf({ columns: COLUMNS, rows: parcels([1, 2]) }, { columns: COLUMNS, rows: parcels([1, 2, 3]) });
    expect(changes).toEqual([{ change: 'added', prop_id: 3, year: 2026, key: {}, values: { prop_id: 3, year: 2026, market: 30, assessed_val: 27 } }]);
    expect(result.summary).toEqual({ added: 1, removed: 0, changed: 0, unchanged: 2 });
  });

  it('diffs against an empty snapshot: every row removed, or every row added', async () => {
    const removed = await diffOf({ columns: COLUMNS, rows: parcels([7, 8]) }, { columns: COLUMNS, rows: [] });
    expect(removed.changes.map((c) => [c.change, c.prop_id])).toEqual([['removed', 7], ['removed', 8]]);
    const added = await diffOf({ columns: COLUMNS, rows: [] }, { columns: COLUMNS, rows: parcels([7, 8]) });
    expect(added.changes.map((c) => [c.change, c.prop_id])).toEqual([['added', 7], ['added', 8]]);
  });

  it('reads both snapshots page by page: changes on either side of a page boundary are each reported once', async () => {
    const ids = Array.from({ length: HASHED_PAGE_SIZE + 10 }, (_, i) => 1000 + i);
    const last = ids.at(-1)!;
    const edge = ids[HASHED_PAGE_SIZE - 1];
    const next = ids[HASHED_PAGE_SIZE];
    const gone = ids[HASHED_PAGE_SIZE + 5];
    const target = parcels([...ids.filter((id) => id !== gone), last + 1], (id) => (id === edge || id === next ? id * 10 + 1 : id * 10));
    const { result, changes } = await diffOf({ columns: COLUMNS, rows: parcels(ids) }, { columns: COLUMNS, rows: target });
    expect(changes.map((c) => [c.change, c.prop_id])).toEqual([['changed', edge], ['changed', next], ['removed', gone], ['added', last + 1]]);
    expect((changes[0] as Extract<DiffChange, { change: 'changed' }>).fields).toEqual([{ field: 'market', old: edge * 10, new: edge * 10 + 1, delta: 1, pct_change: expect.any(Number) }]);
    expect(result.summary).toEqual({ added: 1, removed: 1, changed: 2, unchanged: ids.length - 3 });
  });

  it('reads the target in the base\'s column order when only some columns moved', async () => {
    const moved = ['prop_id', 'year', 'assessed_val', 'market'];
    const { result, changes } = await diffOf(
      { columns: COLUMNS, rows: [[1, 2026, 100, 90], [2, 2026, 200, 180], [3, 2026, 300, 270]] },
      { columns: moved, rows: [[1, 2026, 90, 100], [2, 2026, 180, 250], [3, 2026, 270, 300]] },
    );
    expect(changes).toEqual([{ change: 'changed', prop_id: 2, year: 2026, key: {}, fields: [{ field: 'market', old: 200, new: 250, delta: 50, pct_change: 25 }] }]);
    expect(result.summary).toEqual({ added: 0, removed: 0, changed: 1, unchanged: 2 });
  });

  it('reports swapped values as changed even when the two rows read the same as text', async () => {
    // market 1 and assessed_val 2 in the base; market 2 and assessed_val 1 in the target, whose
    // columns come in the other order: both rows are stored as [5,2026,1,2].
    const { result, changes } = await diffOf(
      { columns: COLUMNS, rows: [[5, 2026, 1, 2]] },
      { columns: ['prop_id', 'year', 'assessed_val', 'market'], rows: [[5, 2026, 1, 2]] },
    );
    expect(changes).toEqual([
      {
        change: 'changed',
        prop_id: 5,
        year: 2026,
        key: {},
        fields: [
          { field: 'market', old: 1, new: 2, delta: 1, pct_change: 100 },
          { field: 'assessed_val', old: 2, new: 1, delta: -1, pct_change: -50 },
        ],
      },
    ]);
    expect(result.summary.changed).toBe(1);
  });

  it('never reports a key column as changed, even when one source stored it as text (PostgreSQL NUMERIC)', async () => {
    const { result, changes } = await diffOf({ columns: COLUMNS, rows: [[1, '2026', 10, 9], [2, '2026', 20, 18]] }, { columns: COLUMNS, rows: [[1, 2026, 10, 9], [2, 2026, 21, 18]] });
    expect(changes).toEqual([{ change: 'changed', prop_id: 2, year: 2026, key: {}, fields: [{ field: 'market', old: 20, new: 21, delta: 1, pct_change: 5 }] }]);
    expect(result.summary).toEqual({ added: 0, removed: 0, changed: 1, unchanged: 1 });
  });

  it('names the extra key columns of each change', async () => {
    const columns = ['prop_id', 'year', 'sup_num', 'market'];
    const { changes } = await diffOf(
      { columns, key_columns: ['prop_id', 'year', 'sup_num'], rows: [[1, 2026, 0, 10], [1, 2026, 1, 11]] },
      { columns, key_columns: ['prop_id', 'year', 'sup_num'], rows: [[1, 2026, 0, 10], [1, 2026, 1, 12], [1, 2026, 2, 13]] },
    );
    expect(changes.map((c) => [c.change, c.key])).toEqual([['changed', { sup_num: 1 }], ['added', { sup_num: 2 }]]);
  });

  it('reports zero, empty and false values of added and removed rows as they were stored', async () => {
    const { changes } = await diffOf(
      { columns: COLUMNS, rows: [[1, 2026, 10, 9], [2, 2026, 0, false]] },
      { columns: COLUMNS, rows: [[1, 2026, 10, 9], [3, 2026, '', null]] },
    );
    expect(changes).toEqual([
      { change: 'removed', prop_id: 2, year: 2026, key: {}, values: { prop_id: 2, year: 2026, market: 0, assessed_val: false } },
      { change: 'added', prop_id: 3, year: 2026, key: {}, values: { prop_id: 3, year: 2026, market: '', assessed_val: null } },
    ]);
  });

  it('matches each year of a parcel with the same year only', async () => {
    const { result, changes } = await diffOf(
      { columns: COLUMNS, rows: [[1, 2024, 10, 9], [1, 2025, 11, 9], [1, 2026, 12, 9], [2, 2025, 20, 18]] },
      { columns: COLUMNS, rows: [[1, 2025, 11, 9], [1, 2026, 13, 9], [2, 2024, 20, 18], [2, 2025, 20, 18]] },
    );
    expect(changes.map((c) => [c.change, c.prop_id, c.year])).toEqual([['removed', 1, 2024], ['changed', 1, 2026], ['added', 2, 2024]]);
    expect(result.summary).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 2 });
  });

  it('matches rows by every key column across page boundaries that fall at different keys on each side', async () => {
    // Two supplements of each parcel. The target has three more rows early on, so its pages end
    // three rows (a parcel and a half) before the base's.
    const columns = ['prop_id', 'year', 'sup_num', 'market'];
    const key_columns = ['prop_id', 'year', 'sup_num'];
    const parcelsOf = (n: number) => Array.from({ length: n }, (_, i) => [[i + 1, 2026, 0, i], [i + 1, 2026, 1, i]]).flat();
    const base = parcelsOf(HASHED_PAGE_SIZE / 2 + 5);
    const edge = base[HASHED_PAGE_SIZE - 1]; // the last row of the base's first page
    const next = base[HASHED_PAGE_SIZE]; // the first row of its second page
    const target = [
      ...[0.5, 1.5, 2.5].map((id) => [id * 2, 2025, 0, 1]),
      ...base.filter((r) => r !== next).map((r) => (r === edge ? [...r.slice(0, 3), -1] : r)),
      [edge[0], 2026, 2, 7],
    ].sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number) || (a[2] as number) - (b[2] as number));
    const { result, changes } = await diffOf({ columns, key_columns, rows: base }, { columns, key_columns, rows: target });
    expect(changes.map((c) => [c.change, c.prop_id, c.year, c.key])).toEqual([
      ['added', 1, 2025, { sup_num: 0 }],
      ['added', 3, 2025, { sup_num: 0 }],
      ['added', 5, 2025, { sup_num: 0 }],
      ['changed', edge[0], 2026, { sup_num: 1 }],
      ['added', edge[0], 2026, { sup_num: 2 }],
      ['removed', next[0], 2026, { sup_num: 0 }],
    ]);
    expect(result.summary).toEqual({ added: 4, removed: 1, changed: 1, unchanged: base.length - 2 });
  });
});

describe('a keyed diff that stops', () => {
  /** A sink that records what it was told. */
  function recordingSink(calls: string[], withAbort: boolean): DiffSink {
    return {
      begin: () => void calls.push('begin'),
      change: (c) => void calls.push(`change ${c.prop_id}`),
      end: () => void calls.push('end'),
      ...(withAbort ? { abort: () => void calls.push('abort') } : {}),
    };
  }

  it('stops at a cancelled request, tells each sink to drop its work and closes both readers', async () => {
    const opened: SqliteDb[] = [];
    const open = SqliteDb.open.bind(SqliteDb);
    vi.spyOn(SqliteDb, 'open').mockImplementation(async (file, options) => {
      const db = await open(file, options);
      if (options?.readOnly) opened.push(db);
      return db;
    });
    const calls: string[] = [];
    const cancelled = new AbortController();
    cancelled.abort();
    const failure = await diffStored({ columns: COLUMNS, rows: parcels([1, 2]) }, { columns: COLUMNS, rows: parcels([2, 3]) }, { sinks: [recordingSink(calls, true), recordingSink([], false)], signal: cancelled.signal }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(QueryCancelledError);
    expect(calls).toEqual(['begin', 'abort']);
    expect(opened).toHaveLength(2);
    for (const db of opened) await expect(db.all('SELECT 1')).rejects.toThrow(/closed/i);
  });

  it('stops between two changes when the request is cancelled meanwhile', async () => {
    const calls: string[] = [];
    const cancelled = new AbortController();
    const cancelling: DiffSink = { ...recordingSink(calls, true), change: (c) => void (calls.push(`change ${c.prop_id}`), cancelled.abort()) };
    const failure = await diffStored({ columns: COLUMNS, rows: parcels([1, 2, 3]) }, { columns: COLUMNS, rows: [] }, { sinks: [cancelling], signal: cancelled.signal }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(QueryCancelledError);
    expect(calls).toEqual(['begin', 'change 1', 'abort']);
  });

  it('stops at a cancelled request even when no row differs', async () => {
    const calls: string[] = [];
    const cancelled = new AbortController();
    cancelled.abort();
    const failure = await diffStored({ columns: COLUMNS, rows: parcels([1, 2]) }, { columns: COLUMNS, rows: parcels([1, 2]) }, { sinks: [recordingSink(calls, true)], signal: cancelled.signal }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(QueryCancelledError);
    expect(calls).toEqual(['begin', 'abort']);
  });

  it('closes both readers when it finishes', async () => {
    const opened: SqliteDb[] = [];
    const open = SqliteDb.open.bind(SqliteDb);
    vi.spyOn(SqliteDb, 'open').mockImplementation(async (file, options) => {
      const db = await open(file, options);
      if (options?.readOnly) opened.push(db);
      return db;
    });
    const calls: string[] = [];
    await diffStored({ columns: COLUMNS, rows: parcels([1, 2]) }, { columns: COLUMNS, rows: parcels([2, 3]) }, { sinks: [recordingSink(calls, true)] });
    expect(calls).toEqual(['begin', 'change 1', 'change 3', 'end']);
    expect(opened).toHaveLength(2);
    for (const db of opened) await expect(db.all('SELECT 1')).rejects.toThrow(/closed/i);
  });
});

describe('a keyed diff across the change to row hashes', () => {
  it('compares a snapshot stored without row hashes with one stored with them by their texts', async () => {
    const s = await openSnapshotStore();
    try {
      const before = await s.add({ columns: COLUMNS, rows: parcels([1, 2, 3]), without_row_hashes: true });
      const after = await s.add({ columns: COLUMNS, rows: parcels([1, 2, 3, 4], (id) => (id === 2 ? 21 : id * 10)) });
      for (const [a, b, expected] of [
        [before, after, [['changed', 2], ['added', 4]]],
        [after, before, [['changed', 2], ['removed', 4]]],
      ] as const) {
        const collect = new CollectSink(100);
        const result = await diffSnapshots(s.store, a.snapshot_id, b.snapshot_id, {}, [collect]);
        expect(collect.changes.map((c) => [c.change, c.prop_id])).toEqual(expected);
        expect(result.summary.unchanged).toBe(2);
      }
    } finally {
      await s.close();
    }
  });
});

describe('a keyed diff across the change to row hashes, page by page', () => {
  it('compares an unhashed and a hashed snapshot by their texts across page boundaries at different keys', async () => {
    const s = await openSnapshotStore();
    try {
      const ids = Array.from({ length: HASHED_PAGE_SIZE + 10 }, (_, i) => 1000 + i);
      const edge = ids[HASHED_PAGE_SIZE - 1];
      const before = await s.add({ columns: COLUMNS, rows: parcels(ids), without_row_hashes: true });
      // Two rows more at the start of the newer snapshot: its first page ends two rows earlier.
      const after = await s.add({ columns: COLUMNS, rows: parcels([1, 2, ...ids], (id) => (id === edge ? 1 : id * 10)) });
      for (const [a, b, expected] of [
        [before, after, [['added', 1], ['added', 2], ['changed', edge]]],
        [after, before, [['removed', 1], ['removed', 2], ['changed', edge]]],
      ] as const) {
        const collect = new CollectSink(100);
        const result = await diffSnapshots(s.store, a.snapshot_id, b.snapshot_id, {}, [collect]);
        expect(collect.changes.map((c) => [c.change, c.prop_id])).toEqual(expected);
        expect(result.summary.unchanged).toBe(ids.length - 1);
      }
    } finally {
      await s.close();
    }
  });
});

describe('the row texts a keyed diff reads', () => {
  /** The keys (prop_id) whose texts were read of each snapshot, by snapshot id. */
  function textsRead(): Map<string, number[]> {
    const read = new Map<string, number[]>();
    const all = SqliteDb.prototype.all;
    vi.spyOn(SqliteDb.prototype, 'all').mockImplementation(function (this: SqliteDb, sql, params) {
      if (/json_each/.test(sql)) {
        const id = String(params![0]);
        read.set(id, [...(read.get(id) ?? []), ...(JSON.parse(String(params![1])) as [number][]).map(([prop_id]) => prop_id)]);
      }
      return all.call(this, sql, params) as never;
    });
    return read;
  }

  it('reads the texts of removed, added and changed rows only, not of rows whose hashes match', async () => {
    const s = await openSnapshotStore();
    try {
      const a = await s.add({ columns: COLUMNS, rows: parcels([1, 2, 3, 4, 5, 6]) });
      const b = await s.add({ columns: COLUMNS, rows: parcels([1, 2, 3, 5, 6, 7], (id) => (id === 2 ? 21 : id * 10)) });
      const read = textsRead();
      const result = await diffSnapshots(s.store, a.snapshot_id, b.snapshot_id, {}, [new CollectSink(100)]);
      expect(result.summary).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 4 });
      expect(Object.fromEntries(read)).toEqual({ [a.snapshot_id]: [2, 4], [b.snapshot_id]: [2, 7] });
    } finally {
      await s.close();
    }
  });

  it('reads no row text at all for two snapshots with the same rows', async () => {
    const s = await openSnapshotStore();
    try {
      const a = await s.add({ columns: COLUMNS, rows: parcels([1, 2, 3]) });
      const b = await s.add({ columns: COLUMNS, rows: parcels([1, 2, 3]) });
      const read = textsRead();
      const result = await diffSnapshots(s.store, a.snapshot_id, b.snapshot_id, {}, [new CollectSink(100)]);
      expect(result.summary).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 3 });
      expect(read.size).toBe(0);
    } finally {
      await s.close();
    }
  });

  it('reads no text again for rows stored without a hash, which come with theirs', async () => {
    const s = await openSnapshotStore();
    try {
      const a = await s.add({ columns: COLUMNS, rows: parcels([1, 2, 3]), without_row_hashes: true });
      const b = await s.add({ columns: COLUMNS, rows: parcels([2, 3, 4], (id) => (id === 3 ? 31 : id * 10)), without_row_hashes: true });
      const read = textsRead();
      const result = await diffSnapshots(s.store, a.snapshot_id, b.snapshot_id, {}, [new CollectSink(100)]);
      expect(result.summary).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1 });
      expect(read.size).toBe(0);
    } finally {
      await s.close();
    }
  });
});
