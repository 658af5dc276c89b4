import { describe, expect, it } from 'vitest';
import { snapshotsDiff, snapshotsDiffRows } from '../../electron/api/schemas/snapshots.js';
import type { ComputedDiff } from '../../electron/services/diff-store.js';
import { DiffStore, extendView } from '../../electron/services/diff-store.js';
import { chartField, deltaHistogram, screenRow } from '../../electron/services/diff-view.js';
import type { DiffChange, FieldChange } from '../../mcp/diff/diff-types.js';
import { fieldChange } from '../../mcp/diff/field-compare.js';
import type { SnapshotMeta } from '../../mcp/snapshots/snapshot-types.js';

const snap = (id: string, name: string): SnapshotMeta => ({
  snapshot_id: id,
  name,
  content: 'parcel_timeline',
  source_connection_id: 'demo',
  selection: { prop_ids: [1, 2, 3, 4, 5] },
  from_year: null,
  to_year: null,
  columns: ['prop_id', 'year', 'market', 'land_hstd_val', 'legal_desc'],
  key_columns: ['prop_id', 'year'],
  masking_policy: 'qa',
  masking_key_id: 'k',
  created_by: 'qa',
  client_name: null,
  created_at: '2026-01-01T00:00:00Z',
  row_count: 5,
  sha256: 'a'.repeat(64),
  origin_install_id: 'i',
  training_copy_connection_id: null,
});
const changed = (propId: number, ...fields: FieldChange[]): DiffChange => ({ change: 'changed', prop_id: propId, year: 2025, key: {}, fields });
const rows: DiffChange[] = [
  changed(1, fieldChange('market', 100_000, 110_000)),
  changed(2, fieldChange('market', 200_000, 199_000)),
  changed(3, fieldChange('land_hstd_val', 10, 20)),
  { change: 'added', prop_id: 4, year: 2025, key: {}, values: { prop_id: 4, year: 2025, market: 7, land_hstd_val: 1, legal_desc: '=HYPERLINK("x")' } },
  { change: 'removed', prop_id: 5, year: 2025, key: {}, values: { prop_id: 5, year: 2025, market: 9, land_hstd_val: 2, legal_desc: 'LOT 5' } },
];
const diff: ComputedDiff = {
  base: snap('b', 'before'),
  target: snap('t', 'after'),
  summary: { added: 1, removed: 1, changed: 3, unchanged: 9 },
  key_columns: ['prop_id', 'year'],
  fields: ['market', 'land_hstd_val'],
  changes: rows,
  elapsed_ms: 1,
  complete: true,
  error: null,
  done: Promise.resolve(),
  rowsReady: () => Promise.resolve(),
};

describe('the diff screen over the engine’s changes', () => {
  it('filters with the engine’s vocabulary: kinds, key text, fields, dollar and percent change', () => {
    const store = new DiffStore();
    const keys = (filters: Parameters<DiffStore['addView']>[1]) => store.addView(diff, filters).view.rows.map((r) => r.prop_id);
    expect(keys({})).toEqual([1, 2, 3, 4, 5]);
    expect(keys({ kinds: ['added'] })).toEqual([4]);
    expect(keys({ kinds: ['changed'], min_abs_change: 5_000 })).toEqual([1]);
    expect(keys({ kinds: ['changed'], min_pct_change: 0.4 })).toEqual([1, 2, 3]);
    expect(keys({ kinds: ['changed'], fields: ['land_hstd_val'] })).toEqual([3]);
    // Added and removed rows are listed unless kinds leaves them out, thresholds or not (as diff_snapshots does).
    expect(keys({ min_abs_change: 5_000 })).toEqual([1, 4, 5]);
    expect(keys({ key_contains: ' 3 ' })).toEqual([3]);
    // The old screen-only names are refused, not silently ignored.
    expect(snapshotsDiff.input.safeParse({ base_snapshot_id: 'b', target_snapshot_id: 't', filters: { min_pct: 5 } }).success).toBe(false);
    expect(snapshotsDiff.input.safeParse({ base_snapshot_id: 'b', target_snapshot_id: 't', filters: { kinds: [] } }).success).toBe(false);
  });

  it('shows a changed row with its changed fields and an added or removed row with every value on its side', () => {
    expect(screenRow(rows[0], diff.key_columns)).toEqual({ kind: 'changed', key: '1 · 2025', fields: [{ field: 'market', old: 100_000, new: 110_000, delta: 10_000, pct: 10, changed: true }] });
    expect(screenRow(rows[3], diff.key_columns).fields).toEqual([
      { field: 'market', old: null, new: 7, delta: null, pct: null, changed: true },
      { field: 'land_hstd_val', old: null, new: 1, delta: null, pct: null, changed: true },
      { field: 'legal_desc', old: null, new: '=HYPERLINK("x")', delta: null, pct: null, changed: true },
    ]);
    expect(screenRow(rows[4], diff.key_columns)).toMatchObject({ kind: 'removed', key: '5 · 2025', fields: expect.arrayContaining([{ field: 'legal_desc', old: 'LOT 5', new: null, delta: null, pct: null, changed: true }]) });
  });

  it('charts the market deltas in readable buckets that hold every change', () => {
    expect(chartField(diff, rows)).toBe('market');
    expect(chartField(diff, rows, 'land_hstd_val')).toBe('land_hstd_val');
    const buckets = deltaHistogram(rows, 'market');
    expect(buckets.reduce((s, b) => s + b.count, 0)).toBe(2);
    expect(buckets[0].from).toBeLessThanOrEqual(-1_000);
    expect(buckets[buckets.length - 1].to).toBeGreaterThanOrEqual(10_000);
    expect(deltaHistogram(rows, null)).toEqual([]);
    const same = deltaHistogram(rows.slice(0, 1), 'market');
    expect(same).toEqual([{ from: 9_500, to: 10_500, count: 1 }]);
  });

  it('shares one diff per snapshot pair, and a view follows a diff that is still growing', async () => {
    const store = new DiffStore();
    let started = 0;
    const growing: ComputedDiff = { ...diff, changes: rows.slice(0, 2), complete: false, summary: { ...diff.summary, unchanged: null } };
    expect(store.computedFor('b', 't', () => (started++, growing))).toBe(growing);
    expect(store.computedFor('b', 't', () => (started++, diff))).toBe(growing);
    expect(started).toBe(1);
    const { id, view } = store.addView(growing, { kinds: ['changed'] });
    expect(view.rows.map((r) => r.prop_id)).toEqual([1, 2]);
    growing.changes.push(...rows.slice(2));
    expect(extendView(store.view(id)).rows.map((r) => r.prop_id)).toEqual([1, 2, 3]);
    expect(() => store.view('gone')).toThrow(/run the comparison again/);
    expect(snapshotsDiffRows.input.safeParse({ diff_id: id, offset: 0, limit: 100_000 }).success).toBe(false);
  });
});
