import { describe, expect, it } from 'vitest';
import { ExemptionChecker } from '../../mcp/imports/kinds/exemption-checker.js';
import type { Jurisdiction } from '../../mcp/pacs/jurisdiction.js';
import { RecordingConnector } from '../helpers/recording-connector.js';
import { checkRows, pacsSource, type CheckedRow, type CheckOptions, type PacsRows } from '../helpers/pacs-checker-source.js';

/**
 * The exemptions checker on its own, over a small real PACS database of exactly the rows each
 * test needs: each rule at the line where it starts and stops refusing. (exemption-rules.test.ts
 * runs the same rules through the engine over the demo.)
 */

interface ExRow {
  prop?: number | null;
  geo?: string | null;
  owner: number;
  year?: number;
  code: string;
  subtype?: string | null;
  pct?: number | null;
  tier?: string | null;
  income?: number | null;
  action?: 'ADD' | 'REMOVE';
  firstLine?: number;
  stageErrors?: boolean;
}

/** A staged exemption row, values in the layout's order as staging converts them. */
function ex(r: ExRow): CheckedRow {
  const prop = r.prop === undefined ? null : r.prop;
  return {
    values: [prop, r.geo ?? null, r.owner, r.year ?? 2026, r.code, r.subtype ?? null, '2026-01-01', null, 2026, 'APPLICANT', r.pct ?? null, r.tier ?? null, r.income ?? null, r.action ?? 'ADD'],
    filePropId: prop,
    firstLine: r.firstLine,
    hasStageErrors: r.stageErrors,
  };
}

/** A Washington senior exemption that passes every amount rule: sub-type SNR, tier 1, income within it. */
const snr = (prop: number, owner: number, extra: Partial<ExRow> = {}) => ex({ prop, owner, code: 'SNR/DSBL', subtype: 'SNR', tier: '1', income: 20_000, ...extra });

interface Home {
  prop: number;
  owner: number;
  geo?: string;
  type?: string;
  birth?: string | null;
  /** Years with a current layer and this owner on it (default 2026). */
  years?: number[];
  udiParent?: boolean;
  inactive?: boolean;
  groupStatus?: string;
  /** Exemptions the owner holds on it now, in 2026. */
  holds?: string[];
}

/** The county: 2025 certified, 2026 open; both states' codes, Washington's sub-types and 2026 income tiers; and the parcels given. */
function county(homes: Home[], more: PacsRows = {}): PacsRows {
  const parcels = new Map<number, { prop: number; geo: string; type?: string }>();
  const layers: NonNullable<PacsRows['layers']> = [];
  const owners: NonNullable<PacsRows['owners']> = [];
  const exemptions: NonNullable<PacsRows['exemptions']> = [];
  for (const h of homes) {
    if (!parcels.has(h.prop)) {
      parcels.set(h.prop, { prop: h.prop, geo: h.geo ?? `G-${h.prop}`, type: h.type ?? 'R' });
      for (const year of h.years ?? [2026]) layers.push({ year, prop: h.prop, udiParent: h.udiParent, inactive: h.inactive, groupStatus: h.groupStatus, sup: h.groupStatus ? 1 : 0 });
    }
    for (const year of h.years ?? [2026]) owners.push({ year, prop: h.prop, owner: h.owner, birth: h.birth === undefined ? '1950-06-15T00:00:00' : h.birth, sup: h.groupStatus ? 1 : 0 });
    for (const code of h.holds ?? []) exemptions.push({ year: 2026, prop: h.prop, owner: h.owner, code });
  }
  return {
    years: [{ year: 2025, certified: '2025-11-30' }, { year: 2026 }],
    codes: ['SNR/DSBL', 'HOF', 'FARM', 'HS', 'OV65', 'OV65S', 'DP', 'DV1', 'DV2', 'DVHS', 'AB', 'EX366'],
    subTypes: [
      { cd: 'SNR', code: 'SNR/DSBL' },
      { cd: 'DSBL', code: 'SNR/DSBL', disability: true },
      { cd: 'VET', code: 'DV1' },
      { cd: 'ANY', code: null },
      { cd: null, code: 'SNR/DSBL' },
    ],
    // Kept out of order, as a county's table may be.
    tiers: [
      { year: 2026, code: 'SNR/DSBL', tier: '2', min: 30_001, max: 40_000 },
      { year: 2026, code: 'SNR/DSBL', tier: '3', min: 40_001, max: 50_000 },
      { year: 2026, code: 'SNR/DSBL', tier: '1', min: null, max: 30_000 },
      { year: 2026, code: null, tier: '9', min: null, max: null },
    ],
    ...more,
    parcels: [...parcels.values(), ...(more.parcels ?? [])],
    layers: [...layers, ...(more.layers ?? [])],
    owners: [...owners, ...(more.owners ?? [])],
    exemptions: [...exemptions, ...(more.exemptions ?? [])],
  };
}

async function check(rows: PacsRows, file: CheckedRow[], jurisdiction?: Jurisdiction, options: CheckOptions = {}) {
  const source = await pacsSource(rows);
  try {
    return await checkRows(() => new ExemptionChecker(jurisdiction ? { jurisdiction } : {}), source, file, options);
  } finally {
    await source.close();
  }
}

