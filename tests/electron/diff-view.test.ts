import { describe, expect, it } from 'vitest';
import { snapshotsDiffRows } from '../../electron/api/schemas/snapshots.js';
import { exportDiff } from '../../electron/services/diff-export.js';
import type { ComputedDiff, DiffRow } from '../../electron/services/diff-store.js';
import { DiffStore, extendView } from '../../electron/services/diff-store.js';
import { chartField, deltaHistogram, filterDiffRows } from '../../electron/services/diff-view.js';
import { csvCell } from '../../electron/services/export-format.js';

const snap = (id: string, name: string) => ({ snapshot_id: id, name, connection_id: 'demo', created_by: 'qa', created_at: '2026-01-01T00:00:00Z', row_count: 3, sha256: 'a'.repeat(64), masking_policy: 'qa' });
const changed = (key: string, market: [number, number], land: [number, number] = [5, 5]): DiffRow => ({
  kind: 'changed',
  key,
  fields: [
    { field: 'market', old: market[0], new: market[1], delta: market[1] - market[0], pct: ((market[1] - market[0]) / market[0]) * 100, changed: market[0] !== market[1] },
    { field: 'land_hstd_val', old: land[0], new: land[1], delta: land[1] - land[0], pct: 0, changed: land[0] !== land[1] },
  ],
});
const rows: DiffRow[] = [
  changed('1|2025', [100_000, 110_000]),
  changed('2|2025', [200_000, 199_000]),
  changed('3|2025', [50_000, 50_000], [10, 20]),
  { kind: 'added', key: '4|2025', fields: [{ field: 'market', old: null, new: '=HYPERLINK("x")', delta: null, pct: null, changed: true }] },
  { kind: 'removed', key: '5|2025', fields: [{ field: 'market', old: 7, new: null, delta: null, pct: null, changed: true }] },
];
const diff: ComputedDiff = {
  base: snap('b', 'before'),
  target: snap('t', 'after'),
  summary: { added: 1, removed: 1, changed: 3, unchanged: 9 },
  key_columns: ['prop_id', 'year'],
  fields: ['market', 'land_hstd_val'],
  rows,
  elapsed_ms: 1,
  complete: true,
  error: null,
  done: Promise.resolve(),
  rowsReady: () => Promise.resolve(),
};

describe('diff filters', () => {
  it('filters by kind, key, field, dollar and percent change', () => {
    expect(filterDiffRows(rows, { kinds: ['added', 'removed', 'changed'] })).toHaveLength(5);
    expect(filterDiffRows(rows, { kinds: ['added'] }).map((r) => r.key)).toEqual(['4|2025']);
    expect(filterDiffRows(rows, { kinds: ['changed'], min_abs_delta: 5_000 }).map((r) => r.key)).toEqual(['1|2025']);
    expect(filterDiffRows(rows, { kinds: ['changed'], min_pct: 0.4 }).map((r) => r.key)).toEqual(['1|2025', '2|2025']);
    expect(filterDiffRows(rows, { kinds: ['changed'], field: 'land_hstd_val' }).map((r) => r.key)).toEqual(['3|2025']);
    expect(filterDiffRows(rows, { kinds: ['added', 'removed', 'changed'], key_contains: '2|' }).map((r) => r.key)).toEqual(['2|2025']);
  });

  it('charts the market deltas in readable buckets that hold every change', () => {
    expect(chartField(diff, rows)).toBe('market');
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
    const growing: ComputedDiff = { ...diff, rows: rows.slice(0, 2), complete: false, summary: { ...diff.summary, unchanged: null } };
    expect(store.computedFor('b', 't', () => (started++, growing))).toBe(growing);
    expect(store.computedFor('b', 't', () => (started++, diff))).toBe(growing);
    expect(started).toBe(1);
    const { id, view } = store.addView(growing, { kinds: ['changed'] }, filterDiffRows);
    expect(view.rows.map((r) => r.key)).toEqual(['1|2025', '2|2025']);
    growing.rows.push(...rows.slice(2));
    expect(extendView(store.view(id), filterDiffRows).rows.map((r) => r.key)).toEqual(['1|2025', '2|2025', '3|2025']);
    expect(() => store.view('gone')).toThrow(/run the comparison again/);
    expect(snapshotsDiffRows.input.safeParse({ diff_id: id, offset: 0, limit: 100_000 }).success).toBe(false);
  });

  it('exports CSV safe for spreadsheets, JSON, and an escaped HTML report', () => {
    const view = { diff, filters: { kinds: ['added', 'removed', 'changed'] as ('added' | 'removed' | 'changed')[] }, rows, scanned: rows.length };
    const csv = exportDiff(view, 'csv');
    expect(csv.file_name).toBe('pacs-diff-before-vs-after.csv');
    expect(csv.content).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv.content.split('\r\n')[0]).toBe('kind,key,field,old,new,delta,pct');
    expect(JSON.parse(exportDiff(view, 'json').content).changes).toHaveLength(5);
    const html = exportDiff(view, 'html').content;
    expect(html).toContain('=HYPERLINK(&quot;x&quot;)');
    expect(html).not.toMatch(/<script/i);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});
