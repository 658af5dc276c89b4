import type { Jurisdiction } from '../../pacs/jurisdiction.js';

/**
 * The exemption rules that come from statute, per state. The rules a county keeps in its own
 * tables (codes in exmpt_type, sub-types in exmpt_sub_type, income tiers in exmpt_qualify_code)
 * are read from the database at validation instead (exemption-checker.ts).
 */
export interface ExemptionCodeRule {
  /** Property types (prop_type_cd) the code applies to; absent: any. */
  propTypes?: readonly string[];
  /** exemption_pct: must be given, must be empty (the amount is statutory), or optional. */
  pct?: 'required' | 'forbidden';
  /** Another code the same owner must hold for the same year and parcel (a homestead). */
  requires?: string;
  /** Age the owner must reach by December 31 of the year, unless the sub-type qualifies by disability. */
  minAge?: number;
}

export interface ExemptionConflict {
  codes: readonly string[];
  code: string;
  message: (held: string, added: string) => string;
}

export interface StateExemptionRules {
  jurisdiction: Jurisdiction;
  /** Codes exempting an owner's residence: one residence per owner per year. */
  residenceCodes: readonly string[];
  /** Where the one-residence rule and each code's rules come from, for messages and docs. */
  residenceStatute: string;
  codes: Readonly<Record<string, ExemptionCodeRule>>;
  /** Codes one owner cannot hold together for a year and parcel. */
  conflicts: readonly ExemptionConflict[];
}

const RESIDENTIAL = ['R', 'MH'] as const;
const PERSONAL_PROPERTY = ['P'] as const;
const DV_RULE: ExemptionCodeRule = { pct: 'forbidden' };

export const STATE_EXEMPTION_RULES: Readonly<Record<Jurisdiction, StateExemptionRules>> = {
  /**
   * Washington: no homestead exemption. SNR/DSBL (RCW 84.36.381, WAC 458-16A-130) exempts the
   * claimant's principal residence: 61 or older on December 31 of the year, or retired by
   * disability, or a disabled veteran (the county's disability sub-types); income under the
   * county's thresholds (its tiers). Head of family (RCW 84.36.110) and farm machinery
   * (RCW 84.36.630) exempt personal property.
   */
  WA: {
    jurisdiction: 'WA',
    residenceCodes: ['SNR/DSBL'],
    residenceStatute: 'RCW 84.36.381 (the principal residence)',
    codes: {
      'SNR/DSBL': { propTypes: RESIDENTIAL, minAge: 61 },
      HOF: { propTypes: PERSONAL_PROPERTY },
      FARM: { propTypes: PERSONAL_PROPERTY },
    },
    conflicts: [],
  },
  /**
   * Texas (Tax Code chapter 11): the residence homestead (§11.13) and the exemptions that need it;
   * statutory amounts for OV65, OV65S, DP and the disabled-veteran ratings (§11.22).
   */
  TX: {
    jurisdiction: 'TX',
    residenceCodes: ['HS'],
    residenceStatute: 'Tax Code §11.13 (one residence homestead)',
    codes: {
      HS: { propTypes: RESIDENTIAL },
      OV65: { propTypes: RESIDENTIAL, pct: 'forbidden', requires: 'HS' },
      OV65S: { propTypes: RESIDENTIAL, pct: 'forbidden', requires: 'HS' },
      DP: { propTypes: RESIDENTIAL, pct: 'forbidden', requires: 'HS' },
      DV1: DV_RULE,
      DV2: DV_RULE,
      DV3: DV_RULE,
      DV4: DV_RULE,
      DV1S: DV_RULE,
      DV2S: DV_RULE,
      DV3S: DV_RULE,
      DV4S: DV_RULE,
      DVHS: { propTypes: RESIDENTIAL, requires: 'HS' },
      AB: { pct: 'required' },
      EX366: { propTypes: PERSONAL_PROPERTY },
      FR: { propTypes: PERSONAL_PROPERTY },
    },
    conflicts: [
      {
        codes: ['OV65', 'OV65S'],
        code: 'ov65_conflict',
        message: (held, added) =>
          `${added} and ${held} cannot both apply to this owner: OV65 replaces OV65S. ` +
          (added === 'OV65' ? 'Add a REMOVE row for OV65S (same parcel, owner and year) in this file.' : 'The owner already has OV65; drop this row.'),
      },
      {
        codes: ['OV65', 'OV65S', 'DP'],
        code: 'exemption_conflict',
        message: (held, added) => `${added} cannot be added while the owner holds ${held} (an owner takes either the over-65 or the disabled-person exemption, §11.13(h)). Remove ${held} in this file first.`,
      },
      {
        codes: ['DV1', 'DV2', 'DV3', 'DV4', 'DV1S', 'DV2S', 'DV3S', 'DV4S'],
        code: 'exemption_conflict',
        message: (held, added) => `${added} cannot be added while the owner holds ${held}: a disabled veteran has one rating. Remove ${held} in this file first.`,
      },
    ],
  },
};

/** Residence codes of any state: staging remembers on which parcels the file adds them, per owner. */
export const RESIDENCE_CODES: ReadonlySet<string> = new Set(Object.values(STATE_EXEMPTION_RULES).flatMap((r) => r.residenceCodes));

/**
 * Codes whose rules look at an owner's other codes or parcels in any state: staging remembers
 * the file's changes of these per owner, before it knows which state's rules will apply.
 */
export const LINKED_CODES: readonly string[] = [
  ...new Set(
    Object.values(STATE_EXEMPTION_RULES).flatMap((rules) => [
      ...rules.conflicts.flatMap((c) => c.codes),
      ...Object.entries(rules.codes).flatMap(([code, r]) => (r.requires ? [code, r.requires] : [])),
      ...rules.residenceCodes,
    ]),
  ),
];