describe('exemptions checker: the parcel, by prop_id or geo_id', () => {
  it('resolves a geo_id to its parcel, and takes prop_id and geo_id together when they agree', async () => {
    for (const fromManifest of [true, false]) {
      const { issues, propIds } = await check(county([{ prop: 1, owner: 101, type: 'P' }]), [ex({ geo: 'G-1', owner: 101, code: 'HOF' }), ex({ prop: 1, geo: 'G-1', owner: 101, code: 'FARM' })], undefined, { fromManifest });
      expect(issues, `fromManifest ${fromManifest}`).toEqual([]);
      expect(propIds).toEqual([1, 1]);
    }
  });

  it('refuses a prop_id or a geo_id that names no parcel', async () => {
    const { issues, messages, propIds } = await check(county([{ prop: 2, owner: 102 }]), [ex({ prop: 99, owner: 102, code: 'HOF' }), ex({ geo: 'NOWHERE', owner: 102, code: 'HOF' })]);
    expect(issues).toEqual([
      [2, 'prop_id', 'parcel_not_found'],
      [3, 'geo_id', 'parcel_not_found'],
    ]);
    expect(messages).toEqual(['There is no parcel with prop_id 99 in this PACS database.', 'There is no parcel with geo_id "NOWHERE" in this PACS database.']);
    expect(propIds).toEqual([99, null]);
  });

  it('refuses a geo_id that names more than one parcel, and resolves it to none', async () => {
    const { issues, messages, propIds } = await check(county([{ prop: 3, owner: 103, geo: 'TWIN', type: 'P' }, { prop: 4, owner: 103, geo: 'TWIN', type: 'P' }]), [ex({ geo: 'TWIN', owner: 103, code: 'HOF' })]);
    expect(issues).toEqual([[2, 'geo_id', 'parcel_ambiguous']]);
    expect(messages).toEqual(['geo_id "TWIN" names more than one parcel; give prop_id instead.']);
    expect(propIds).toEqual([null]);
  });

  it("refuses a geo_id that is not the prop_id's, saying which parcel it is", async () => {
    const homes = [
      { prop: 5, owner: 105, type: 'P' },
      { prop: 6, owner: 105, type: 'P' },
      { prop: 7, owner: 105, geo: 'TWIN', type: 'P' },
      { prop: 8, owner: 105, geo: 'TWIN', type: 'P' },
    ];
    const { issues, messages } = await check(county(homes), [
      ex({ prop: 5, geo: 'G-6', owner: 105, code: 'HOF' }),
      ex({ prop: 5, geo: 'NOWHERE', owner: 105, code: 'HOF' }),
      ex({ prop: 5, geo: 'TWIN', owner: 105, code: 'FARM' }),
    ]);
    expect(issues).toEqual([
      [2, 'geo_id', 'parcel_mismatch'],
      [3, 'geo_id', 'parcel_mismatch'],
      [4, 'geo_id', 'parcel_mismatch'],
    ]);
    expect(messages).toEqual([
      'geo_id "G-6" is parcel 6, not prop_id 5; fix one of them.',
      'geo_id "NOWHERE" is not the geo_id of prop_id 5.',
      'geo_id "TWIN" is not the geo_id of prop_id 5.',
    ]);
  });
});

describe('exemptions checker: code, year and owner', () => {
  it('refuses a code the county does not have, naming up to eight of its codes', async () => {
    const { issues, messages } = await check(county([{ prop: 10, owner: 110, type: 'P' }]), [ex({ prop: 10, owner: 110, code: 'ZZ' }), ex({ prop: 10, owner: 110, code: 'HOF' })]);
    expect(issues).toEqual([[2, 'exmpt_type_cd', 'unknown_exemption_code']]);
    expect(messages[0]).toBe('ZZ is not an exemption code of this PACS database (exmpt_type: SNR/DSBL, HOF, FARM, HS, OV65, OV65S, DP, DV1, …). Check the code.');

    const few = await check(county([{ prop: 10, owner: 110, type: 'P' }], { codes: ['HOF', 'FARM'] }), [ex({ prop: 10, owner: 110, code: 'ZZ' })]);
    expect(few.messages[0]).toBe('ZZ is not an exemption code of this PACS database (exmpt_type: HOF, FARM). Check the code.');
    const none = await check(county([{ prop: 10, owner: 110, type: 'P' }], { codes: [] }), [ex({ prop: 10, owner: 110, code: 'ZZ' })]);
    expect(none.messages[0]).toBe('ZZ is not an exemption code of this PACS database (exmpt_type). Check the code.');
  });

  it('still reports what else is wrong with a row of an unknown code, but no rule of the code', async () => {
    const { issues } = await check(county([{ prop: 11, owner: 111, type: 'P' }]), [ex({ prop: 11, owner: 111, code: 'ZZ', pct: 50, firstLine: 9 }), ex({ prop: 11, owner: 999, code: 'ZZ' })]);
    expect(issues).toEqual([
      [2, 'exmpt_type_cd', 'unknown_exemption_code'],
      [2, 'exmpt_type_cd', 'duplicate_in_file'],
      [3, 'exmpt_type_cd', 'unknown_exemption_code'],
      [3, 'owner_id', 'owner_not_found'],
    ]);
  });

  it('refuses a year the database does not have, and checks nothing that depends on the year', async () => {
    const { issues, messages } = await check(county([{ prop: 12, owner: 112, type: 'P', years: [2027] }], { tiers: [] }), [ex({ prop: 12, owner: 999, year: 2027, code: 'HOF' })]);
    expect(issues).toEqual([[2, 'exmpt_tax_yr', 'year_unknown']]);
    expect(messages[0]).toMatch(/^exmpt_tax_yr 2027 is not a year of this PACS database/);
  });

  it('checks the owner of a certified year too, besides the notice that the row waits for a coding supplement', async () => {
    const homes = [
      { prop: 13, owner: 113, type: 'P', years: [2025] },
      { prop: 14, owner: 114, type: 'P', years: [2025], groupStatus: 'C' },
    ];
    const { issues, messages } = await check(county(homes), [
      ex({ prop: 13, owner: 113, year: 2025, code: 'HOF' }),
      ex({ prop: 13, owner: 999, year: 2025, code: 'HOF' }),
      ex({ prop: 14, owner: 114, year: 2025, code: 'HOF' }),
    ]);
    expect(issues).toEqual([
      [2, 'exmpt_tax_yr', 'certified_year_supplement'],
      [3, 'exmpt_tax_yr', 'certified_year_supplement'],
      [3, 'owner_id', 'owner_not_found'],
    ]);
    expect(messages[0]).toMatch(/^Notice, not an error: exmpt_tax_yr 2025 is certified/);
    expect(messages[2]).toBe('Owner 999 does not own parcel 13 in 2025 (its owners in 2025 are 113).');
  });

  it("names up to five of the parcel's owners, or says it has none that year", async () => {
    const crowded = [1, 2, 3, 4, 5, 6].map((i) => ({ prop: 15, owner: 150 + i, type: 'P' }));
    const { issues, messages } = await check(county([...crowded, { prop: 16, owner: 116, type: 'P', years: [2025] }]), [
      ex({ prop: 15, owner: 999, code: 'HOF' }),
      ex({ prop: 16, owner: 116, code: 'HOF' }),
      ex({ prop: 15, owner: 156, code: 'HOF' }),
    ]);
    expect(issues).toEqual([
      [2, 'owner_id', 'owner_not_found'],
      [3, 'owner_id', 'owner_not_found'],
    ]);
    expect(messages).toEqual(['Owner 999 does not own parcel 15 in 2026 (its owners in 2026 are 151, 152, 153, 154, 155, …).', 'Owner 116 does not own parcel 16 in 2026 (it has no owner rows in 2026).']);

    const five = await check(county(crowded.slice(0, 5)), [ex({ prop: 15, owner: 999, code: 'HOF' })]);
    expect(five.messages).toEqual(['Owner 999 does not own parcel 15 in 2026 (its owners in 2026 are 151, 152, 153, 154, 155).']);
  });

  it('says which state its rules are', async () => {
    expect(new ExemptionChecker().jurisdiction).toBe('WA');
    expect(new ExemptionChecker({ jurisdiction: 'TX' }).jurisdiction).toBe('TX');
  });
});

