import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor } from '../../mcp/imports/actor.js';
import { csvText, EXEMPTION_HEADER, exemptionRow, openImportEngine, type ImportTestEngine } from '../helpers/import-fixtures.js';

const actor = actorFor('cli');

const CURRENT = 'JOIN prop_supp_assoc psa ON psa.owner_tax_yr = o.owner_tax_yr AND psa.sup_num = o.sup_num AND psa.prop_id = o.prop_id JOIN property p ON p.prop_id = o.prop_id';
const HAS = (code: string, year = 2026) =>
  `EXISTS (SELECT 1 FROM property_exemption pe WHERE pe.prop_id = o.prop_id AND pe.owner_id = o.owner_id AND pe.exmpt_tax_yr = ${year} AND pe.exmpt_type_cd = '${code}')`;
const NONE = (year: number) => `NOT EXISTS (SELECT 1 FROM property_exemption pe WHERE pe.prop_id = o.prop_id AND pe.owner_id = o.owner_id AND pe.exmpt_tax_yr = ${year})`;
/** The parcel's current layer of the year is a plain, active one. */
const ACTIVE = 'NOT EXISTS (SELECT 1 FROM property_val v WHERE v.prop_val_yr = o.owner_tax_yr AND v.sup_num = o.sup_num AND v.prop_id = o.prop_id AND (v.prop_inactive_dt IS NOT NULL OR v.udi_parent IS NOT NULL))';

interface OwnerRow {
  prop_id: number;
  owner_id: number;
  geo_id: string;
}

async function owners(t: ImportTestEngine, where: string, n: number, year = 2026): Promise<OwnerRow[]> {
  const rows = await t.demo<OwnerRow>(`SELECT o.prop_id, o.owner_id, p.geo_id FROM owner o ${CURRENT} WHERE o.owner_tax_yr = ${year} AND ${where} ORDER BY o.prop_id, o.owner_id LIMIT ${n}`);
  expect(rows.length, where).toBe(n);
  return rows;
}

async function errorsByLine(t: ImportTestEngine, batchId: string): Promise<Record<number, string[]>> {
  const detail = await t.engine.imports.detail({ batchId, errorsOffset: 0, errorsLimit: 10_000, rowsLimit: 0 });
  const out: Record<number, string[]> = {};
  for (const e of detail.errors) (out[e.line] ??= []).push(e.code);
  for (const codes of Object.values(out)) codes.sort();
  return out;
}

async function validate(t: ImportTestEngine, rows: (string | number | null)[][], name: string) {
  const staged = await t.engine.imports.stage({ kind: 'exemptions', file_content: csvText(EXEMPTION_HEADER, rows), file_name: name }, actor);
  expect(staged.staged_count).toBe(rows.length);
  const { batch } = await t.engine.imports.validate({ batchId: staged.batch_id }, actor);
  expect(batch.status).toBe('validated');
  return batch;
}

