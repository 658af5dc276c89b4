import type { Jurisdiction } from '../pacs/jurisdiction.js';

/**
 * Code tables of the demo database and the codes the generator writes into data rows. The real
 * database dump holds no code rows, so these are synthetic: plausible codes that fit the
 * catalog's columns (status codes of at most 10 characters, 'T'/'F' flags, tiers '1'–'3').
 */

export interface ExemptionTypeRow {
  exmpt_type_cd: string;
  exmpt_desc: string;
  /** The state-mandated amount where the statute fixes one (Texas school district amounts). */
  federal_amt: number;
  spl_exmpt: 'T' | 'F';
  freeze_flag: 0 | 1;
}

const ex = (exmpt_type_cd: string, exmpt_desc: string, federal_amt = 0, freeze_flag: 0 | 1 = 0): ExemptionTypeRow => ({ exmpt_type_cd, exmpt_desc, federal_amt, spl_exmpt: 'F', freeze_flag });

/** The exemption codes a county of the state keeps in exmpt_type. Washington has no homestead exemption. */
export const EXEMPTION_TYPES: Readonly<Record<Jurisdiction, readonly ExemptionTypeRow[]>> = {
  WA: [
    ex('SNR/DSBL', 'Senior citizen / disabled (RCW 84.36.381)', 0, 1),
    ex('EX', 'Exempt: government property'),
    ex('DOR', 'Exempt by Department of Revenue (nonprofit)'),
    ex('HOF', 'Head of family personal property (RCW 84.36.110)', 15000),
    ex('FARM', 'Farm machinery and equipment (RCW 84.36.630)'),
  ],
  TX: [
    ex('HS', 'Residence homestead', 100000),
    ex('OV65', 'Over 65 (tax ceiling)', 10000, 1),
    ex('OV65S', 'Over 65 surviving spouse', 10000, 1),
    ex('DP', 'Disabled person (tax ceiling)', 10000, 1),
    ex('DV1', 'Disabled veteran 10-30% (§11.22)', 5000),
    ex('DV2', 'Disabled veteran 30-50% (§11.22)', 7500),
    ex('DV3', 'Disabled veteran 50-70% (§11.22)', 10000),
    ex('DV4', 'Disabled veteran 70%+ (§11.22)', 12000),
    ex('DV1S', 'Disabled veteran 10-30% surviving spouse', 5000),
    ex('DV2S', 'Disabled veteran 30-50% surviving spouse', 7500),
    ex('DV3S', 'Disabled veteran 50-70% surviving spouse', 10000),
    ex('DV4S', 'Disabled veteran 70%+ surviving spouse', 12000),
    ex('DVHS', '100% disabled veteran homestead (§11.131)'),
    ex('EX', 'Total exemption (public, religious, charity)'),
    ex('EX366', 'Personal property under $2,500 (§11.145)'),
    ex('AB', 'Abatement'),
    ex('FR', 'Freeport goods'),
    ex('PC', 'Pollution control'),
    ex('SO', 'Solar / wind powered device'),
    ex('HT', 'Historical site'),
    ex('CH', 'Charitable organization'),
  ],
};

export interface ExemptionSubTypeRow {
  exmpt_sub_type_cd: string;
  exmpt_sub_type_desc: string;
  exmpt_type_cd: string;
  /** 1: the sub-type qualifies by disability, not by age. */
  disability: 0 | 1;
}

export const EXEMPTION_SUB_TYPES: Readonly<Record<Jurisdiction, readonly ExemptionSubTypeRow[]>> = {
  WA: [
    { exmpt_sub_type_cd: 'SNR', exmpt_sub_type_desc: 'Senior citizen, 61 or older', exmpt_type_cd: 'SNR/DSBL', disability: 0 },
    { exmpt_sub_type_cd: 'DSBL', exmpt_sub_type_desc: 'Disabled person', exmpt_type_cd: 'SNR/DSBL', disability: 1 },
    { exmpt_sub_type_cd: 'DAV', exmpt_sub_type_desc: 'Disabled veteran', exmpt_type_cd: 'SNR/DSBL', disability: 1 },
  ],
  TX: [],
};

export interface QualifyCodeRow {
  year: number;
  exemption_code: string;
  exempt_type_cd: string;
  exemption_desc: string;
  income_min: number;
  income_max: number;
  percentage: number;
  exempt_min: number;
  exempt_max: number | null;
  excess_levy: string;
}

/**
 * A Washington county's SNR/DSBL income tiers of a year (RCW 84.36.381(5): thresholds set from
 * the county's median household income): tier 1 the lowest incomes.
 */
export function incomeTiers(year: number, label = year): QualifyCodeRow[] {
  const step = (year - 2021) * 1_500;
  const t1 = 34_000 + step;
  const t2 = 41_000 + step;
  const t3 = 48_000 + step;
  const row = (code: string, min: number, max: number, percentage: number, exemptMin: number, exemptMax: number | null): QualifyCodeRow => ({
    year: label,
    exemption_code: code,
    exempt_type_cd: 'SNR/DSBL',
    exemption_desc: `Income threshold ${code}`,
    income_min: min,
    income_max: max,
    percentage,
    exempt_min: exemptMin,
    exempt_max: exemptMax,
    excess_levy: 'T',
  });
  return [row('1', 0, t1, 0.6, 60_000, null), row('2', t1 + 1, t2, 0.35, 50_000, 70_000), row('3', t2 + 1, t3, 0, 0, 0)];
}

