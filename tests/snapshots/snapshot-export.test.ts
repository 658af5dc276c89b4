import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProductionReadOnlyError } from '../../mcp/connections/connection-types.js';
import { ReadOnlyViolation } from '../../mcp/guard/read-only-guard.js';
import { MaskingRefusal } from '../../mcp/masking/row-masker.js';
import { exportSnapshot, SnapshotRequestError, type SnapshotRequest } from '../../mcp/snapshots/export-snapshot.js';
import { EmptySelectionError } from '../../mcp/snapshots/parcel-selection.js';
import { writeSnapshotFile } from '../../mcp/snapshots/snapshot-file-export.js';
import { DuplicateKeyError } from '../../mcp/snapshots/snapshot-staging.js';
import { getSnapshot, verifyStoredSnapshot } from '../../mcp/snapshots/snapshot-store.js';
import { rowHash } from '../../mcp/snapshots/row-hash.js';
import { TIMELINE_COLUMNS } from '../../mcp/snapshots/timeline-columns.js';
import { filesUnder, openTestEngine, runOn, type TestEngine } from '../helpers/test-engine.js';

let t: TestEngine;
let currentYear: number;

const take = (request: Partial<SnapshotRequest> & Pick<SnapshotRequest, 'selection'>) =>
  exportSnapshot(t.engine, { name: 'test', content: 'parcel_timeline', maskingPolicy: 'qa', ...request });

async function storedRows(snapshotId: string) {
  const rows = await t.engine.store.all<{ prop_id: number; year: number; key_extra: string; row_json: string; row_hash: Buffer | null }>(
    'SELECT prop_id, year, key_extra, row_json, row_hash FROM snapshot_rows WHERE snapshot_id = ? ORDER BY prop_id, year, key_extra',
    [snapshotId],
  );
  return rows.map((r) => ({ ...r, values: JSON.parse(r.row_json) as unknown[] }));
}

async function counts() {
  const [s] = await t.engine.store.all<{ n: number }>('SELECT COUNT(*) AS n FROM snapshots');
  const [r] = await t.engine.store.all<{ n: number }>('SELECT COUNT(*) AS n FROM snapshot_rows');
  const tmp = path.join(t.dir, 'tmp');
  return { snapshots: s.n, rows: r.n, staging: fs.existsSync(tmp) ? filesUnder(tmp).filter((f) => path.basename(f).startsWith('snapshot-')).length : 0 };
}

beforeAll(async () => {
  t = await openTestEngine();
  [{ appr_yr: currentYear }] = await t.demo<{ appr_yr: number }>('SELECT MAX(appr_yr) AS appr_yr FROM pacs_system');
});
afterAll(() => t?.close());

