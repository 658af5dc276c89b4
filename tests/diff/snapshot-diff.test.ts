import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollectSink } from '../../mcp/diff/collect-sink.js';
import type { DiffChange, DiffFilters, FieldChange } from '../../mcp/diff/diff-types.js';
import { SnapshotShapeError } from '../../mcp/diff/diff-types.js';
import { reportSinkFor } from '../../mcp/diff/report-sinks.js';
import { diffSnapshots } from '../../mcp/diff/snapshot-diff.js';
import { exportSnapshot, type SnapshotRequest } from '../../mcp/snapshots/export-snapshot.js';
import type { SnapshotMeta } from '../../mcp/snapshots/snapshot-types.js';
import { UnknownSnapshotError } from '../../mcp/snapshots/snapshot-types.js';
import { TIMELINE_COLUMNS } from '../../mcp/snapshots/timeline-columns.js';
import { openTestEngine, runOn, type TestEngine } from '../helpers/test-engine.js';

let t: TestEngine;
let changedFile: string;
let year: number;
let base: SnapshotMeta;
let target: SnapshotMeta;

/** The official layer of a year: the highest accepted supplement layer (PACS's prop_accepted_supp_assoc_vw). */
const OFFICIAL = `pv.sup_num = (SELECT MAX(l.sup_num) FROM property_val l
    LEFT JOIN supplement s ON s.sup_tax_yr = l.prop_val_yr AND s.sup_num = l.sup_num LEFT JOIN sup_group g ON g.sup_group_id = s.sup_group_id
   WHERE l.prop_val_yr = pv.prop_val_yr AND l.prop_id = pv.prop_id AND (g.status_cd IS NULL OR g.status_cd IN ('A', 'BC')))`;

interface ValueEdit {
  prop_id: number;
  year: number;
  sup_num: number;
  fields: Record<string, [number, number]>;
}
const valueEdits: ValueEdit[] = [];
const textEdits: { prop_id: number; year: number; sup_num: number; old: string; new: string }[] = [];
const removed: { prop_id: number; year: number }[] = [];
const added = [
  { prop_id: 99_000_001, year: 0 },
  { prop_id: 99_000_001, year: 0 },
];

const take = (connection: string, request: Partial<SnapshotRequest> = {}) =>
  exportSnapshot(t.engine, { connectionId: connection, name: connection, content: 'parcel_timeline', maskingPolicy: 'qa', selection: { query: 'SELECT prop_id FROM property' }, ...request }).then((r) => r.snapshot);

async function diff(filters: DiffFilters = {}, ids = [base.snapshot_id, target.snapshot_id]) {
  const collect = new CollectSink(1_000_000);
  const result = await diffSnapshots(t.engine.store, ids[0], ids[1], filters, [collect]);
  return { result, changes: collect.changes };
}

/** A copy of the demo database registered as connection `id`, for a test to change on its own. */
async function demoCopy(id: string): Promise<string> {
  const file = path.join(t.dir, `${id}.sqlite`);
  fs.copyFileSync(t.demoFile, file);
  await t.engine.connections.upsert({ id, kind: 'sqlite', role: 'training', description: `demo copy for ${id}`, config: { file } });
  return file;
}

function expectedField(field: string, [o, n]: [number, number]): FieldChange {
  const delta = n - o;
  return { field, old: o, new: n, delta, pct_change: o === 0 ? null : Math.round((delta / Math.abs(o)) * 10_000) / 100 };
}