export interface ProtestStatusRow {
  status_cd: string;
  status_desc: string;
  /** char(1) flags, as PACS keeps them. */
  close_case: 'T' | 'F';
  generate_letter: 'T' | 'F';
}

const status = (status_cd: string, status_desc: string, close_case: 'T' | 'F', generate_letter: 'T' | 'F'): ProtestStatusRow => ({ status_cd, status_desc, close_case, generate_letter });

/** The demo county's protest (appeal) statuses; a protest is open while prot_complete_dt is NULL. */
export const PROTEST_STATUSES: readonly ProtestStatusRow[] = [
  status('O', 'Open: filed, not yet scheduled', 'F', 'F'),
  status('INF', 'Informal review with an appraiser', 'F', 'T'),
  status('S', 'Scheduled for a hearing', 'F', 'T'),
  status('RS', 'Hearing rescheduled', 'F', 'T'),
  status('H', 'Heard, decision pending', 'F', 'F'),
  status('NS', 'No show at the hearing', 'F', 'T'),
  status('LN', 'Letter: hearing notice sent', 'F', 'T'),
  status('LP', 'Letter: information requested', 'F', 'T'),
  status('SET', 'Settled by agreement', 'T', 'T'),
  status('F', 'Final: decision issued', 'T', 'T'),
  status('FR', 'Final: value reduced', 'T', 'T'),
  status('W', 'Withdrawn by the petitioner', 'T', 'F'),
  status('DU', 'Dismissed: filed late', 'T', 'T'),
  status('APL', 'Decided and appealed onward', 'T', 'F'),
];

export const CLOSING_STATUSES: ReadonlySet<string> = new Set(PROTEST_STATUSES.filter((s) => s.close_case === 'T').map((s) => s.status_cd));

/** The status a case gets when it is put on a hearing docket (what route_appeal sets on the demo). */
export const SCHEDULED_STATUS = 'S';

/** Statuses whose case sits on a protest-hearing docket. */
export const DOCKETED_STATUSES: ReadonlySet<string> = new Set(['S', 'RS', 'H', 'NS', 'LN', 'F', 'FR', 'APL']);
/** Statuses whose case has an informal appraiser meeting (an 'AP' hearing docket). */
export const MEETING_STATUSES: ReadonlySet<string> = new Set(['INF', 'SET']);

/** Protest mixes: the current (uncertified) year is mid-season, earlier years are done. */
export const CURRENT_YEAR_STATUS_WEIGHTS: readonly (readonly [string, number])[] = [
  ['O', 38], ['INF', 12], ['S', 17], ['RS', 4], ['H', 3], ['NS', 2], ['LN', 2], ['LP', 1],
  ['SET', 14], ['W', 4], ['F', 2], ['DU', 1],
];

export const PAST_YEAR_STATUS_WEIGHTS: readonly (readonly [string, number])[] = [
  ['F', 38], ['SET', 33], ['W', 12], ['FR', 6], ['DU', 3], ['APL', 5],
];

/** prot_type: the ground of the protest. */
export const PROTEST_TYPES: readonly (readonly [string, string, number])[] = [
  ['MKT', 'Market value', 60],
  ['UNEQ', 'Unequal appraisal', 25],
  ['EXMPT', 'Exemption denied', 6],
  ['CU', 'Current use / ag classification', 3],
  ['OWN', 'Ownership', 3],
  ['OTH', 'Other', 3],
];

export const DECISION_REASONS: readonly (readonly [string, string])[] = [
  ['RD', 'Value reduced'],
  ['NC', 'No change'],
  ['AGR', 'Agreement'],
  ['WD', 'Withdrawn'],
  ['DU', 'Dismissed: untimely'],
  ['NS', 'No show'],
];

export const PROTEST_BY: readonly (readonly [string, string])[] = [
  ['OW', 'Owner'],
  ['AG', 'Agent'],
];

export const PANELS = 'ABCDEFGHJK';

export const PROPERTY_TYPES: readonly (readonly [string, string])[] = [
  ['R', 'Real'],
  ['MH', 'Mobile home'],
  ['P', 'Personal'],
  ['MN', 'Mineral'],
  ['A', 'Automobile'],
];

export interface StateCodeRow {
  state_cd: string;
  state_cd_desc: string;
  commercial_acct_flag: 'T' | 'F';
}

/** Property classification codes (state_code) and which the generator gives to which parcel. */
export interface StateCodes {
  rows: readonly StateCodeRow[];
  residential: string;
  rural: string;
  agricultural: string;
  vacant: string;
  commercial: string;
  mobileHome: string;
  personal: string;
  mineral: string;
  auto: string;
}

