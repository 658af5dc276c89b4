import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor } from '../../mcp/imports/actor.js';
import { SqliteDb } from '../../mcp/store/sqlite-db.js';
import { csvText, EXEMPTION_HEADER, exemptionRow, openImportEngine, type ImportTestEngine } from '../helpers/import-fixtures.js';

let t: ImportTestEngine;
const actor = actorFor('cli');

beforeAll(async () => {
  t = await openImportEngine(300);
});
afterAll(async () => {
  await t?.close();
});

const CURRENT = 'JOIN prop_supp_assoc psa ON psa.owner_tax_yr = o.owner_tax_yr AND psa.sup_num = o.sup_num AND psa.prop_id = o.prop_id JOIN property p ON p.prop_id = o.prop_id';
const HAS = (code: string, year = 2026) =>
  `EXISTS (SELECT 1 FROM property_exemption pe WHERE pe.prop_id = o.prop_id AND pe.owner_id = o.owner_id AND pe.exmpt_tax_yr = ${year} AND pe.exmpt_type_cd = '${code}')`;
const NONE = (year: number) => `NOT EXISTS (SELECT 1 FROM property_exemption pe WHERE pe.prop_id = o.prop_id AND pe.owner_id = o.owner_id AND pe.exmpt_tax_yr = ${year})`;

async function owners(where: string, n: number) {
  const rows = await t.demo<{ prop_id: number; owner_id: number; geo_id: string }>(`SELECT o.prop_id, o.owner_id, p.geo_id FROM owner o ${CURRENT} WHERE o.owner_tax_yr = 2026 AND ${where} ORDER BY o.prop_id, o.owner_id LIMIT ${n}`);
  expect(rows.length, where).toBe(n);
  return rows;
}

async function errorsByLine(batchId: string): Promise<Record<number, string[]>> {
  const detail = await t.engine.imports.detail({ batchId, errorsOffset: 0, errorsLimit: 10_000, rowsLimit: 0 });
  const out: Record<number, string[]> = {};
  for (const e of detail.errors) (out[e.line] ??= []).push(e.code);
  for (const codes of Object.values(out)) codes.sort();
  return out;
}