describe('exemptions checker: parcels that take no exemption, property types, duplicates', () => {
  it('refuses adding to a UDI parent or a deleted parcel, and says nothing more about the row; removing from one is checked as usual', async () => {
    const homes = [
      { prop: 20, owner: 120, type: 'P', udiParent: true, holds: ['HOF'] },
      { prop: 21, owner: 121, type: 'P', inactive: true, holds: ['HOF'] },
    ];
    const { issues, messages } = await check(county(homes), [
      ex({ prop: 20, owner: 120, code: 'HOF', firstLine: 9 }),
      ex({ prop: 21, owner: 121, code: 'HOF', firstLine: 9 }),
      ex({ prop: 20, owner: 120, code: 'HOF', action: 'REMOVE' }),
      ex({ prop: 21, owner: 121, code: 'HOF', action: 'REMOVE' }),
      ex({ prop: 21, owner: 121, code: 'FARM', action: 'REMOVE' }),
    ]);
    expect(issues).toEqual([
      [2, 'prop_id', 'udi_parent'],
      [3, 'prop_id', 'parcel_inactive'],
      [6, 'exmpt_type_cd', 'remove_not_found'],
    ]);
    expect(messages[0]).toBe('Parcel 20 is an undivided-interest (UDI) parent in 2026; exemptions go on its UDI child parcels (property_val.udi_parent_prop_id = 20).');
    expect(messages[1]).toBe('Parcel 21 is deleted (inactive) in 2026 (property_val.prop_inactive_dt is set), so it takes no exemption.');
    expect(messages[2]).toBe('Owner 121 has no FARM on parcel 21 for 2026, so there is nothing to remove.');
  });

  it("refuses adding a code to a property type its state's rules exclude; removing it is allowed", async () => {
    const homes = [
      { prop: 22, owner: 122, type: 'R', holds: ['HOF'] },
      { prop: 23, owner: 123, type: '' },
      { prop: 24, owner: 124, type: 'P' },
      { prop: 25, owner: 125, type: 'MH' },
    ];
    const { issues, messages } = await check(county(homes), [
      ex({ prop: 22, owner: 122, code: 'HOF' }),
      ex({ prop: 23, owner: 123, code: 'HOF' }),
      ex({ prop: 22, owner: 122, code: 'HOF', action: 'REMOVE' }),
      snr(24, 124),
      snr(25, 125),
    ]);
    expect(issues).toEqual([
      [2, 'exmpt_type_cd', 'prop_type_not_allowed'],
      [2, 'exmpt_type_cd', 'duplicate_existing'],
      [3, 'exmpt_type_cd', 'prop_type_not_allowed'],
      [5, 'exmpt_type_cd', 'prop_type_not_allowed'],
    ]);
    expect(messages[0]).toBe('HOF applies to property types P (Washington rules); parcel 22 is type R.');
    expect(messages[1]).toBe('Owner 122 already has HOF on parcel 22 for 2026; PACS allows one per year, parcel, owner and code.');
    expect(messages[2]).toBe('HOF applies to property types P (Washington rules); parcel 23 is type unknown.');
  });

  it('names the earlier line a row repeats, and refuses a code the owner has on that parcel, not one held by another owner or on another parcel', async () => {
    const homes = [
      { prop: 26, owner: 126, type: 'P', holds: ['FARM'] },
      { prop: 26, owner: 127, type: 'P', holds: ['HOF'] },
      { prop: 27, owner: 126, type: 'P', holds: ['HOF'] },
    ];
    const { issues, messages } = await check(county(homes), [ex({ prop: 26, owner: 126, code: 'HOF' }), ex({ prop: 26, owner: 126, code: 'HOF', firstLine: 2 })]);
    expect(issues).toEqual([[3, 'exmpt_type_cd', 'duplicate_in_file']]);
    expect(messages[0]).toBe('This row repeats line 2 (same year, parcel, owner and exemption code). Keep one of them.');
  });
});