describe('Washington rules (the demo and the PACS server preset): SNR/DSBL from the county tables, no homestead', () => {
  let t: ImportTestEngine;
  beforeAll(async () => {
    t = await openImportEngine(600);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('checks age, disability sub-type, income tier and income against the county tables, and never asks for HS', async () => {
    const senior = `p.prop_type_cd = 'R' AND ${ACTIVE} AND ${NONE(2026)} AND o.birth_dt <= '1960-12-31T00:00:00'`;
    const [a, b, c, d, e, f, g] = await owners(t, senior, 7);
    const [young, young2] = await owners(t, `p.prop_type_cd = 'R' AND ${ACTIVE} AND ${NONE(2026)} AND o.birth_dt >= '1970-01-01T00:00:00'`, 2);
    const [held] = await owners(t, `${ACTIVE} AND ${HAS('SNR/DSBL')}`, 1);
    const [personal] = await owners(t, `p.prop_type_cd = 'P' AND ${ACTIVE} AND ${NONE(2026)}`, 1);
    const [tier] = await t.demo<{ income_max: number }>("SELECT income_max FROM exmpt_qualify_code WHERE year = 2026 AND exempt_type_cd = 'SNR/DSBL' AND exemption_code = '1'");
    const snr = (o: OwnerRow, extra: Partial<Parameters<typeof exemptionRow>[0]> = {}) =>
      exemptionRow({ prop: o.prop_id, owner: o.owner_id, code: 'SNR/DSBL', subtype: 'SNR', qualifyCd: '1', income: 21_000, ...extra });
    const rows = [
      snr(a), // 2 valid: 61 or older, tier 1 income, no HS anywhere
      snr(held), // 3 duplicate_existing
      snr(young), // 4 age_requirement
      snr(young2, { subtype: 'DSBL' }), // 5 valid: a disability sub-type needs no age
      snr(b, { income: tier.income_max + 100 }), // 6 income_tier_mismatch (it falls in tier 2)
      snr(c, { qualifyCd: 'A' }), // 7 invalid_qualify_cd (letters are not Benton's tiers)
      snr(d, { subtype: 'XYZ' }), // 8 invalid_subtype
      snr(e, { subtype: '' }), // 9 invalid_subtype (the code has sub-types, the row gives none)
      snr(f, { income: '' }), // 10 income_required
      exemptionRow({ prop: g.prop_id, owner: g.owner_id, code: 'HS' }), // 11 unknown_exemption_code: no homestead exemption in Washington
      snr(personal), // 12 prop_type_not_allowed, and a business has no birth date
      exemptionRow({ prop: personal.prop_id, owner: personal.owner_id, code: 'HOF' }), // 13 valid
      snr(g, { qualifyCd: '3', income: 99_999_999 }), // 14 income_tier_mismatch (above every tier)
    ];
    const batch = await validate(t, rows, 'wa.csv');
    const errors = await errorsByLine(t, batch.batch_id);
    expect(errors).toEqual({
      3: ['duplicate_existing'],
      4: ['age_requirement'],
      6: ['income_tier_mismatch'],
      7: ['invalid_qualify_cd'],
      8: ['invalid_subtype'],
      9: ['invalid_subtype'],
      10: ['income_required'],
      11: ['unknown_exemption_code'],
      12: ['age_unknown', 'prop_type_not_allowed'],
      14: ['income_tier_mismatch'],
    });
    const detail = await t.engine.imports.detail({ batchId: batch.batch_id, errorsOffset: 0, errorsLimit: 100, rowsLimit: 0 });
    const message = (line: number) => detail.errors.find((er) => er.line === line)!.message;
    expect(message(4)).toMatch(/61 or older on December 31, 2026 \(Washington rules\)/);
    expect(message(4)).not.toMatch(/\d{4}-\d{2}-\d{2}/); // the birth date stays out of the message
    expect(message(6)).toMatch(/outside tier 1 of 2026 .*it falls in tier 2/);
    expect(message(7)).toMatch(/exmpt_qualify_code: 1, 2, 3/);
    expect(message(8)).toMatch(/exmpt_sub_type: SNR, DSBL, DAV|exmpt_sub_type: .*SNR/);
    expect(message(14)).toMatch(/above every tier/);
  });

  it('refuses an exemption on a UDI parent, a deleted parcel, a second residence, or a parcel the owner lost its birth date on', async () => {
    const [udi] = await t.demo<OwnerRow>(`SELECT o.prop_id, o.owner_id, p.geo_id FROM owner o ${CURRENT} JOIN property_val v ON v.prop_val_yr = o.owner_tax_yr AND v.sup_num = o.sup_num AND v.prop_id = o.prop_id WHERE o.owner_tax_yr = 2026 AND v.udi_parent = 'T' LIMIT 1`);
    const [deleted] = await t.demo<OwnerRow>(`SELECT o.prop_id, o.owner_id, p.geo_id FROM owner o ${CURRENT} JOIN property_val v ON v.prop_val_yr = o.owner_tax_yr AND v.sup_num = o.sup_num AND v.prop_id = o.prop_id WHERE o.owner_tax_yr = 2026 AND v.prop_inactive_dt IS NOT NULL AND v.udi_parent IS NULL LIMIT 1`);
    expect(udi && deleted).toBeTruthy();
    const senior = `p.prop_type_cd = 'R' AND ${ACTIVE} AND ${NONE(2026)} AND o.birth_dt <= '1960-12-31T00:00:00'`;
    const [home, second, holder, nobirth] = await owners(t, senior, 4);
    const [elsewhere] = await owners(t, `p.prop_type_cd = 'R' AND ${ACTIVE} AND ${NONE(2026)} AND o.prop_id > ${second.prop_id + 5}`, 1);
    // The owner of `home` also owns `second` (and `holder`'s owner a parcel where he has SNR/DSBL already).
    const [layer] = await t.demo<{ sup_num: number }>('SELECT sup_num FROM prop_supp_assoc WHERE owner_tax_yr = 2026 AND prop_id = ?', [second.prop_id]);
    await t.demoWrite("INSERT INTO owner (owner_id, owner_tax_yr, prop_id, updt_dt, sup_num, pct_ownership, birth_dt) VALUES (?, 2026, ?, '2026-01-02T07:00:00', ?, 50, '1950-01-01T00:00:00')", [home.owner_id, second.prop_id, layer.sup_num]);
    const [held] = await t.demo<OwnerRow & { sup_num: number }>("SELECT pe.prop_id, pe.owner_id, pe.sup_num FROM property_exemption pe JOIN prop_supp_assoc a ON a.owner_tax_yr = pe.owner_tax_yr AND a.sup_num = pe.sup_num AND a.prop_id = pe.prop_id WHERE pe.exmpt_tax_yr = 2026 AND pe.exmpt_type_cd = 'SNR/DSBL' ORDER BY pe.prop_id LIMIT 1");
    const [elsewhereLayer] = await t.demo<{ sup_num: number }>('SELECT sup_num FROM prop_supp_assoc WHERE owner_tax_yr = 2026 AND prop_id = ?', [elsewhere.prop_id]);
    await t.demoWrite("INSERT INTO owner (owner_id, owner_tax_yr, prop_id, updt_dt, sup_num, pct_ownership, birth_dt) VALUES (?, 2026, ?, '2026-01-02T07:00:00', ?, 50, '1950-01-01T00:00:00')", [held.owner_id, elsewhere.prop_id, elsewhereLayer.sup_num]);
    await t.demoWrite('UPDATE owner SET birth_dt = NULL WHERE owner_tax_yr = 2026 AND prop_id = ? AND owner_id = ?', [nobirth.prop_id, nobirth.owner_id]);

    const snr = (prop: number, owner: number, extra: Partial<Parameters<typeof exemptionRow>[0]> = {}) => exemptionRow({ prop, owner, code: 'SNR/DSBL', subtype: 'SNR', qualifyCd: '1', income: 21_000, ...extra });
    const rows = [
      snr(udi.prop_id, udi.owner_id), // 2 udi_parent
      snr(deleted.prop_id, deleted.owner_id), // 3 parcel_inactive
      snr(home.prop_id, home.owner_id), // 4 residence_elsewhere (line 5 adds the same owner's second parcel)
      snr(second.prop_id, home.owner_id), // 5 residence_elsewhere
      snr(elsewhere.prop_id, held.owner_id), // 6 residence_elsewhere: the owner holds SNR/DSBL on another parcel
      snr(nobirth.prop_id, nobirth.owner_id), // 7 age_unknown
      snr(nobirth.prop_id, nobirth.owner_id, { subtype: 'DSBL', year: 2026, qualify: 2025 }), // 8 valid? no: duplicate_in_file of line 7
      snr(holder.prop_id, holder.owner_id), // 9 valid
    ];
    const batch = await validate(t, rows, 'wa-parcels.csv');
    expect(await errorsByLine(t, batch.batch_id)).toEqual({
      2: ['udi_parent'],
      3: ['parcel_inactive'],
      4: ['residence_elsewhere'],
      5: ['residence_elsewhere'],
      6: ['residence_elsewhere'],
      7: ['age_unknown'],
      8: ['duplicate_in_file'],
    });
    expect(batch.error_row_count).toBe(7);
  });

  it('stages a certified year for a coding supplement instead of refusing it: a notice, not an error, unless the layer is already in coding', async () => {
    const [open2024] = await owners(t, `p.prop_type_cd = 'R' AND ${ACTIVE} AND ${NONE(2024)} AND o.birth_dt <= '1955-12-31T00:00:00'`, 1, 2024);
    const [coding] = await t.demo<OwnerRow>(
      `SELECT o.prop_id, o.owner_id, p.geo_id FROM owner o ${CURRENT}
         JOIN supplement s ON s.sup_tax_yr = psa.owner_tax_yr AND s.sup_num = psa.sup_num JOIN sup_group g ON g.sup_group_id = s.sup_group_id
        WHERE o.owner_tax_yr = 2025 AND g.status_cd = 'C' AND p.prop_type_cd = 'R' AND ${NONE(2025)} AND o.birth_dt <= '1955-12-31T00:00:00' ORDER BY o.prop_id LIMIT 1`,
    );
    expect(coding).toBeDefined();
    const rows = [
      exemptionRow({ prop: open2024.prop_id, owner: open2024.owner_id, code: 'SNR/DSBL', subtype: 'SNR', qualifyCd: '1', income: 20_000, year: 2024, effective: '2024-01-01', qualify: 2024 }), // 2 notice
      exemptionRow({ prop: coding.prop_id, owner: coding.owner_id, code: 'SNR/DSBL', subtype: 'SNR', qualifyCd: '1', income: 20_000, year: 2025, effective: '2025-01-01', qualify: 2025 }), // 3 clean
      exemptionRow({ prop: open2024.prop_id, owner: open2024.owner_id, code: 'SNR/DSBL', year: 2031, effective: '2031-01-01', qualify: 2031 }), // 4 year_unknown
    ];
    const batch = await validate(t, rows, 'certified.csv');
    expect(await errorsByLine(t, batch.batch_id)).toEqual({ 2: ['certified_year_supplement'], 4: ['year_unknown'] });
    expect(batch.validation_error_count).toBe(1);
    expect(batch.error_row_count).toBe(1);
    const detail = await t.engine.imports.detail({ batchId: batch.batch_id, errorsOffset: 0, errorsLimit: 10, rowsLimit: 0 });
    expect(detail.errors[0].message).toMatch(/^Notice, not an error: exmpt_tax_yr 2024 is certified .* staged for a supplement in coding/);
  });
});

describe('Texas rules (by the connection setting): homestead, over-65, disabled veterans', () => {
  let t: ImportTestEngine;
  beforeAll(async () => {
    t = await openImportEngine(300, 'TX');
    expect((await t.engine.connections.get('demo')).config.jurisdiction).toBe('TX');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports each rule at the line that breaks it, and nothing on the valid rows', async () => {
    // Owners of R parcels in 2026 and 2024 with no exemption in either year.
    const [a, c, c2, d, e] = await owners(t, `p.prop_type_cd = 'R' AND ${ACTIVE} AND ${NONE(2026)} AND ${NONE(2024)} AND EXISTS (SELECT 1 FROM owner o2 ${CURRENT.replace(/\bo\./g, 'o2.').replace('JOIN property p ON p.prop_id = o2.prop_id', '')} WHERE o2.owner_tax_yr = 2024 AND o2.prop_id = o.prop_id AND o2.owner_id = o.owner_id)`, 5);
    const [b, b2] = await owners(t, `${HAS('HS')} AND ${HAS('OV65')}`, 2);
    const [f] = await owners(t, `${HAS('HS')} AND ${HAS('OV65S')}`, 1);
    const [g] = await owners(t, HAS('DV4'), 1);
    const [h] = await owners(t, `p.prop_type_cd = 'P' AND NOT ${HAS('HS')}`, 1);

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
      exemptionRow({ prop: a.prop_id, geo: d.geo_id, owner: a.owner_id, code: 'EX' }), // 12 parcel_mismatch
      exemptionRow({ prop: 99_999, owner: a.owner_id, code: 'HS' }), // 13 parcel_not_found
      exemptionRow({ geo: 'NOPE-0001', owner: a.owner_id, code: 'HS' }), // 14 parcel_not_found
      exemptionRow({ prop: a.prop_id, owner: 1, code: 'HS' }), // 15 owner_not_found
      exemptionRow({ prop: a.prop_id, owner: a.owner_id, code: 'SO', year: 2024, effective: '2024-01-01', qualify: 2024 }), // 16 certified year: a notice only
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
      [a.prop_id, '', a.owner_id, 2026, 'EX'], // 28 column_count
      exemptionRow({ prop: c2.prop_id, owner: c2.owner_id, code: 'OV65', pct: 10 }), // 29 pct_not_allowed + requires_homestead
      exemptionRow({ prop: a.prop_id, owner: a.owner_id, code: 'SNR/DSBL', subtype: 'SNR', qualifyCd: '1', income: 1 }), // 30 unknown_exemption_code: Washington's code
      exemptionRow({ prop: a.prop_id, owner: a.owner_id, code: 'PC', termination: '2025-12-31' }), // 31 date_order + terminated_before_tax_year
      exemptionRow({ prop: a.prop_id, owner: a.owner_id, code: 'HT', qualify: 2027 }), // 32 qualify_after_tax_year
      exemptionRow({ prop: d.prop_id, owner: d.owner_id, code: 'AB' }), // 33 pct_required
    ];
    const batch = await validate(t, rows, 'rules.csv');
    expect(batch.validated_connection_id).toBe('demo');
    expect(await errorsByLine(t, batch.batch_id)).toEqual({
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
      16: ['certified_year_supplement'],
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
      30: ['unknown_exemption_code'],
      31: ['date_order', 'terminated_before_tax_year'],
      32: ['qualify_after_tax_year'],
      33: ['pct_required'],
    });
    // Line 16 carries a notice, not an error: it is counted valid.
    expect(batch.error_row_count).toBe(25);
    expect(batch.staged_count - batch.error_row_count).toBe(7);
    // The geo_id row resolved to its prop_id.
    const [resolved] = await t.store<{ prop_id: number }>('SELECT prop_id FROM import_rows WHERE line = 10 AND batch_key = (SELECT batch_key FROM import_batches WHERE batch_id = ?)', [batch.batch_id]);
    expect(resolved.prop_id).toBe(e.prop_id);
  });

  it('allows one residence homestead per owner and year (Tax Code §11.13)', async () => {
    const [holder] = await owners(t, `p.prop_type_cd = 'R' AND ${ACTIVE} AND ${HAS('HS')}`, 1);
    const [other] = await owners(t, `p.prop_type_cd = 'R' AND ${ACTIVE} AND ${NONE(2026)} AND o.prop_id > ${holder.prop_id}`, 1);
    const [layer] = await t.demo<{ sup_num: number }>('SELECT sup_num FROM prop_supp_assoc WHERE owner_tax_yr = 2026 AND prop_id = ?', [other.prop_id]);
    await t.demoWrite("INSERT INTO owner (owner_id, owner_tax_yr, prop_id, updt_dt, sup_num, pct_ownership) VALUES (?, 2026, ?, '2026-01-02T07:00:00', ?, 50)", [holder.owner_id, other.prop_id, layer.sup_num]);
    const batch = await validate(
      t,
      [
        exemptionRow({ prop: other.prop_id, owner: holder.owner_id, code: 'HS' }), // 2 residence_elsewhere
        exemptionRow({ prop: holder.prop_id, owner: holder.owner_id, code: 'HS', action: 'REMOVE' }), // 3 valid; with it, line 2 would be fine
      ],
      'homestead.csv',
    );
    // The REMOVE in the same file moves the homestead: no error.
    expect(await errorsByLine(t, batch.batch_id)).toEqual({});
    const again = await validate(t, [exemptionRow({ prop: other.prop_id, owner: holder.owner_id, code: 'HS' })], 'homestead2.csv');
    expect(await errorsByLine(t, again.batch_id)).toEqual({ 2: ['residence_elsewhere'] });
  });

  it('says what is wrong in words a clerk can act on, naming the column as the file does', async () => {
    const [a] = await owners(t, `p.prop_type_cd = 'R' AND ${NONE(2026)}`, 1);
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