beforeAll(async () => {
  t = await openTestEngine();
  [{ appr_yr: year }] = await t.demo<{ appr_yr: number }>('SELECT MAX(appr_yr) AS appr_yr FROM pacs_system');
  added[0].year = year - 1;
  added[1].year = year;
  changedFile = path.join(t.dir, 'demo-changed.sqlite');
  fs.copyFileSync(t.demoFile, changedFile);
  await t.engine.connections.upsert({ id: 'demo_changed', kind: 'sqlite', role: 'training', description: 'demo with hand-made changes', config: { file: changedFile } });

  const rows = await runOn<{ prop_id: number; year: number; sup_num: number; market: number; assessed_val: number; legal_desc: string }>(
    changedFile,
    `SELECT pv.prop_id, pv.prop_val_yr AS year, pv.sup_num, pv.market, pv.assessed_val, pv.legal_desc FROM property_val pv
     WHERE pv.prop_val_yr IN (?, ?) AND pv.market > 1000 AND ${OFFICIAL} ORDER BY pv.prop_id, pv.prop_val_yr`,
    [year - 1, year],
  );
  // 30 value edits of three kinds, two of them touching assessed_val too.
  for (const [i, r] of rows.slice(0, 30).entries()) {
    const market = i % 3 === 0 ? r.market + Math.round(r.market * 0.05) : i % 3 === 1 ? r.market - Math.round(r.market * 0.3) : r.market + 100;
    const edit: ValueEdit = { prop_id: r.prop_id, year: r.year, sup_num: r.sup_num, fields: { value: [r.market, market], market: [r.market, market] } };
    if (i < 2) edit.fields.assessed_val = [r.assessed_val, r.assessed_val + 10];
    valueEdits.push(edit);
  }
  for (const r of rows.slice(40, 42)) textEdits.push({ prop_id: r.prop_id, year: r.year, sup_num: r.sup_num, old: r.legal_desc, new: `${r.legal_desc} (REVISED)` });
  for (const r of rows.slice(50, 53)) removed.push({ prop_id: r.prop_id, year: r.year });

  for (const e of valueEdits) {
    await runOn(changedFile, 'UPDATE property_val SET market = ? WHERE prop_id = ? AND prop_val_yr = ? AND sup_num = ?', [e.fields.market[1], e.prop_id, e.year, e.sup_num]);
    if (e.fields.assessed_val) await runOn(changedFile, 'UPDATE property_val SET assessed_val = ? WHERE prop_id = ? AND prop_val_yr = ? AND sup_num = ?', [e.fields.assessed_val[1], e.prop_id, e.year, e.sup_num]);
  }
  for (const e of textEdits) await runOn(changedFile, 'UPDATE property_val SET legal_desc = ? WHERE prop_id = ? AND prop_val_yr = ? AND sup_num = ?', [e.new, e.prop_id, e.year, e.sup_num]);
  for (const r of removed) {
    await runOn(changedFile, 'DELETE FROM property_val WHERE prop_id = ? AND prop_val_yr = ?', [r.prop_id, r.year]);
    await runOn(changedFile, 'DELETE FROM prop_supp_assoc WHERE prop_id = ? AND owner_tax_yr = ?', [r.prop_id, r.year]);
  }
  await runOn(changedFile, "INSERT INTO property (prop_id, prop_type_cd, geo_id) VALUES (99000001, 'R', 'NEW-0001')");
  for (const a of added) {
    await runOn(changedFile, `INSERT INTO property_val (prop_val_yr, sup_num, prop_id, land_hstd_val, land_non_hstd_val, imprv_hstd_val, imprv_non_hstd_val, ag_use_val, ag_market, market, appraised_val, ten_percent_cap, assessed_val, legal_desc, hood_cd)
      VALUES (?, 0, 99000001, 0, 50000, 0, 150000, 0, 0, 200000, 200000, 0, 200000, 'LOT 1 NEW ADDITION', 'NEW')`, [a.year]);
    await runOn(changedFile, 'INSERT INTO prop_supp_assoc (owner_tax_yr, sup_num, prop_id) VALUES (?, 0, 99000001)', [a.year]);
  }
  base = await take('demo');
  target = await take('demo_changed');
});
afterAll(() => t?.close());