describe('exemptions checker: percentage, sub-type and age (Washington SNR/DSBL, Texas statutory amounts)', () => {
  it('asks for exemption_pct where the code needs one and refuses it where the amount is statutory, unless staging already refused the field', async () => {
    const homes = [{ prop: 30, owner: 130, type: 'R', holds: ['HS'] }];
    const { issues, messages } = await check(
      county(homes),
      [
        ex({ prop: 30, owner: 130, code: 'AB' }),
        ex({ prop: 30, owner: 130, code: 'AB', pct: 40 }),
        ex({ prop: 30, owner: 130, code: 'AB', stageErrors: true }),
        ex({ prop: 30, owner: 130, code: 'OV65', pct: 10 }),
        ex({ prop: 30, owner: 130, code: 'OV65S' }),
      ],
      'TX',
    );
    expect(issues.filter(([, field]) => field === 'exemption_pct')).toEqual([
      [2, 'exemption_pct', 'pct_required'],
      [5, 'exemption_pct', 'pct_not_allowed'],
    ]);
    expect(messages[0]).toBe('AB needs exemption_pct (the percentage exempt, 0–100).');
    expect(messages).toContain('OV65 has a statutory amount; leave exemption_pct empty.');
  });

  it("takes only the code's own sub-types (or one for any code), and asks for one when the code has them", async () => {
    const homes = [1, 2, 3, 4, 5, 6].map((i) => ({ prop: 30 + i, owner: 130 + i }));
    const { issues, messages } = await check(county(homes), [
      snr(31, 131, { subtype: 'snr' }),
      snr(32, 132, { subtype: 'ANY' }),
      snr(33, 133, { subtype: 'VET' }),
      snr(34, 134, { subtype: 'NOPE' }),
      snr(35, 135, { subtype: null }),
      snr(36, 136, { subtype: null, stageErrors: true }),
    ]);
    expect(issues).toEqual([
      [4, 'exmpt_subtype_cd', 'invalid_subtype'],
      [5, 'exmpt_subtype_cd', 'invalid_subtype'],
      [6, 'exmpt_subtype_cd', 'invalid_subtype'],
    ]);
    expect(messages).toEqual([
      'VET is not a sub-type of SNR/DSBL in this PACS database (exmpt_sub_type: SNR, DSBL).',
      'NOPE is not a sub-type of SNR/DSBL in this PACS database (exmpt_sub_type: SNR, DSBL).',
      "SNR/DSBL needs exmpt_subtype_cd, one of the county's sub-types: SNR, DSBL.",
    ]);

    const tx = await check(county([{ prop: 37, owner: 137 }]), [ex({ prop: 37, owner: 137, code: 'DV2', subtype: 'VET' })], 'TX');
    expect(tx.issues).toEqual([[2, 'exmpt_subtype_cd', 'invalid_subtype']]);
    expect(tx.messages[0]).toBe('VET is not a sub-type of DV2 in this PACS database (exmpt_sub_type has none for it).');
  });

  it('takes an owner who is 61 on December 31 of the year, not one a year younger; a disability sub-type needs no age', async () => {
    const homes = [
      { prop: 40, owner: 140, birth: '1965-12-31T00:00:00' },
      { prop: 41, owner: 141, birth: '1966-01-01T00:00:00' },
      { prop: 42, owner: 142, birth: '1990-05-05' },
      { prop: 43, owner: 143, birth: '1966-01-01' },
    ];
    const { issues, messages } = await check(county(homes), [snr(40, 140), snr(41, 141), snr(42, 142, { subtype: 'DSBL' }), snr(43, 143, { subtype: 'ANY' })]);
    expect(issues).toEqual([
      [3, 'owner_id', 'age_requirement'],
      [5, 'owner_id', 'age_requirement'],
    ]);
    expect(messages[0]).toBe(
      'SNR/DSBL by age needs the owner to be 61 or older on December 31, 2026 (Washington rules); owner 141 is younger by owner.birth_dt. A disabled owner takes a disability sub-type.',
    );
  });

  it('asks for the birth date when the owner has none, and not when the sub-type is a disability one', async () => {
    const homes = [
      { prop: 44, owner: 144, birth: null },
      { prop: 45, owner: 145, birth: '' },
      { prop: 46, owner: 146, birth: null },
    ];
    const { issues, messages } = await check(county(homes), [snr(44, 144), snr(45, 145, { subtype: null, stageErrors: true }), snr(46, 146, { subtype: 'DSBL' })]);
    expect(issues).toEqual([
      [2, 'owner_id', 'age_unknown'],
      [3, 'owner_id', 'age_unknown'],
    ]);
    expect(messages[0]).toBe("SNR/DSBL by age needs the owner's birth date, and owner 144 has none on the parcel (owner.birth_dt); record it in PACS, or use a disability sub-type.");
  });

  it('reads a disability flag kept as 1, and any other value as none', async () => {
    const homes = [
      { prop: 47, owner: 147, birth: '2000-01-01' },
      { prop: 48, owner: 148, birth: '2000-01-01' },
    ];
    const subTypes = [
      { cd: 'DSBL', code: 'SNR/DSBL', disability: true },
      { cd: 'SNR', code: 'SNR/DSBL', disability: false },
    ];
    const { issues } = await check(county(homes, { subTypes }), [snr(47, 147, { subtype: 'DSBL' }), snr(48, 148, { subtype: 'SNR' })]);
    expect(issues).toEqual([[3, 'owner_id', 'age_requirement']]);
  });
});