describe('parcel timeline snapshots', () => {
  it('stores the official (accepted) layer of each year with its value components, keyed and hashed', async () => {
    // The first parcels, and some whose current layer of last year is a supplement still in coding.
    const ids = (await t.demo<{ prop_id: number }>('SELECT prop_id FROM property ORDER BY prop_id LIMIT 12')).map((r) => r.prop_id);
    ids.push(...(await t.demo<{ prop_id: number }>('SELECT prop_id FROM prop_supp_assoc WHERE owner_tax_yr = ? AND sup_num = 2 AND prop_id > ? LIMIT 3', [currentYear - 1, ids[11]])).map((r) => r.prop_id));
    const result = await take({ name: 'twelve parcels', selection: { prop_ids: ids }, fromYear: currentYear - 2, toYear: currentYear });
    const meta = result.snapshot;
    // The accepted layer as PACS's prop_accepted_supp_assoc_vw computes it: the highest sup_num whose group is accepted (or that has none).
    const official = await t.demo<Record<string, number>>(
      `SELECT pv.* FROM property_val pv
       WHERE pv.prop_id IN (${ids.join(',')}) AND pv.prop_val_yr BETWEEN ? AND ?
         AND pv.sup_num = (SELECT MAX(l.sup_num) FROM property_val l
                            LEFT JOIN supplement s ON s.sup_tax_yr = l.prop_val_yr AND s.sup_num = l.sup_num LEFT JOIN sup_group g ON g.sup_group_id = s.sup_group_id
                           WHERE l.prop_val_yr = pv.prop_val_yr AND l.prop_id = pv.prop_id AND (g.status_cd IS NULL OR g.status_cd IN ('A', 'BC')))
       ORDER BY pv.prop_id, pv.prop_val_yr`,
      [currentYear - 2, currentYear],
    );
    const inCoding = await t.demo('SELECT 1 FROM prop_supp_assoc WHERE owner_tax_yr = ? AND sup_num = 2 AND prop_id IN (' + ids.join(',') + ')', [currentYear - 1]);
    expect(inCoding.length).toBeGreaterThan(0);
    expect(meta).toMatchObject({ name: 'twelve parcels', content: 'parcel_timeline', source_connection_id: 'demo', masking_policy: 'qa', from_year: currentYear - 2, to_year: currentYear });
    expect(meta.row_count).toBe(official.length);
    expect(meta.columns).toEqual([...TIMELINE_COLUMNS]);
    expect(meta.key_columns).toEqual(['prop_id', 'year']);
    expect(meta.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(meta.created_by.length).toBeGreaterThan(0);

    const rows = await storedRows(meta.snapshot_id);
    expect(rows.map((r) => [r.prop_id, r.year])).toEqual(official.map((o) => [o.prop_id, o.prop_val_yr]));
    const col = (name: string) => meta.columns.indexOf(name);
    rows.forEach((r, i) => {
      for (const c of ['sup_num', 'land_hstd_val', 'land_non_hstd_val', 'imprv_hstd_val', 'imprv_non_hstd_val', 'ag_use_val', 'ag_market', 'market', 'appraised_val', 'ten_percent_cap', 'assessed_val']) {
        expect(r.values[col(c)], `${c} of ${r.prop_id}/${r.year}`).toBe(official[i][c]);
      }
      expect(r.values[col('value')]).toBe(official[i].market);
      expect(r.values[col('layer')]).toBe('official');
      expect(r.values[col('stands_for_year')]).toBe(r.year);
      expect(r.row_hash, 'the stored hash of the row\'s text').toEqual(rowHash(r.row_json));
    });
    expect((await verifyStoredSnapshot(t.engine.store, meta)).ok).toBe(true);
    expect(await getSnapshot(t.engine.store, meta.snapshot_id)).toEqual(meta);
  });

  it('keeps the future-year layer apart: year 0, labelled future, with the year it stands for, and only when that year is asked for', async () => {
    const ids = (await t.demo<{ prop_id: number }>('SELECT prop_id FROM prop_supp_assoc WHERE owner_tax_yr = 0 ORDER BY prop_id LIMIT 3')).map((r) => r.prop_id);
    expect(ids).toHaveLength(3);
    const [{ future_yr }] = await t.demo<{ future_yr: number }>('SELECT future_yr FROM pacs_system');
    const all = (await take({ name: 'with future', selection: { prop_ids: ids } })).snapshot;
    const rows = await storedRows(all.snapshot_id);
    const col = (name: string) => all.columns.indexOf(name);
    const future = rows.filter((r) => r.values[col('layer')] === 'future');
    expect(future.map((r) => [r.prop_id, r.year, r.values[col('stands_for_year')]])).toEqual(ids.map((id) => [id, 0, future_yr]));
    expect(rows.filter((r) => r.year === 0)).toHaveLength(3);
    const past = (await take({ name: 'past only', selection: { prop_ids: ids }, toYear: currentYear })).snapshot;
    expect((await storedRows(past.snapshot_id)).some((r) => r.year === 0)).toBe(false);
  });

  it('gives the same content and sha256 when nothing changed, under a new id', async () => {
    const a = await take({ name: 'a', selection: { query: 'SELECT prop_id FROM property WHERE prop_id % 7 = 0' } });
    const b = await take({ name: 'b', selection: { query: 'SELECT prop_id FROM property WHERE prop_id % 7 = 0' } });
    expect(b.snapshot.snapshot_id).not.toBe(a.snapshot.snapshot_id);
    expect(b.snapshot.sha256).toBe(a.snapshot.sha256);
    expect(b.snapshot.row_count).toBe(a.snapshot.row_count);
  });

  it('selects by search like search_parcels, and by query', async () => {
    const [{ hood_cd }] = await t.demo<{ hood_cd: string }>('SELECT hood_cd FROM property_val WHERE prop_val_yr = ? GROUP BY hood_cd ORDER BY COUNT(*) DESC LIMIT 1', [currentYear]);
    const inHood = await t.demo<{ prop_id: number }>(
      `SELECT DISTINCT pv.prop_id FROM property_val pv JOIN prop_supp_assoc psa ON psa.owner_tax_yr = pv.prop_val_yr AND psa.sup_num = pv.sup_num AND psa.prop_id = pv.prop_id
       WHERE pv.prop_val_yr = ? AND pv.hood_cd = ?`,
      [currentYear, hood_cd],
    );
    const bySearch = await take({ selection: { search: { hood_cd }, max_parcels: 5_000 }, fromYear: currentYear, toYear: currentYear });
    expect(bySearch.snapshot.row_count).toBe(inHood.length);
    await expect(take({ selection: { search: { hood_cd }, max_parcels: 2 } })).rejects.toThrow(/more than 2 parcels/);

    const byQuery = await take({ selection: { query: `SELECT prop_id FROM property_val WHERE prop_val_yr = ${currentYear} AND hood_cd = '${hood_cd}'` }, fromYear: currentYear, toYear: currentYear });
    expect(byQuery.snapshot.sha256).toBe(bySearch.snapshot.sha256);
  });

  it('reports prop_ids with no values, and refuses an empty selection', async () => {
    const [{ prop_id }] = await t.demo<{ prop_id: number }>('SELECT MIN(prop_id) AS prop_id FROM property');
    const result = await take({ selection: { prop_ids: [prop_id, 999_999_001, 999_999_002] } });
    expect(result.missing_prop_ids).toEqual([999_999_001, 999_999_002]);
    expect(result.missing_count).toBe(2);
    const before = await counts();
    await expect(take({ selection: { prop_ids: [999_999_003] } })).rejects.toBeInstanceOf(EmptySelectionError);
    await expect(take({ selection: { query: 'SELECT prop_id FROM property WHERE 1 = 0' } })).rejects.toBeInstanceOf(EmptySelectionError);
    await expect(take({ selection: { prop_ids: [prop_id] }, fromYear: 2030, toYear: 2025 })).rejects.toBeInstanceOf(SnapshotRequestError);
    await expect(take({ name: '  ', selection: { prop_ids: [prop_id] } })).rejects.toThrow(/name/);
    expect(await counts()).toEqual(before);
  });

  it('runs a selection query through the read-only guard', async () => {
    const before = await counts();
    await expect(take({ selection: { query: 'DELETE FROM property' } })).rejects.toBeInstanceOf(ReadOnlyViolation);
    await expect(take({ selection: { query: 'SELECT prop_id FROM property; DROP TABLE property' } })).rejects.toBeInstanceOf(ReadOnlyViolation);
    expect((await t.demo<{ n: number }>('SELECT COUNT(*) AS n FROM property'))[0].n).toBe(300);
    expect(await counts()).toEqual(before);
  });
});

describe('query-row snapshots', () => {
  it('stores the rows of a query keyed by prop_id, year and the declared key columns', async () => {
    const sql = `SELECT pe.prop_id, pe.exmpt_tax_yr AS year, pe.sup_num, pe.owner_id, pe.exmpt_type_cd, pe.exemption_pct, pe.qualify_yr
      FROM property_exemption pe WHERE pe.exmpt_tax_yr >= ${currentYear - 1}`;
    const expected = await t.demo(sql);
    const result = await take({ content: 'query_rows', selection: { query: sql }, keyColumns: ['sup_num', 'owner_id', 'exmpt_type_cd'] });
    expect(result.snapshot.key_columns).toEqual(['prop_id', 'year', 'sup_num', 'owner_id', 'exmpt_type_cd']);
    expect(result.snapshot.columns).toEqual(['prop_id', 'year', 'sup_num', 'owner_id', 'exmpt_type_cd', 'exemption_pct', 'qualify_yr']);
    expect(result.snapshot.row_count).toBe(expected.length);
    const rows = await storedRows(result.snapshot.snapshot_id);
    expect(JSON.parse(rows[0].key_extra)).toEqual([rows[0].values[2], rows[0].values[3], rows[0].values[4]]);
  });

  it('refuses rows that are not unique by the key, and saves nothing', async () => {
    const before = await counts();
    const sql = 'SELECT pe.prop_id, pe.exmpt_tax_yr AS year, pe.exmpt_type_cd FROM property_exemption pe';
    const dupes = await t.demo(`SELECT prop_id, exmpt_tax_yr FROM property_exemption GROUP BY prop_id, exmpt_tax_yr HAVING COUNT(*) > 1 LIMIT 1`);
    expect(dupes.length).toBe(1);
    const err = await take({ content: 'query_rows', selection: { query: sql } }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(DuplicateKeyError);
    expect((err as Error).message).toMatch(/key_columns/);
    expect(await counts()).toEqual(before);
  });

  it('needs prop_id and year columns, and the key columns it was told about', async () => {
    await expect(take({ content: 'query_rows', selection: { query: 'SELECT prop_id FROM property' } })).rejects.toThrow(/year column/);
    await expect(take({ content: 'query_rows', selection: { query: 'SELECT prop_id, prop_val_yr AS year FROM property_val' }, keyColumns: ['sup_num'] })).rejects.toThrow(/sup_num/);
    await expect(take({ content: 'parcel_timeline', selection: { query: 'SELECT prop_id FROM property' }, keyColumns: ['x'] })).rejects.toBeInstanceOf(SnapshotRequestError);
  });

  it('refuses the internal policy when names come without the confidential flag', async () => {
    const sql = 'SELECT o.prop_id, o.owner_tax_yr AS year, o.owner_id, a.file_as_name FROM owner o JOIN account a ON a.acct_id = o.owner_id';
    await expect(take({ content: 'query_rows', selection: { query: sql }, keyColumns: ['owner_id'], maskingPolicy: 'internal' })).rejects.toBeInstanceOf(MaskingRefusal);
    const withFlag = await take({
      content: 'query_rows',
      selection: { query: sql.replace('a.file_as_name', 'a.file_as_name, a.confidential_flag') + ' WHERE o.sup_num = 0' },
      keyColumns: ['owner_id'],
      maskingPolicy: 'internal',
    });
    expect(withFlag.snapshot.row_count).toBeGreaterThan(0);
  });

  it('leaves nothing behind when the source fails half way through', async () => {
    const before = await counts();
    // 2,000-row batches: the bad year comes thousands of rows in, after earlier batches were staged.
    const sql = `SELECT prop_id, year, sup_num, copy FROM (
        SELECT pv.prop_id, pv.prop_val_yr AS year, pv.sup_num, k.n AS copy FROM property_val pv, (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3) k
        UNION ALL SELECT 999999999, 'not a year', 0, 1) ORDER BY prop_id, year, sup_num, copy`;
    expect((await t.demo<{ n: number }>(`SELECT COUNT(*) AS n FROM (${sql})`))[0].n).toBeGreaterThan(4_000);
    await expect(take({ content: 'query_rows', selection: { query: sql }, keyColumns: ['sup_num', 'copy'] })).rejects.toThrow(/whole-number year/);
    expect(await counts()).toEqual(before);
  });
});

describe('snapshots are immutable', () => {
  it('refuses updates and deletes of snapshots and their rows, and rows added later', async () => {
    const { snapshot } = await take({ selection: { prop_ids: [10001, 10002] } });
    const store = t.engine.store;
    await expect(store.run("UPDATE snapshots SET name = 'x' WHERE snapshot_id = ?", [snapshot.snapshot_id])).rejects.toThrow(/immutable/);
    await expect(store.run('DELETE FROM snapshots WHERE snapshot_id = ?', [snapshot.snapshot_id])).rejects.toThrow(/immutable/);
    await expect(store.run("UPDATE snapshot_rows SET row_json = '[]' WHERE snapshot_id = ?", [snapshot.snapshot_id])).rejects.toThrow(/immutable/);
    await expect(store.run('DELETE FROM snapshot_rows WHERE snapshot_id = ?', [snapshot.snapshot_id])).rejects.toThrow(/immutable/);
    await expect(store.run("INSERT INTO snapshot_rows (snapshot_id, prop_id, year, key_extra, row_json) VALUES (?, 1, 2020, '', '[]')", [snapshot.snapshot_id])).rejects.toThrow(/immutable/);
    expect((await verifyStoredSnapshot(store, snapshot)).ok).toBe(true);
  });
});

describe('copy to the training database', () => {
  it('writes (snapshot_id, parcel_id, year, value) to export_snapshot_parcel_timeline', async () => {
    const result = await take({ selection: { prop_ids: [10003, 10004] }, writeToTraining: true });
    expect(result.training_copy).toEqual({ connection_id: 'demo', rows: result.snapshot.row_count });
    expect(result.snapshot.training_copy_connection_id).toBe('demo');
    const copied = await t.demo<{ parcel_id: string; year: number; value: number; extracted_by: string }>(
      'SELECT parcel_id, year, value, extracted_by FROM export_snapshot_parcel_timeline WHERE snapshot_id = ? ORDER BY parcel_id, year',
      [result.snapshot.snapshot_id],
    );
    const markets = await t.demo<{ prop_id: number; year: number; market: number }>(
      `SELECT pv.prop_id, pv.prop_val_yr AS year, pv.market FROM property_val pv JOIN prop_supp_assoc psa ON psa.owner_tax_yr = pv.prop_val_yr AND psa.sup_num = pv.sup_num AND psa.prop_id = pv.prop_id
       WHERE pv.prop_id IN (10003, 10004) ORDER BY pv.prop_id, pv.prop_val_yr`,
    );
    expect(copied.map((c) => [c.parcel_id, c.year, c.value])).toEqual(markets.map((m) => [String(m.prop_id), m.year, m.market]));
    expect(copied[0].extracted_by).toBe(result.snapshot.created_by);
  });

  it('never writes to a production connection, and then saves nothing', async () => {
    const prodFile = path.join(t.dir, 'prod-copy.sqlite');
    fs.copyFileSync(t.demoFile, prodFile);
    await t.engine.connections.upsert({ id: 'prod', kind: 'sqlite', role: 'production', description: 'production copy', config: { file: prodFile } });
    const before = await counts();
    const prodRows = async () => (await runOn<{ n: number }>(prodFile, 'SELECT COUNT(*) AS n FROM export_snapshot_parcel_timeline'))[0].n;
    const prodBefore = await prodRows();
    const err = await take({ selection: { prop_ids: [10005] }, writeToTraining: true, trainingConnectionId: 'prod' }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(ProductionReadOnlyError);
    expect(await counts()).toEqual(before);
    expect(await prodRows()).toBe(prodBefore);
    // A production source is fine to read; its copy then goes to the default training connection.
    const fromProd = await take({ connectionId: 'prod', selection: { prop_ids: [10005] }, writeToTraining: true });
    expect(fromProd.training_copy?.connection_id).toBe('demo');
  });
});

describe('snapshot files', () => {
  it('writes CSV, XLSX and JSON with every row, and neutralises formula-like text', async () => {
    const sql = `SELECT prop_id, prop_val_yr AS year, CASE WHEN prop_id % 2 = 0 THEN '=HYPERLINK("http://evil.example","x")' ELSE '@SUM(A1)' END AS legal_desc, market FROM property_val WHERE sup_num = 0 AND prop_id < 10010`;
    const { snapshot } = await take({ content: 'query_rows', selection: { query: sql } });
    const dir = fs.mkdtempSync(path.join(t.dir, 'out-'));
    const csv = await writeSnapshotFile(t.engine.store, snapshot.snapshot_id, path.join(dir, 's.csv'));
    const xlsx = await writeSnapshotFile(t.engine.store, snapshot.snapshot_id, path.join(dir, 's.xlsx'));
    const json = await writeSnapshotFile(t.engine.store, snapshot.snapshot_id, path.join(dir, 's.json'));
    for (const f of [csv, xlsx, json]) expect(f.rows).toBe(snapshot.row_count);
    expect(fs.readdirSync(dir).sort()).toEqual(['s.csv', 's.json', 's.xlsx']);

    const lines = fs.readFileSync(csv.file, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('prop_id,year,legal_desc,market');
    expect(lines).toHaveLength(snapshot.row_count + 1);
    for (const line of lines.slice(1)) expect(line).toMatch(/^\d+,\d{4},("'=HYPERLINK\(""http:\/\/evil.example"",""x""\)"|'@SUM\(A1\)),\d+$/);

    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx.file);
    const sheet = book.worksheets[0];
    expect(sheet.rowCount).toBe(snapshot.row_count + 1);
    const cells = sheet.getColumn(3).values.slice(2) as unknown[];
    expect(cells.every((c) => typeof c === 'string' && c.startsWith("'"))).toBe(true);
    expect(sheet.getRow(2).getCell(4).value).toEqual(expect.any(Number));

    const parsed = JSON.parse(fs.readFileSync(json.file, 'utf8'));
    expect(parsed.snapshot.snapshot_id).toBe(snapshot.snapshot_id);
    expect(parsed.rows).toHaveLength(snapshot.row_count);
    expect(await writeSnapshotFile(t.engine.store, snapshot.snapshot_id, path.join(dir, 's.txt')).catch((e: Error) => e.message)).toMatch(/\.csv, \.xlsx or \.json/);
  });
});
