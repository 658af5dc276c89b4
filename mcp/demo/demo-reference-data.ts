/**
 * Code tables of the demo database (exemption types, protest statuses) and the codes the
 * generator writes into data rows. Sources: pacs-domain.md.
 */

export interface ExemptionTypeRow {
  exmpt_type_cd: string;
  exmpt_desc: string;
  /** The state-mandated amount where the statute fixes one (Texas school district amounts). */
  federal_amt: number;
  freeze_flag: 'T' | 'F';
}

export const EXEMPTION_TYPES: readonly ExemptionTypeRow[] = [
  // Texas
  { exmpt_type_cd: 'HS', exmpt_desc: 'Residence homestead', federal_amt: 100000, freeze_flag: 'F' },
  { exmpt_type_cd: 'OV65', exmpt_desc: 'Over 65 (tax ceiling)', federal_amt: 10000, freeze_flag: 'T' },
  { exmpt_type_cd: 'OV65S', exmpt_desc: 'Over 65 surviving spouse', federal_amt: 10000, freeze_flag: 'T' },
  { exmpt_type_cd: 'DP', exmpt_desc: 'Disabled person (tax ceiling)', federal_amt: 10000, freeze_flag: 'T' },
  { exmpt_type_cd: 'DV1', exmpt_desc: 'Disabled veteran 10-30% (§11.22)', federal_amt: 5000, freeze_flag: 'F' },
  { exmpt_type_cd: 'DV2', exmpt_desc: 'Disabled veteran 30-50% (§11.22)', federal_amt: 7500, freeze_flag: 'F' },
  { exmpt_type_cd: 'DV3', exmpt_desc: 'Disabled veteran 50-70% (§11.22)', federal_amt: 10000, freeze_flag: 'F' },
  { exmpt_type_cd: 'DV4', exmpt_desc: 'Disabled veteran 70%+ (§11.22)', federal_amt: 12000, freeze_flag: 'F' },
  { exmpt_type_cd: 'DV1S', exmpt_desc: 'Disabled veteran 10-30% surviving spouse', federal_amt: 5000, freeze_flag: 'F' },
  { exmpt_type_cd: 'DV2S', exmpt_desc: 'Disabled veteran 30-50% surviving spouse', federal_amt: 7500, freeze_flag: 'F' },
  { exmpt_type_cd: 'DV3S', exmpt_desc: 'Disabled veteran 50-70% surviving spouse', federal_amt: 10000, freeze_flag: 'F' },
  { exmpt_type_cd: 'DV4S', exmpt_desc: 'Disabled veteran 70%+ surviving spouse', federal_amt: 12000, freeze_flag: 'F' },
  { exmpt_type_cd: 'DVHS', exmpt_desc: '100% disabled veteran homestead (§11.131)', federal_amt: 0, freeze_flag: 'F' },
  { exmpt_type_cd: 'EX', exmpt_desc: 'Total exemption (public, religious, charitable)', federal_amt: 0, freeze_flag: 'F' },
  { exmpt_type_cd: 'EX366', exmpt_desc: 'Personal property under $2,500 (§11.145)', federal_amt: 0, freeze_flag: 'F' },
  { exmpt_type_cd: 'AB', exmpt_desc: 'Abatement', federal_amt: 0, freeze_flag: 'F' },
  { exmpt_type_cd: 'FR', exmpt_desc: 'Freeport goods', federal_amt: 0, freeze_flag: 'F' },
  { exmpt_type_cd: 'PC', exmpt_desc: 'Pollution control', federal_amt: 0, freeze_flag: 'F' },
  { exmpt_type_cd: 'SO', exmpt_desc: 'Solar / wind powered device', federal_amt: 0, freeze_flag: 'F' },
  { exmpt_type_cd: 'HT', exmpt_desc: 'Historical site', federal_amt: 0, freeze_flag: 'F' },
  { exmpt_type_cd: 'CH', exmpt_desc: 'Charitable organization', federal_amt: 0, freeze_flag: 'F' },
  // Washington
  { exmpt_type_cd: 'SNR/DSBL', exmpt_desc: 'Senior citizen / disabled (RCW 84.36.381)', federal_amt: 0, freeze_flag: 'T' },
  { exmpt_type_cd: 'DOR', exmpt_desc: 'Exempt by Department of Revenue', federal_amt: 0, freeze_flag: 'F' },
  { exmpt_type_cd: 'HOF', exmpt_desc: 'Head of family personal property (RCW 84.36.110)', federal_amt: 15000, freeze_flag: 'F' },
  { exmpt_type_cd: 'FARM', exmpt_desc: 'Farm machinery and equipment (RCW 84.36.630)', federal_amt: 0, freeze_flag: 'F' },
];

export interface ProtestStatusRow {
  status_cd: string;
  status_desc: string;
  close_case: 0 | 1;
  generate_letter: 0 | 1;
}

/**
 * The vendor's default codes (their meanings are not published: the descriptions are our
 * reading) and the proposed workflow. Closing: SETTLED, FINAL_ORDER, WITHDRAWN,
 * DISMISSED_UNTIMELY and the vendor's F / FR.
 */