describe("exemptions checker: the county's income tiers", () => {
  it('takes income up to and including the top of the tier, and names the tier a higher one falls in', async () => {
    const homes = [1, 2, 3, 4, 5].map((i) => ({ prop: 50 + i, owner: 150 + i }));
    const { issues, messages } = await check(county(homes), [
      snr(51, 151, { income: 30_000 }),
      snr(52, 152, { income: 30_001 }),
      snr(53, 153, { tier: '2', income: 30_001 }),
      snr(54, 154, { tier: '2', income: 30_000 }),
      snr(55, 155, { tier: '3', income: 50_001 }),
    ]);
    expect(issues).toEqual([
      [3, 'exempt_qualify_cd', 'income_tier_mismatch'],
      [5, 'exempt_qualify_cd', 'income_tier_mismatch'],
      [6, 'exempt_qualify_cd', 'income_tier_mismatch'],
    ]);
    expect(messages).toEqual([
      'Income 30001 is outside tier 1 of 2026 (0–30000); it falls in tier 2.',
      'Income 30000 is outside tier 2 of 2026 (30001–40000); it falls in tier 1.',
      'Income 50001 is outside tier 3 of 2026 (40001–50000); it is above every tier, so the owner does not qualify.',
    ]);
  });

  it('names an open-ended tier as having no limit', async () => {
    const tiers = [
      { year: 2026, code: 'SNR/DSBL', tier: 'A', min: 10_000, max: null },
      { year: 2026, code: 'SNR/DSBL', tier: 'B', min: null, max: 9_999 },
    ];
    const homes = [1, 2, 3].map((i) => ({ prop: 55 + i, owner: 155 + i }));
    const { issues, messages } = await check(county(homes, { tiers }), [snr(56, 156, { tier: 'a', income: 9_999_999 }), snr(57, 157, { tier: 'A', income: 9_999 }), snr(58, 158, { tier: 'B', income: 0 })]);
    expect(issues).toEqual([[3, 'exempt_qualify_cd', 'income_tier_mismatch']]);
    expect(messages).toEqual(['Income 9999 is outside tier A of 2026 (10000–no limit); it falls in tier B.']);
  });

  it('asks for the tier and the income, refuses a tier the county does not have, and one where the year has no tiers', async () => {
    const homes = [1, 2, 3, 4, 5, 6].map((i) => ({ prop: 60 + i, owner: 160 + i }));
    const { issues, messages } = await check(county(homes), [
      snr(61, 161, { tier: null }),
      snr(62, 162, { tier: 'Z' }),
      snr(63, 163, { income: null }),
      snr(64, 164, { tier: null, income: null, stageErrors: true }),
      snr(65, 165, { tier: 'Z', income: 99_999_999 }),
      ex({ prop: 66, owner: 166, code: 'HOF', tier: '1' }),
    ]);
    expect(issues).toEqual([
      [2, 'exempt_qualify_cd', 'invalid_qualify_cd'],
      [3, 'exempt_qualify_cd', 'invalid_qualify_cd'],
      [4, 'combined_disp_income', 'income_required'],
      [6, 'exempt_qualify_cd', 'invalid_qualify_cd'],
      [7, 'exmpt_type_cd', 'prop_type_not_allowed'],
      [7, 'exempt_qualify_cd', 'invalid_qualify_cd'],
    ]);
    expect(messages).toEqual([
      'SNR/DSBL needs exempt_qualify_cd, the income tier: one of 1, 2, 3 for 2026 (exmpt_qualify_code).',
      'Z is not an income tier of SNR/DSBL for 2026 in this PACS database (exmpt_qualify_code: 1, 2, 3).',
      'SNR/DSBL needs combined_disp_income (whole dollars) to check the income tier.',
      'Z is not an income tier of SNR/DSBL for 2026 in this PACS database (exmpt_qualify_code: 1, 2, 3).',
      'HOF applies to property types P (Washington rules); parcel 66 is type R.',
      'This PACS database has no income tiers for HOF in 2026 (exmpt_qualify_code), so exempt_qualify_cd 1 cannot apply; leave it empty.',
    ]);
  });

  it("uses the tiers of the row's year only", async () => {
    const tiers = [{ year: 2025, code: 'SNR/DSBL', tier: '1', min: null, max: 10 }];
    const { issues } = await check(county([{ prop: 67, owner: 167 }], { tiers }), [snr(67, 167, { tier: null, income: null })]);
    expect(issues).toEqual([]);
  });
});

describe('exemptions checker: one residence exemption per owner and year', () => {
  it('refuses a residence exemption the owner holds on another parcel, unless the file removes that one', async () => {
    const homes = [
      { prop: 70, owner: 170, holds: ['SNR/DSBL'] },
      { prop: 71, owner: 170 },
      { prop: 72, owner: 172, holds: ['SNR/DSBL'] },
      { prop: 73, owner: 172 },
    ];
    const { issues, messages } = await check(county(homes), [snr(71, 170), snr(73, 172), ex({ prop: 72, owner: 172, code: 'SNR/DSBL', action: 'REMOVE' })]);
    expect(issues).toEqual([[2, 'exmpt_type_cd', 'residence_elsewhere']]);
    expect(messages[0]).toBe(
      "Owner 170 would have SNR/DSBL on parcel 71 and on 70 in 2026; an owner has one residence exemption a year (RCW 84.36.381 (the principal residence)). Keep the one for the owner's residence.",
    );
  });

  it('refuses a file that adds it on two parcels the owner owns, naming them in order, and not for a parcel the owner does not own', async () => {
    const homes = [
      { prop: 76, owner: 176 },
      { prop: 75, owner: 176 },
      { prop: 74, owner: 176 },
      { prop: 77, owner: 999 },
    ];
    const { issues, messages } = await check(county(homes), [snr(76, 176), snr(75, 176), snr(74, 176), snr(77, 176)]);
    expect(issues).toEqual([
      [2, 'exmpt_type_cd', 'residence_elsewhere'],
      [3, 'exmpt_type_cd', 'residence_elsewhere'],
      [4, 'exmpt_type_cd', 'residence_elsewhere'],
      [5, 'owner_id', 'owner_not_found'],
    ]);
    expect(messages[0]).toMatch(/^Owner 176 would have SNR\/DSBL on parcel 76 and on 74, 75 in 2026;/);
  });

  it('counts a parcel the file names by geo_id as that parcel, and does not count the same parcel twice', async () => {
    const homes = [
      { prop: 78, owner: 178 },
      { prop: 79, owner: 178 },
      { prop: 80, owner: 180, holds: ['SNR/DSBL'] },
    ];
    const { issues } = await check(county(homes), [snr(78, 178), ex({ geo: 'G-79', owner: 178, code: 'SNR/DSBL', subtype: 'SNR', tier: '1', income: 20_000 }), snr(80, 180, { action: 'REMOVE' }), snr(80, 180)]);
    expect(issues).toEqual([
      [2, 'exmpt_type_cd', 'residence_elsewhere'],
      [3, 'exmpt_type_cd', 'residence_elsewhere'],
      [5, 'exmpt_type_cd', 'duplicate_existing'],
    ]);
  });

  it('leaves alone residence codes of the other state, and does not count a row the stage already refused', async () => {
    const homes = [
      { prop: 81, owner: 181, holds: ['HS'] },
      { prop: 82, owner: 181 },
      { prop: 83, owner: 183 },
      { prop: 84, owner: 183 },
    ];
    const wa = await check(county(homes), [ex({ prop: 82, owner: 181, code: 'HS' })]);
    expect(wa.issues).toEqual([]);
    const tx = await check(county(homes), [ex({ prop: 82, owner: 181, code: 'HS' }), ex({ prop: 83, owner: 183, code: 'HS' }), ex({ prop: 84, owner: 183, code: 'HS', stageErrors: true })], 'TX');
    // The refused row is checked itself, but the parcels of the others are not counted against it.
    expect(tx.issues).toEqual([
      [2, 'exmpt_type_cd', 'residence_elsewhere'],
      [4, 'exmpt_type_cd', 'residence_elsewhere'],
    ]);
    expect(tx.messages[0]).toMatch(/\(Tax Code §11\.13 \(one residence homestead\)\)/);
  });
});