describe('diff of two snapshots', () => {
  it('finds every hand-made change with its old → new values, deltas and percent change', async () => {
    const { result, changes } = await diff();
    expect(result.summary).toEqual({ added: 2, removed: 3, changed: valueEdits.length + textEdits.length, unchanged: base.row_count - valueEdits.length - textEdits.length - 3 });
    expect(result.reported).toBe(changes.length);
    expect(changes.length).toBe(2 + 3 + 32);
    // Key order, as a merge join produces it.
    const keys = changes.map((c) => [c.prop_id, c.year]);
    expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]));

    const byKey = new Map(changes.map((c) => [`${c.prop_id}|${c.year}`, c]));
    for (const e of valueEdits) {
      const c = byKey.get(`${e.prop_id}|${e.year}`) as Extract<DiffChange, { change: 'changed' }>;
      expect(c?.change, `${e.prop_id}/${e.year}`).toBe('changed');
      const expected = Object.entries(e.fields).map(([f, v]) => expectedField(f, v));
      expect(c.fields.sort((a, b) => a.field.localeCompare(b.field))).toEqual(expected.sort((a, b) => a.field.localeCompare(b.field)));
    }
    for (const e of textEdits) {
      const c = byKey.get(`${e.prop_id}|${e.year}`) as Extract<DiffChange, { change: 'changed' }>;
      expect(c.fields).toEqual([{ field: 'legal_desc', old: e.old, new: e.new, delta: null, pct_change: null }]);
    }
    for (const r of removed) {
      const c = byKey.get(`${r.prop_id}|${r.year}`) as Extract<DiffChange, { change: 'removed' }>;
      expect(c.change).toBe('removed');
      expect(Object.keys(c.values)).toEqual([...TIMELINE_COLUMNS]);
      expect(c.values.prop_id).toBe(r.prop_id);
    }
    for (const a of added) {
      const c = byKey.get(`${a.prop_id}|${a.year}`) as Extract<DiffChange, { change: 'added' }>;
      expect(c.change).toBe('added');
      expect(c.values).toMatchObject({ value: 200000, market: 200000, geo_id: 'NEW-0001', legal_desc: 'LOT 1 NEW ADDITION', owner_count: 0 });
    }
    // The -30% edits.
    expect(valueEdits.filter((_, i) => i % 3 === 1).every((e) => (byKey.get(`${e.prop_id}|${e.year}`) as Extract<DiffChange, { change: 'changed' }>).fields.find((f) => f.field === 'market')!.pct_change! <= -29.9)).toBe(true);
  });

  it('filters changed rows by percent, by amount, by both and by field; the summary still counts everything', async () => {
    const qualifies = (e: ValueEdit, test: (f: FieldChange) => boolean, fields?: string[]) =>
      Object.entries(e.fields).some(([name, v]) => (!fields || fields.includes(name)) && test(expectedField(name, v)));
    const cases: [DiffFilters, (e: ValueEdit) => boolean][] = [
      [{ min_pct_change: 10 }, (e) => qualifies(e, (f) => Math.abs(f.pct_change!) >= 10)],
      [{ min_abs_change: 1000 }, (e) => qualifies(e, (f) => Math.abs(f.delta!) >= 1000)],
      [{ min_pct_change: 4, min_abs_change: 5000 }, (e) => qualifies(e, (f) => Math.abs(f.pct_change!) >= 4 && Math.abs(f.delta!) >= 5000)],
      [{ min_abs_change: 1, fields: ['assessed_val'] }, (e) => qualifies(e, (f) => Math.abs(f.delta!) >= 1, ['assessed_val'])],
    ];
    for (const [filters, keep] of cases) {
      const { result, changes } = await diff(filters);
      const expectedChanged = valueEdits.filter(keep).length;
      expect(result.summary.changed, JSON.stringify(filters)).toBe(32);
      expect(changes.filter((c) => c.change === 'changed').length, JSON.stringify(filters)).toBe(expectedChanged);
      expect(result.filtered_out, JSON.stringify(filters)).toBe(32 - expectedChanged);
      expect(changes.filter((c) => c.change !== 'changed').length).toBe(5);
    }
    expect(valueEdits.filter((e) => qualifies(e, (f) => Math.abs(f.pct_change!) >= 10)).length).toBe(10);
  });

  it('filters by kind, by key text and by changed field; filtered_out counts every change left out', async () => {
    const all = (await diff()).changes;
    const onlyChanged = await diff({ kinds: ['changed'] });
    expect(onlyChanged.changes.every((c) => c.change === 'changed')).toBe(true);
    expect(onlyChanged.changes).toHaveLength(32);
    expect(onlyChanged.result.filtered_out).toBe(5);
    const addedOrRemoved = await diff({ kinds: ['removed', 'added'] });
    expect(addedOrRemoved.changes.map((c) => c.change).sort()).toEqual(['added', 'added', 'removed', 'removed', 'removed']);

    const propId = valueEdits[0].prop_id;
    const byKey = await diff({ key_contains: ` ${propId} ` });
    expect(byKey.changes.length).toBeGreaterThan(0);
    expect(byKey.changes.every((c) => String(c.prop_id).includes(String(propId)))).toBe(true);
    expect(byKey.result.reported + byKey.result.filtered_out).toBe(all.length);

    // fields alone: only changed rows where one of them changed (added and removed rows stay).
    const legal = await diff({ fields: ['legal_desc'] });
    expect(legal.changes.filter((c) => c.change === 'changed').map((c) => [c.prop_id, c.year])).toEqual(textEdits.map((e) => [e.prop_id, e.year]).sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    expect(legal.changes.filter((c) => c.change !== 'changed')).toHaveLength(5);

    await expect(diff({ kinds: [] })).rejects.toThrow(/kinds needs at least one/);
    await expect(diff({ kinds: ['moved' as 'added'] })).rejects.toThrow(/kinds takes added, removed, changed/);
  });

  it('writes the same diff as JSON, CSV and a self-contained HTML report', async () => {
    const dir = fs.mkdtempSync(path.join(t.dir, 'reports-'));
    const files = ['d.json', 'd.csv', 'd.html'].map((f) => path.join(dir, f));
    const { changes } = await diff();
    await diffSnapshots(t.engine.store, base.snapshot_id, target.snapshot_id, {}, files.map(reportSinkFor));
    expect(fs.readdirSync(dir).sort()).toEqual(['d.csv', 'd.html', 'd.json']);

    const json = JSON.parse(fs.readFileSync(files[0], 'utf8'));
    expect(json.format).toBe('pacs-mcp-snapshot-diff/1');
    expect(json.base.snapshot_id).toBe(base.snapshot_id);
    expect(json.changes).toEqual(JSON.parse(JSON.stringify(changes)));
    expect(json.result.summary).toEqual({ added: 2, removed: 3, changed: 32, unchanged: base.row_count - 35 });

    const csv = parseCsv(fs.readFileSync(files[1], 'utf8'), { columns: true }) as Record<string, string>[];
    const fieldLines = valueEdits.reduce((n, e) => n + Object.keys(e.fields).length, 0) + textEdits.length;
    const rowLines = 5 * (TIMELINE_COLUMNS.length - 2);
    expect(csv.length).toBe(fieldLines + rowLines);
    const e = valueEdits[1];
    expect(csv.find((r) => r.prop_id === String(e.prop_id) && r.year === String(e.year) && r.field === 'market')).toEqual({
      change: 'changed',
      prop_id: String(e.prop_id),
      year: String(e.year),
      field: 'market',
      old: String(e.fields.market[0]),
      new: String(e.fields.market[1]),
      delta: String(e.fields.market[1] - e.fields.market[0]),
      pct_change: String(expectedField('market', e.fields.market).pct_change),
    });

    const html = fs.readFileSync(files[2], 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toMatch(/content="default-src 'none'; style-src 'sha256-[A-Za-z0-9+\/=]+'; base-uri 'none'; form-action 'none'"/);
    expect(html).not.toMatch(/<script|<link|<img|src=|href=|@import|url\(/i);
    expect(html).toContain('<div class="card added"><b>2</b>added</div>');
    expect(html).toContain('<div class="card changed"><b>32</b>changed</div>');
    expect(html).toContain(textEdits[0].new.replace('(', '(')); // legal text shows up, escaped where needed
    expect(html.match(/<tr class="changed">/g)?.length).toBe(fieldLines);
  });

  it('escapes hostile text in the HTML report', async () => {
    const hostileFile = await demoCopy('demo_hostile');
    await runOn(hostileFile, `UPDATE property_val SET legal_desc = '<script>alert(1)</script> & "x"' WHERE prop_id = ? AND prop_val_yr = ?`, [textEdits[0].prop_id, textEdits[0].year]);
    const hostile = await take('demo_hostile', { selection: { prop_ids: [textEdits[0].prop_id] } });
    const plain = await take('demo', { selection: { prop_ids: [textEdits[0].prop_id] } });
    const file = path.join(t.dir, 'hostile.html');
    await diffSnapshots(t.engine.store, plain.snapshot_id, hostile.snapshot_id, {}, [reportSinkFor(file)]);
    const html = fs.readFileSync(file, 'utf8');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
  });

  it('matches query snapshots with the same columns in another order', async () => {
    const sql = (cols: string) => `SELECT ${cols} FROM property_val pv WHERE pv.prop_val_yr = ${year} AND ${OFFICIAL}`;
    const a = await take('demo', { content: 'query_rows', selection: { query: sql('pv.prop_id, pv.prop_val_yr AS year, pv.market, pv.assessed_val') } });
    const b = await take('demo_changed', { content: 'query_rows', selection: { query: sql('pv.assessed_val, pv.market, pv.prop_val_yr AS year, pv.prop_id') } });
    const { result, changes } = await diff({}, [a.snapshot_id, b.snapshot_id]);
    const thisYear = valueEdits.filter((e) => e.year === year);
    expect(result.summary.changed).toBe(thisYear.length);
    for (const e of thisYear) {
      const c = changes.find((x) => x.prop_id === e.prop_id) as Extract<DiffChange, { change: 'changed' }>;
      expect(c.fields.find((f) => f.field === 'market')).toEqual(expectedField('market', e.fields.market));
    }
  });

  it('refuses unknown ids, different shapes, different masking and bad filters with clear errors, and writes no report', async () => {
    const file = path.join(t.dir, 'never.json');
    await expect(diffSnapshots(t.engine.store, 'no-such-id', target.snapshot_id, {}, [reportSinkFor(file)])).rejects.toBeInstanceOf(UnknownSnapshotError);
    await expect(diff({}, [base.snapshot_id, 'nope'])).rejects.toThrow(/no snapshot "nope".*list_snapshots/);
    const query = await take('demo', { content: 'query_rows', selection: { query: `SELECT pv.prop_id, pv.prop_val_yr AS year, pv.market FROM property_val pv WHERE ${OFFICIAL}` } });
    const shape = await diff({}, [base.snapshot_id, query.snapshot_id]).catch((e: Error) => e);
    expect(shape).toBeInstanceOf(SnapshotShapeError);
    expect((shape as Error).message).toMatch(/different shapes: only the base has sup_num, layer, stands_for_year, value, prop_type_cd/);
    const keyed = await take('demo', { content: 'query_rows', keyColumns: ['sup_num'], selection: { query: `SELECT prop_id, prop_val_yr AS year, sup_num, market FROM property_val` } });
    await expect(diff({}, [query.snapshot_id, keyed.snapshot_id])).rejects.toThrow(/different keys/);
    const internal = await take('demo', { maskingPolicy: 'internal' });
    await expect(diff({}, [base.snapshot_id, internal.snapshot_id])).rejects.toThrow(/masked differently/);
    await expect(diff({ fields: ['no_such_field'] })).rejects.toThrow(/no_such_field/);
    await expect(diff({ min_pct_change: -1 })).rejects.toThrow(/min_pct_change/);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
  });

  it('reports a changed list field (the year\'s exemption codes) as a change', async () => {
    const listFile = await demoCopy('demo_list');
    const [exemption] = await runOn<{ prop_id: number; year: number; exmpt_type_cd: string; owner_id: number; sup_num: number }>(
      listFile,
      `SELECT pe.prop_id, pe.owner_tax_yr AS year, pe.exmpt_type_cd, pe.owner_id, pe.sup_num FROM property_exemption pe
         JOIN prop_supp_assoc psa ON psa.owner_tax_yr = pe.owner_tax_yr AND psa.sup_num = pe.sup_num AND psa.prop_id = pe.prop_id
        WHERE pe.exmpt_type_cd = 'EX' AND pe.owner_tax_yr = ? ORDER BY pe.prop_id LIMIT 1`,
      [year],
    );
    expect(exemption, 'a demo parcel with an EX exemption').toBeDefined();
    await runOn(listFile, "UPDATE property_exemption SET exmpt_type_cd = 'DOR' WHERE prop_id = ? AND owner_tax_yr = ? AND owner_id = ? AND sup_num = ? AND exmpt_type_cd = 'EX'", [exemption.prop_id, exemption.year, exemption.owner_id, exemption.sup_num]);
    const selection = { prop_ids: [exemption.prop_id] };
    const before = await take('demo', { selection });
    const after = await take('demo_list', { selection });
    const { result, changes } = await diff({}, [before.snapshot_id, after.snapshot_id]);
    expect(result.summary.changed).toBe(1);
    const [change] = changes as Extract<DiffChange, { change: 'changed' }>[];
    expect([change.prop_id, change.year]).toEqual([exemption.prop_id, exemption.year]);
    const codes = change.fields.find((f) => f.field === 'exemption_codes');
    expect(codes?.old).toContain('EX');
    expect(codes?.old).not.toContain('DOR');
    expect(codes?.new).toContain('DOR');
  });

  it('reports each removed row under its own key, not the next row\'s', async () => {
    const removedFile = await demoCopy('demo_removed');
    const rows = await runOn<{ prop_id: number; sup_num: number }>(removedFile, 'SELECT prop_id, sup_num FROM property_val WHERE prop_val_yr = ? ORDER BY prop_id, sup_num LIMIT 5', [year]);
    const gone = rows[2];
    await runOn(removedFile, 'DELETE FROM property_val WHERE prop_id = ? AND prop_val_yr = ? AND sup_num = ?', [gone.prop_id, year, gone.sup_num]);
    const query = `SELECT prop_id, prop_val_yr AS year, sup_num, market FROM property_val WHERE prop_val_yr = ${year} AND prop_id <= ${rows[4].prop_id}`;
    const a = await take('demo', { content: 'query_rows', keyColumns: ['sup_num'], selection: { query } });
    const b = await take('demo_removed', { content: 'query_rows', keyColumns: ['sup_num'], selection: { query } });
    const { result, changes } = await diff({}, [a.snapshot_id, b.snapshot_id]);
    expect(result.summary).toMatchObject({ removed: 1, added: 0, changed: 0 });
    expect(changes).toEqual([{ change: 'removed', prop_id: gone.prop_id, year, key: { sup_num: gone.sup_num }, values: { prop_id: gone.prop_id, year, sup_num: gone.sup_num, market: expect.any(Number) } }]);
    // And the other way round, the same row is added under its own key.
    const back = await diff({}, [b.snapshot_id, a.snapshot_id]);
    expect(back.changes).toEqual([{ change: 'added', prop_id: gone.prop_id, year, key: { sup_num: gone.sup_num }, values: expect.objectContaining({ sup_num: gone.sup_num }) }]);
  });

  it('diffs a snapshot against itself as all unchanged', async () => {
    const { result } = await diff({}, [base.snapshot_id, base.snapshot_id]);
    expect(result.summary).toEqual({ added: 0, removed: 0, changed: 0, unchanged: base.row_count });
  });
});