export const PROTEST_STATUSES: readonly ProtestStatusRow[] = [
  { status_cd: 'F', status_desc: 'Final (vendor default)', close_case: 1, generate_letter: 1 },
  { status_cd: 'FR', status_desc: 'Final, resolved (vendor default)', close_case: 1, generate_letter: 1 },
  { status_cd: 'LN', status_desc: 'Letter: notice (vendor default)', close_case: 0, generate_letter: 1 },
  { status_cd: 'LP', status_desc: 'Letter: pending (vendor default)', close_case: 0, generate_letter: 1 },
  { status_cd: 'NS', status_desc: 'No show (vendor default)', close_case: 0, generate_letter: 0 },
  { status_cd: 'O', status_desc: 'Open (vendor default)', close_case: 0, generate_letter: 0 },
  { status_cd: 'S', status_desc: 'Scheduled (vendor default)', close_case: 0, generate_letter: 1 },
  { status_cd: 'OPEN', status_desc: 'Open, not yet scheduled', close_case: 0, generate_letter: 0 },
  { status_cd: 'INFORMAL_SCHEDULED', status_desc: 'Informal meeting scheduled', close_case: 0, generate_letter: 1 },
  { status_cd: 'SETTLED', status_desc: 'Settled at the informal meeting', close_case: 1, generate_letter: 1 },
  { status_cd: 'HEARING_SCHEDULED', status_desc: 'Formal hearing scheduled', close_case: 0, generate_letter: 1 },
  { status_cd: 'RESCHEDULED', status_desc: 'Hearing rescheduled', close_case: 0, generate_letter: 1 },
  { status_cd: 'HEARD', status_desc: 'Heard, order pending', close_case: 0, generate_letter: 0 },
  { status_cd: 'FINAL_ORDER', status_desc: 'Final order issued', close_case: 1, generate_letter: 1 },
  { status_cd: 'NO_SHOW', status_desc: 'Owner did not appear', close_case: 0, generate_letter: 1 },
  { status_cd: 'WITHDRAWN', status_desc: 'Withdrawn by the owner', close_case: 1, generate_letter: 0 },
  { status_cd: 'DISMISSED_UNTIMELY', status_desc: 'Dismissed: filed late', close_case: 1, generate_letter: 1 },
  { status_cd: 'APPEALED', status_desc: 'Appealed (arbitration, district court or BTA)', close_case: 0, generate_letter: 0 },
];

export const CLOSING_STATUSES: ReadonlySet<string> = new Set(PROTEST_STATUSES.filter((s) => s.close_case === 1).map((s) => s.status_cd));

/** Statuses whose case sits on a hearing docket. */
export const DOCKETED_STATUSES: ReadonlySet<string> = new Set(['S', 'HEARING_SCHEDULED', 'RESCHEDULED', 'HEARD', 'FINAL_ORDER', 'NO_SHOW', 'NS', 'F', 'FR', 'APPEALED']);

/** Protest mixes: the current (uncertified) year is mid-season, earlier years are done. */
export const CURRENT_YEAR_STATUS_WEIGHTS: readonly (readonly [string, number])[] = [
  ['OPEN', 30], ['O', 8], ['INFORMAL_SCHEDULED', 12], ['HEARING_SCHEDULED', 13], ['S', 4], ['RESCHEDULED', 4],
  ['SETTLED', 14], ['WITHDRAWN', 4], ['HEARD', 3], ['NO_SHOW', 2], ['LN', 2], ['LP', 1], ['FINAL_ORDER', 2], ['DISMISSED_UNTIMELY', 1],
];

export const PAST_YEAR_STATUS_WEIGHTS: readonly (readonly [string, number])[] = [
  ['FINAL_ORDER', 33], ['SETTLED', 33], ['WITHDRAWN', 12], ['F', 5], ['FR', 3], ['NS', 4], ['NO_SHOW', 2],
  ['DISMISSED_UNTIMELY', 3], ['APPEALED', 5],
];

/** prot_type: the ground of the protest (modeled on Form 50-132 reasons). */
export const PROTEST_TYPES: readonly (readonly [string, number])[] = [
  ['MKT', 60], ['UNEQ', 25], ['EXMPT', 6], ['AG', 3], ['OWN', 3], ['OTH', 3],
];

export const DOCKET_PROPERTY_TYPE_SETS = ['R,MH', 'R,MH', 'R,MH', 'R,MH,P,MN,A', 'P'] as const;

export interface SupplementReason {
  sup_cd: string;
  sup_desc: string;
  /** Multiplier applied to the improvement value of the layer it changes. */
  imprvFactor: readonly [number, number];
}

/** Why a certified roll gets a supplement layer (TX Tax Code §25.21, §25.25). */
export const SUPPLEMENT_REASONS: readonly (readonly [SupplementReason, number])[] = [
  [{ sup_cd: 'CE', sup_desc: 'Clerical error corrected (§25.25(b))', imprvFactor: [0.9, 1.08] }, 40],
  [{ sup_cd: 'OP', sup_desc: 'Omitted property added (§25.21)', imprvFactor: [1.05, 1.3] }, 20],
  [{ sup_cd: 'SE', sup_desc: 'Substantial error reduced (§25.25(c))', imprvFactor: [0.7, 0.92] }, 15],
  [{ sup_cd: 'AO', sup_desc: 'ARB order after certification', imprvFactor: [0.85, 0.97] }, 15],
  [{ sup_cd: 'LC', sup_desc: 'Late correction by the chief appraiser', imprvFactor: [0.95, 1.05] }, 10],
];

export const PROP_TYPE_WEIGHTS: readonly (readonly [string, number])[] = [
  ['R', 85], ['MH', 4], ['P', 8], ['MN', 2], ['A', 1],
];

/** The first letter of a geo_id by property type. */
export const GEO_PREFIX: Readonly<Record<string, string>> = { R: 'R', MH: 'M', P: 'P', MN: 'N', A: 'A' };