describe('exemptions checker: codes that need or exclude others (Texas)', () => {
  it('refuses OV65 without a homestead, held or added by the file; and refuses removing the homestead OV65 needs', async () => {
    const homes = [
      { prop: 90, owner: 190 },
      { prop: 91, owner: 191, holds: ['HS'] },
      { prop: 92, owner: 192 },
      { prop: 93, owner: 193, holds: ['HS', 'OV65'] },
      { prop: 94, owner: 194, holds: ['HS', 'OV65'] },
    ];
    const { issues, messages } = await check(
      county(homes),
      [
        ex({ prop: 90, owner: 190, code: 'OV65' }),
        ex({ prop: 91, owner: 191, code: 'OV65' }),
        ex({ prop: 92, owner: 192, code: 'OV65' }),
        ex({ geo: 'G-92', owner: 192, code: 'HS' }),
        ex({ prop: 93, owner: 193, code: 'HS', action: 'REMOVE' }),
        ex({ prop: 94, owner: 194, code: 'HS', action: 'REMOVE' }),
        ex({ prop: 94, owner: 194, code: 'OV65', action: 'REMOVE' }),
      ],
      'TX',
    );
    expect(issues).toEqual([
      [2, 'exmpt_type_cd', 'requires_homestead'],
      [6, 'exmpt_type_cd', 'requires_homestead'],
    ]);
    expect(messages).toEqual([
      'OV65 needs HS for the same owner, parcel and year; the owner has none and the file adds none.',
      'Removing HS would leave OV65 without the HS it needs; remove OV65 in this file too.',
    ]);
  });

  it('refuses OV65 while the owner holds OV65S, unless the file removes it; DP while OV65 is held; a second disabled-veteran rating', async () => {
    const homes = [
      { prop: 95, owner: 195, holds: ['HS', 'OV65S'] },
      { prop: 96, owner: 196, holds: ['HS', 'OV65S'] },
      { prop: 97, owner: 197, holds: ['HS', 'OV65'] },
      { prop: 98, owner: 198, holds: ['DV2'] },
      { prop: 99, owner: 199, holds: ['HS'] },
    ];
    const { issues, messages } = await check(
      county(homes),
      [
        ex({ prop: 95, owner: 195, code: 'OV65' }),
        ex({ prop: 96, owner: 196, code: 'OV65' }),
        ex({ prop: 96, owner: 196, code: 'OV65S', action: 'REMOVE' }),
        ex({ prop: 97, owner: 197, code: 'DP' }),
        ex({ prop: 98, owner: 198, code: 'DV1', subtype: 'VET' }),
        ex({ prop: 99, owner: 199, code: 'DV1', subtype: 'VET' }),
        ex({ prop: 99, owner: 199, code: 'OV65S' }),
      ],
      'TX',
    );
    expect(issues).toEqual([
      [2, 'exmpt_type_cd', 'ov65_conflict'],
      [5, 'exmpt_type_cd', 'exemption_conflict'],
      [6, 'exmpt_type_cd', 'exemption_conflict'],
    ]);
    expect(messages).toEqual([
      'OV65 and OV65S cannot both apply to this owner: OV65 replaces OV65S. Add a REMOVE row for OV65S (same parcel, owner and year) in this file.',
      'DP cannot be added while the owner holds OV65 (an owner takes either the over-65 or the disabled-person exemption, §11.13(h)). Remove OV65 in this file first.',
      'DV1 cannot be added while the owner holds DV2: a disabled veteran has one rating. Remove DV2 in this file first.',
    ]);
  });

  it('counts what the file adds toward a conflict, only for the same owner and parcel', async () => {
    const homes = [
      { prop: 100, owner: 200, holds: ['HS'] },
      { prop: 100, owner: 201, holds: ['HS'] },
    ];
    const { issues } = await check(
      county(homes),
      [ex({ prop: 100, owner: 200, code: 'OV65' }), ex({ prop: 100, owner: 200, code: 'DP' }), ex({ prop: 100, owner: 201, code: 'OV65S' })],
      'TX',
    );
    expect(issues).toEqual([
      [2, 'exmpt_type_cd', 'exemption_conflict'],
      [3, 'exmpt_type_cd', 'exemption_conflict'],
    ]);
  });

  it('reads the changes staging kept under another build\'s order of the linked codes', async () => {
    const homes = [{ prop: 102, owner: 202, holds: ['HS', 'OV65S'] }];
    const rows = [ex({ prop: 102, owner: 202, code: 'OV65' }), ex({ prop: 102, owner: 202, code: 'OV65S', action: 'REMOVE' })];
    const source = await pacsSource(county(homes));
    try {
      const stager = new ExemptionChecker({ jurisdiction: 'TX' });
      rows.forEach((r, i) => stager.collect({ line: i + 2, values: r.values, propId: r.filePropId, hasStageErrors: false }));
      const kept = JSON.parse(JSON.stringify(stager.exportCollected())) as { linked: string[]; changes: [string, number][] };
      // The same changes as a build that listed an unknown code first and the linked codes in reverse would keep them.
      const n = kept.linked.length;
      const order = ['RETIRED', ...[...kept.linked].reverse()];
      const position = (code: string) => order.indexOf(code);
      const remask = (mask: number) =>
        kept.linked.reduce((out, code, i) => out | ((mask >>> i) & 1 ? 1 << position(code) : 0) | ((mask >>> (i + 16)) & 1 ? 1 << (position(code) + 16) : 0), 0);
      expect(n).toBeLessThan(15);
      const other = { ...kept, linked: order, changes: kept.changes.map(([key, mask]) => [key, remask(mask) | (1 << 0) | (1 << 16)] as [string, number]) };

      const checker = new ExemptionChecker({ jurisdiction: 'TX' });
      checker.importCollected(other);
      await checker.load(source.connector);
      await checker.loadResolved(source.connector);
      const found: string[] = [];
      rows.forEach((r, i) => checker.check({ line: i + 2, values: r.values, propId: 102, hasStageErrors: false }, undefined, (_f, code) => found.push(code)));
      expect(found).toEqual([]);

      // Without the REMOVE of OV65S the same import sees the conflict.
      const alone = new ExemptionChecker({ jurisdiction: 'TX' });
      alone.importCollected({ ...other, changes: other.changes.map(([key, mask]) => [key, mask & 0xffff]) });
      await alone.load(source.connector);
      await alone.loadResolved(source.connector);
      const conflict: string[] = [];
      alone.check({ line: 2, values: rows[0].values, propId: 102, hasStageErrors: false }, undefined, (_f, code) => conflict.push(code));
      expect(conflict).toEqual(['ov65_conflict']);
    } finally {
      await source.close();
    }
  });
});