const sc = (state_cd: string, state_cd_desc: string, commercial: boolean): StateCodeRow => ({ state_cd, state_cd_desc, commercial_acct_flag: commercial ? 'T' : 'F' });

export const STATE_CODES: Readonly<Record<Jurisdiction, StateCodes>> = {
  // Land-use codes as Washington's Department of Revenue groups them.
  WA: {
    rows: [
      sc('11', 'Household, single family units', false),
      sc('18', 'Household, mobile homes', false),
      sc('19', 'Residential, other', false),
      sc('53', 'Retail trade', true),
      sc('65', 'Professional services', true),
      sc('83', 'Agriculture, current use', false),
      sc('91', 'Undeveloped land', false),
      sc('PP', 'Personal property, business', true),
      sc('MN', 'Mineral rights', false),
      sc('AU', 'Vehicles', false),
    ],
    residential: '11',
    rural: '19',
    agricultural: '83',
    vacant: '91',
    commercial: '53',
    mobileHome: '18',
    personal: 'PP',
    mineral: 'MN',
    auto: 'AU',
  },
  // The Texas Comptroller's property categories.
  TX: {
    rows: [
      sc('A1', 'Single-family residence', false),
      sc('C1', 'Vacant lot', false),
      sc('D1', 'Qualified agricultural land', false),
      sc('E1', 'Rural land with a residence', false),
      sc('F1', 'Commercial real property', true),
      sc('G1', 'Oil and gas', false),
      sc('L1', 'Commercial personal property', true),
      sc('M1', 'Mobile home', false),
      sc('S', 'Vehicles and special inventory', false),
    ],
    residential: 'A1',
    rural: 'E1',
    agricultural: 'D1',
    vacant: 'C1',
    commercial: 'F1',
    mobileHome: 'M1',
    personal: 'L1',
    mineral: 'G1',
    auto: 'S',
  },
};

/** Supplement-group statuses (supp_status): C, TO and P are still in coding; A and BC are accepted. */
export const SUPP_STATUSES: readonly (readonly [string, string])[] = [
  ['C', 'Coding'],
  ['TO', 'Turned over for review'],
  ['P', 'Pending'],
  ['L', 'Locked'],
  ['A', 'Accepted'],
  ['BC', 'Bills created'],
  ['BA', 'Bills activated'],
];

export interface SupplementReason {
  sup_cd: string;
  sup_desc: string;
  /** Multiplier applied to the improvement value of the layer it changes. */
  imprvFactor: readonly [number, number];
}

/** Why a certified roll gets a supplement layer. */
export const SUPPLEMENT_REASONS: readonly (readonly [SupplementReason, number])[] = [
  [{ sup_cd: 'CE', sup_desc: 'Clerical error corrected', imprvFactor: [0.9, 1.08] }, 40],
  [{ sup_cd: 'OP', sup_desc: 'Omitted property added', imprvFactor: [1.05, 1.3] }, 20],
  [{ sup_cd: 'SE', sup_desc: 'Value error reduced', imprvFactor: [0.7, 0.92] }, 15],
  [{ sup_cd: 'BO', sup_desc: 'Board order after certification', imprvFactor: [0.85, 0.97] }, 15],
  [{ sup_cd: 'LC', sup_desc: 'Late correction by the assessor', imprvFactor: [0.95, 1.05] }, 10],
];

export const IMPRV_TYPES: readonly (readonly [string, string])[] = [
  ['R', 'Residential'],
  ['MH', 'Mobile home'],
  ['C', 'Commercial building'],
  ['MISC', 'Miscellaneous improvement'],
];

export const LAND_TYPES: readonly (readonly [string, string])[] = [
  ['HS', 'Homesite'],
  ['RES', 'Residential lot'],
  ['RUR', 'Rural land'],
  ['AG', 'Agricultural'],
  ['COM', 'Commercial land'],
];

export const ADDRESS_TYPES: readonly (readonly [string, string])[] = [
  ['M', 'Mailing'],
  ['W', 'Work'],
];

export const PHONE_TYPES: readonly (readonly [string, string])[] = [
  ['H', 'Home'],
  ['C', 'Cell'],
  ['B', 'Business'],
];

export const EVENT_TYPES: readonly (readonly [string, string])[] = [
  ['ARBPROT', 'Protest filed'],
  ['ARBCLOSE', 'Protest closed'],
  ['COO', 'Change of ownership'],
  ['SUPLMNT', 'Supplement'],
];

export const DEED_TYPES: readonly (readonly [string, string])[] = [
  ['WD', 'Warranty deed'],
  ['SWD', 'Special warranty deed'],
  ['GWD', 'Gift deed'],
  ['EXD', 'Executor deed'],
  ['QCD', 'Quitclaim deed'],
];

export const PROP_TYPE_WEIGHTS: readonly (readonly [string, number])[] = [
  ['R', 85], ['MH', 4], ['P', 8], ['MN', 2], ['A', 1],
];

/** The first letter of a geo_id by property type. */
export const GEO_PREFIX: Readonly<Record<string, string>> = { R: 'R', MH: 'M', P: 'P', MN: 'N', A: 'A' };