describe('exemption validation rules against the demo PACS database', () => {
  it('reports each rule at the line that breaks it, and nothing on the valid rows', async () => {
    // Owners of R parcels in 2026 and 2024 with no exemption in either year.
    const [a, c, c2, d, e] = await owners(`p.prop_type_cd = 'R' AND ${NONE(2026)} AND ${NONE(2024)} AND EXISTS (SELECT 1 FROM owner o2 ${CURRENT.replace(/\bo\./g, 'o2.').replace('JOIN property p ON p.prop_id = o2.prop_id', '')} WHERE o2.owner_tax_yr = 2024 AND o2.prop_id = o.prop_id AND o2.owner_id = o.owner_id)`, 5);
    const [b, b2] = await owners(`${HAS('HS')} AND ${HAS('OV65')}`, 2);
    const [f] = await owners(`${HAS('HS')} AND ${HAS('OV65S')}`, 1);
    const [g] = await owners(HAS('DV4'), 1);
    const [h] = await owners(`p.prop_type_cd = 'P' AND NOT ${HAS('HS')}`, 1);

    const rows = [
      exemptionRow({ prop: a.prop_id, owner: a.owner_id, code: 'HS' }), // 2 valid
      exemptionRow({ prop: a.prop_id, owner: a.owner_id, code: 'HS' }), // 3 duplicate_in_file
      exemptionRow({ prop: b.prop_id, owner: b.owner_id, code: 'HS' }), // 4 duplicate_existing
      exemptionRow({ prop: b.prop_id, owner: b.owner_id, code: 'OV65S' }), // 5 ov65_conflict
      exemptionRow({ prop: b2.prop_id, owner: b2.owner_id, code: 'HS', action: 'REMOVE' }), // 6 requires_homestead (OV65 left alone)
      exemptionRow({ prop: c.prop_id, owner: c.owner_id, code: 'OV65' }), // 7 requires_homestead
      exemptionRow({ prop: d.prop_id, owner: d.owner_id, code: 'HS' }), // 8 valid
      exemptionRow({ prop: d.prop_id, owner: d.owner_id, code: 'OV65' }), // 9 valid (HS added on line 8)
      exemptionRow({ geo: e.geo_id, owner: e.owner_id, code: 'HS' }), // 10 valid, by geo_id
      exemptionRow({ prop: e.prop_id, owner: e.owner_id, code: 'HS' }), // 11 duplicate_in_file of line 10
      exemptionRow({ prop: a.prop_id, geo: d.geo_id, owner: a.owner_id, code: 'DOR' }), // 12 parcel_mismatch
      exemptionRow({ prop: 99_999, owner: a.owner_id, code: 'HS' }), // 13 parcel_not_found
      exemptionRow({ geo: 'NOPE-0001', owner: a.owner_id, code: 'HS' }), // 14 parcel_not_found
      exemptionRow({ prop: a.prop_id, owner: 1, code: 'HS' }), // 15 owner_not_found
      exemptionRow({ prop: a.prop_id, owner: a.owner_id, code: 'HS', year: 2024, effective: '2024-01-01', qualify: 2024 }), // 16 year_not_open
      exemptionRow({ prop: a.prop_id, owner: a.owner_id, code: 'HS', year: 2031, effective: '2031-01-01', qualify: 2031 }), // 17 year_unknown
      exemptionRow({ prop: a.prop_id, owner: a.owner_id, code: 'ZZ' }), // 18 unknown_exemption_code
      exemptionRow({ prop: f.prop_id, owner: f.owner_id, code: 'OV65S', action: 'REMOVE' }), // 19 valid
      exemptionRow({ prop: f.prop_id, owner: f.owner_id, code: 'OV65' }), // 20 valid: OV65 replaces the removed OV65S
      exemptionRow({ prop: g.prop_id, owner: g.owner_id, code: 'DV2' }), // 21 exemption_conflict (one DV rating)
      exemptionRow({ prop: h.prop_id, owner: h.owner_id, code: 'HS' }), // 22 prop_type_not_allowed
      exemptionRow({ prop: a.prop_id, owner: a.owner_id, code: 'DP', action: 'REMOVE' }), // 23 remove_not_found
      exemptionRow({ prop: a.prop_id, owner: a.owner_id, code: 'SO', effective: '2026-02-30' }), // 24 invalid_date
      exemptionRow({ prop: a.prop_id, owner: a.owner_id, code: 'AB', pct: 150 }), // 25 out_of_range
      exemptionRow({ prop: a.prop_id, owner: a.owner_id, code: 'CH', name: '"=HYPERLINK(""http://x"")"' }), // 26 formula
      exemptionRow({ prop: a.prop_id, owner: '', code: 'HT' }), // 27 required
      [a.prop_id, '', a.owner_id, 2026, 'DOR'], // 28 column_count
      exemptionRow({ prop: c2.prop_id, owner: c2.owner_id, code: 'OV65', pct: 10 }), // 29 pct_not_allowed + requires_homestead
      exemptionRow({ prop: a.prop_id, owner: a.owner_id, code: 'SNR/DSBL' }), // 30 subtype, tier and income missing
      exemptionRow({ prop: a.prop_id, owner: a.owner_id, code: 'PC', termination: '2025-12-31' }), // 31 date_order + terminated_before_tax_year
      exemptionRow({ prop: a.prop_id, owner: a.owner_id, code: 'EX', qualify: 2027 }), // 32 qualify_after_tax_year
    ];
    const staged = await t.engine.imports.stage({ kind: 'exemptions', file_content: csvText(EXEMPTION_HEADER, rows), file_name: 'rules.csv' }, actor);
    expect(staged.status).toBe('staged');
    expect(staged.staged_count).toBe(rows.length);
    const { batch } = await t.engine.imports.validate({ batchId: staged.batch_id }, actor);
    expect(batch.status).toBe('validated');
    expect(batch.validated_connection_id).toBe('demo');

    expect(await errorsByLine(batch.batch_id)).toEqual({
      3: ['duplicate_in_file'],
      4: ['duplicate_existing'],
      5: ['ov65_conflict'],
      6: ['requires_homestead'],
      7: ['requires_homestead'],
      11: ['duplicate_in_file'],
      12: ['parcel_mismatch'],
      13: ['parcel_not_found'],
      14: ['parcel_not_found'],
      15: ['owner_not_found'],
      16: ['year_not_open'],
      17: ['year_unknown'],
      18: ['unknown_exemption_code'],
      21: ['exemption_conflict'],
      22: ['prop_type_not_allowed'],
      23: ['remove_not_found'],
      24: ['invalid_date'],
      25: ['out_of_range'],
      26: ['formula'],
      27: ['required'],
      28: ['column_count'],
      29: ['pct_not_allowed', 'requires_homestead'],
      30: ['income_required', 'invalid_qualify_cd', 'invalid_subtype'],
      31: ['date_order', 'terminated_before_tax_year'],
      32: ['qualify_after_tax_year'],
    });
    expect(batch.error_row_count).toBe(25);
    expect(batch.staged_count - batch.error_row_count).toBe(6);
    // The geo_id row resolved to its prop_id.
    const [resolved] = await t.store<{ prop_id: number }>('SELECT prop_id FROM import_rows WHERE line = 10 AND batch_key = (SELECT batch_key FROM import_batches WHERE batch_id = ?)', [batch.batch_id]);
    expect(resolved.prop_id).toBe(e.prop_id);
  });

  it('says what is wrong in words a clerk can act on, naming the column as the file does', async () => {
    const [a] = await owners(`p.prop_type_cd = 'R' AND ${NONE(2026)}`, 1);
    const header = ['Prop ID', 'Owner ID', 'Tax Year', 'Exemption Code', 'Exemption %'];
    const staged = await t.engine.imports.stage({ kind: 'exemptions', file_content: csvText(header, [[a.prop_id, a.owner_id, 2026, 'AB', '250%'], [a.prop_id, 1, 2026, 'HS', '']]), file_name: 'words.csv' }, actor);
    const { batch } = await t.engine.imports.validate({ batchId: staged.batch_id }, actor);
    const detail = await t.engine.imports.detail({ batchId: batch.batch_id, errorsOffset: 0, errorsLimit: 10, rowsLimit: 5 });
    expect(detail.errors).toEqual([
      { line: 2, column: 'Exemption %', code: 'out_of_range', message: 'Exemption % 250% is out of range (0%–100%).' },
      { line: 3, column: 'Owner ID', code: 'owner_not_found', message: expect.stringMatching(new RegExp(`^Owner 1 does not own parcel ${a.prop_id} in 2026 \\(its owners in 2026 are .*${a.owner_id}`)) },
    ]);
    expect(detail.columns.map((c) => c.field)).toEqual(['prop_id', 'owner_id', 'exmpt_tax_yr', 'exmpt_type_cd', 'exemption_pct']);
    expect(detail.rows[0]).toMatchObject({ line: 2, prop_id: a.prop_id, values: { prop_id: a.prop_id, owner_id: a.owner_id, exmpt_type_cd: 'AB', action: 'ADD', exemption_pct: null } });
  });
});