describe('exemptions checker: what staging left out, and what the file adds twice', () => {
  it('reads a manifest that collected nothing', async () => {
    const source = await pacsSource(county([{ prop: 110, owner: 210, type: 'P' }]));
    try {
      const checker = new ExemptionChecker();
      checker.importCollected({});
      await checker.load(source.connector);
      await checker.loadResolved(source.connector);
      const found: string[] = [];
      checker.check({ line: 2, values: ex({ prop: 110, owner: 210, code: 'HOF' }).values, propId: 110, hasStageErrors: false }, undefined, (_f, code) => found.push(code));
      expect(found).toEqual(['parcel_not_found']);
    } finally {
      await source.close();
    }
  });

  it('checks no further a row that staging refused for a missing parcel, year, owner or code', async () => {
    const homes = [{ prop: 111, owner: 211, type: 'P', inactive: true }];
    const { issues } = await check(county(homes), [
      ex({ owner: 211, code: 'HOF', stageErrors: true }),
      { ...ex({ prop: 111, owner: 211, code: 'HOF', stageErrors: true }), values: ex({ prop: 111, owner: 211, code: 'HOF' }).values.map((v, i) => (i === 3 ? null : v)) },
      { ...ex({ prop: 111, owner: 211, code: 'HOF', stageErrors: true }), values: ex({ prop: 111, owner: 211, code: 'HOF' }).values.map((v, i) => (i === 2 ? null : v)) },
      { ...ex({ prop: 111, owner: 211, code: 'HOF', stageErrors: true }), values: ex({ prop: 111, owner: 211, code: 'HOF' }).values.map((v, i) => (i === 4 ? null : v)) },
    ]);
    expect(issues).toEqual([]);
  });

  it('names eight codes without an ellipsis, and an unknown code with an income tier gets no tier rule', async () => {
    const codes = ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'HOF'];
    const { issues, messages } = await check(county([{ prop: 112, owner: 212, type: 'P' }], { codes }), [ex({ prop: 112, owner: 212, code: 'ZZ', tier: '1' })]);
    expect(issues).toEqual([[2, 'exmpt_type_cd', 'unknown_exemption_code']]);
    expect(messages[0]).toBe('ZZ is not an exemption code of this PACS database (exmpt_type: A1, A2, A3, A4, A5, A6, A7, HOF). Check the code.');
  });

  it('names every property type a Texas code takes', async () => {
    const { messages } = await check(county([{ prop: 113, owner: 213, type: 'P' }]), [ex({ prop: 113, owner: 213, code: 'HS' })], 'TX');
    expect(messages).toEqual(['HS applies to property types R, MH (Texas rules); parcel 113 is type P.']);
  });

  it('merges what the file does to one parcel by prop_id and by geo_id', async () => {
    const homes = [{ prop: 114, owner: 214, holds: ['HS', 'OV65S'] }];
    const { issues } = await check(county(homes), [ex({ prop: 114, owner: 214, code: 'OV65S', action: 'REMOVE' }), ex({ geo: 'G-114', owner: 214, code: 'OV65' })], 'TX');
    expect(issues).toEqual([]);
  });

  it('names every code a homestead removal would orphan, and ignores held codes the state has no rule for', async () => {
    const homes = [
      { prop: 115, owner: 215, holds: ['HS', 'OV65', 'DVHS'] },
      { prop: 116, owner: 216, holds: ['HS', 'SNR/DSBL'] },
    ];
    const { issues, messages } = await check(county(homes), [ex({ prop: 115, owner: 215, code: 'HS', action: 'REMOVE' }), ex({ prop: 116, owner: 216, code: 'HS', action: 'REMOVE' })], 'TX');
    expect(issues).toEqual([[2, 'exmpt_type_cd', 'requires_homestead']]);
    expect(messages[0]).toBe('Removing HS would leave OV65, DVHS without the HS it needs; remove OV65, DVHS in this file too.');
  });

  it('places an income in an open-ended tier above a bounded one', async () => {
    const tiers = [
      { year: 2026, code: 'SNR/DSBL', tier: 'A', min: 10_000, max: null },
      { year: 2026, code: 'SNR/DSBL', tier: 'B', min: null, max: 9_999 },
    ];
    const { messages } = await check(county([{ prop: 117, owner: 217 }], { tiers }), [snr(117, 217, { tier: 'B', income: 50_000 })]);
    expect(messages).toEqual(['Income 50000 is outside tier B of 2026 (0–9999); it falls in tier A.']);
  });
});