describe('rules a lenient checker would let slip', () => {
  async function validatedErrors(engine: ImportTestEngine, rows: (string | number | null)[][], name: string) {
    const staged = await engine.engine.imports.stage({ kind: 'exemptions', file_content: csvText(EXEMPTION_HEADER, rows), file_name: name }, actor);
    const { batch } = await engine.engine.imports.validate({ batchId: staged.batch_id }, actor);
    const detail = await engine.engine.imports.detail({ batchId: batch.batch_id, errorsOffset: 0, errorsLimit: 1_000, rowsLimit: 0 });
    const out: Record<number, string[]> = {};
    for (const e of detail.errors) (out[e.line] ??= []).push(e.code);
    for (const codes of Object.values(out)) codes.sort();
    return out;
  }

  it('29 February exists only in leap years', async () => {
    const [a, b] = await owners(`p.prop_type_cd = 'R' AND ${NONE(2026)}`, 2);
    const errors = await validatedErrors(t, [
      exemptionRow({ prop: a.prop_id, owner: a.owner_id, code: 'HS', effective: '2026-02-29' }), // 2
      exemptionRow({ prop: b.prop_id, owner: b.owner_id, code: 'HS', effective: '2024-02-29' }), // 3
      exemptionRow({ prop: a.prop_id, owner: a.owner_id, code: 'SO', effective: '2/29/2026' }), // 4
      exemptionRow({ prop: a.prop_id, owner: a.owner_id, code: 'DOR', effective: '1900-02-29' }), // 5
      exemptionRow({ prop: a.prop_id, owner: a.owner_id, code: 'CH', effective: '2000-02-29' }), // 6
    ], 'leap.csv');
    expect(errors[2]).toEqual(['invalid_date']);
    expect(errors[3]).toBeUndefined();
    expect(errors[4]).toEqual(['invalid_date']);
    expect(errors[5]).toEqual(['invalid_date']);
    expect(errors[6]).toBeUndefined();
  });

  it('checks the owner in a certified year too, besides saying the year is closed', async () => {
    const [a] = await owners(`p.prop_type_cd = 'R' AND ${NONE(2026)} AND ${NONE(2024)} AND EXISTS (SELECT 1 FROM owner o2 WHERE o2.owner_tax_yr = 2024 AND o2.prop_id = o.prop_id AND o2.owner_id = o.owner_id)`, 1);
    const errors = await validatedErrors(t, [
      exemptionRow({ prop: a.prop_id, owner: a.owner_id, code: 'HS', year: 2024, effective: '2024-01-01', qualify: 2024 }), // 2
      exemptionRow({ prop: a.prop_id, owner: 1, code: 'HS', year: 2024, effective: '2024-01-01', qualify: 2024 }), // 3
    ], 'certified.csv');
    expect(errors).toEqual({ 2: ['year_not_open'], 3: ['owner_not_found', 'year_not_open'] });
  });

  it('refuses a geo_id that names more than one parcel', async () => {
    // Its own engine: two parcels are given one geo_id in its demo database.
    const own = await openImportEngine(300);
    try {
      const [a, b] = await own.demo<{ prop_id: number; owner_id: number; geo_id: string }>(
        `SELECT o.prop_id, o.owner_id, p.geo_id FROM owner o ${CURRENT} WHERE o.owner_tax_yr = 2026 AND p.prop_type_cd = 'R' AND ${NONE(2026)} ORDER BY o.prop_id LIMIT 2`,
      );
      const demo = await SqliteDb.open(own.demoFile);
      try {
        await demo.run('UPDATE property SET geo_id = ? WHERE prop_id = ?', [a.geo_id, b.prop_id]);
      } finally {
        await demo.close();
      }
      const errors = await validatedErrors(own, [
        exemptionRow({ geo: a.geo_id, owner: a.owner_id, code: 'HS' }), // 2 ambiguous
        exemptionRow({ prop: a.prop_id, geo: a.geo_id, owner: a.owner_id, code: 'HS' }), // 3 prop_id given: no doubt which parcel, but the geo_id is not only its own
      ], 'ambiguous.csv');
      expect(errors[2]).toEqual(['parcel_ambiguous']);
      expect(errors[3]).toEqual(['parcel_mismatch']);
    } finally {
      await own.close();
    }
  });
});