describe('exemptions checker: residences the owner holds or the file adds', () => {
  it('names every other parcel the owner holds the residence exemption on, not the one the row adds it to again', async () => {
    const homes = [
      { prop: 120, owner: 220, holds: ['SNR/DSBL'] },
      { prop: 121, owner: 220, holds: ['SNR/DSBL'] },
      { prop: 122, owner: 220 },
      { prop: 123, owner: 223, holds: ['SNR/DSBL'] },
    ];
    const { issues, messages } = await check(county(homes), [snr(122, 220), snr(123, 223)]);
    expect(issues).toEqual([
      [2, 'exmpt_type_cd', 'residence_elsewhere'],
      [3, 'exmpt_type_cd', 'duplicate_existing'],
    ]);
    expect(messages[0]).toMatch(/^Owner 220 would have SNR\/DSBL on parcel 122 and on 120, 121 in 2026;/);
  });

  it('counts a parcel the owner owns with others, and not one without owners or one named by a geo_id that matches nothing', async () => {
    const homes = [
      { prop: 124, owner: 224 },
      { prop: 125, owner: 224 },
      { prop: 125, owner: 225 },
      { prop: 126, owner: 226, years: [2025] },
    ];
    const { issues } = await check(county(homes), [snr(124, 224), snr(125, 224), snr(126, 224), ex({ geo: 'NOWHERE', owner: 224, code: 'SNR/DSBL', subtype: 'SNR', tier: '1', income: 20_000 })]);
    expect(issues).toEqual([
      [2, 'exmpt_type_cd', 'residence_elsewhere'],
      [3, 'exmpt_type_cd', 'residence_elsewhere'],
      [4, 'owner_id', 'owner_not_found'],
      [5, 'geo_id', 'parcel_not_found'],
    ]);
  });

  it("applies the one-residence rule to the state's residence codes only", async () => {
    const homes = [
      { prop: 127, owner: 227 },
      { prop: 128, owner: 227 },
    ];
    const { issues } = await check(county(homes), [ex({ prop: 127, owner: 227, code: 'HS' }), ex({ prop: 128, owner: 227, code: 'HS' })]);
    expect(issues).toEqual([]);
  });
});

describe('exemptions checker: a parcel numbered 0', () => {
  it('resolves its geo_id to it and checks its rows like any other parcel', async () => {
    const homes = [
      { prop: 0, owner: 300 },
      { prop: 130, owner: 300 },
    ];
    const { issues, messages, propIds } = await check(
      county(homes),
      [ex({ geo: 'G-0', owner: 300, code: 'HS' }), ex({ prop: 0, owner: 300, code: 'OV65' }), ex({ prop: 130, geo: 'G-0', owner: 300, code: 'OV65' }), ex({ geo: 'G-0', owner: 999, code: 'DP' })],
      'TX',
    );
    expect(propIds).toEqual([0, 0, 130, 0]);
    // The OV65 on parcel 0 finds the homestead the file adds there by geo_id; parcel 130 has none.
    expect(issues).toEqual([
      [4, 'geo_id', 'parcel_mismatch'],
      [4, 'exmpt_type_cd', 'requires_homestead'],
      [5, 'owner_id', 'owner_not_found'],
    ]);
    expect(messages[0]).toBe('geo_id "G-0" is parcel 0, not prop_id 130; fix one of them.');
    expect(messages[2]).toBe('Owner 999 does not own parcel 0 in 2026 (its owners in 2026 are 300).');
  });
});

describe('exemptions checker: a file naming 20,000 parcels, owners and years, against a database outside the process', () => {
  it('reads owners, held exemptions, residences held and income tiers in one streamed scan each, and finds the same', async () => {
    // Besides the rows under test, one row per parcel, owner and year (years the database does not have).
    const many = 20_000;
    const others = Array.from({ length: many }, (_, i) => ex({ prop: 1_000 + i, owner: 500_000 + i, year: 3_000 + i, code: 'HOF' }));
    const homes = [
      { prop: 131, owner: 231 },
      { prop: 132, owner: 232, type: 'P', holds: ['HOF'] },
      { prop: 133, owner: 233, holds: ['SNR/DSBL'] },
      { prop: 134, owner: 233 },
    ];
    const source = await pacsSource(county(homes, { parcels: others.map((_, i) => ({ prop: 1_000 + i, geo: `F-${i}` })) }));
    try {
      // The SQLite database read as SQL Server is: a source in another process (the recording connector).
      const remote = new RecordingConnector(source.connector, 'pacs');
      const { issues } = await checkRows(() => new ExemptionChecker(), { connector: remote }, [snr(131, 231), ex({ prop: 132, owner: 232, code: 'HOF' }), snr(134, 233), ...others]);
      expect(issues.filter(([line]) => line < 5)).toEqual([
        [3, 'exmpt_type_cd', 'duplicate_existing'],
        [4, 'exmpt_type_cd', 'residence_elsewhere'],
      ]);
      expect(issues.filter(([, , code]) => code === 'year_unknown')).toHaveLength(many);

      const lookups = remote.statements.filter((s) => /FROM (owner o|property_exemption pe|exmpt_qualify_code)\b/.test(s.sql)).map((s) => s.sql);
      expect(lookups).toHaveLength(4);
      expect(lookups.filter((sql) => /\b(o\.prop_id|pe\.prop_id|pe\.owner_id|year) IN \(/.test(sql))).toEqual([]);
    } finally {
      await source.close();
    }
  });
});
