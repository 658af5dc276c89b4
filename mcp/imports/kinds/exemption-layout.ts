import type { FieldSpec } from '../field-types.js';
import { fieldIndex } from '../import-kind.js';

/**
 * The mass-exemption upload layout (pacs-domain.md: no published layout, this one is modeled on
 * property_exemption). Aliases are normalized header spellings (see normalizeHeader).
 */
export const EXEMPTION_FIELDS: readonly FieldSpec[] = [
  {
    name: 'prop_id',
    type: { kind: 'int', min: 1, max: 2_147_483_647 },
    aliases: ['propid', 'property_id', 'prop', 'property', 'pid', 'prop_num', 'property_num', 'property_number', 'prop_number'],
    description: 'PACS property id (give prop_id or geo_id).',
  },
  {
    name: 'geo_id',
    type: { kind: 'text', maxLength: 50 },
    aliases: ['geoid', 'geo', 'parcel', 'parcel_id', 'parcel_num', 'parcel_number', 'parcel_no', 'pin', 'quick_ref'],
    ambiguous: { aliases: ['parcel', 'parcel_id', 'parcel_num', 'parcel_number', 'parcel_no', 'pin'], otherwise: 'if the column holds PACS property ids, head it prop_id' },
    description: 'Parcel number (geo_id); resolved to prop_id against the source.',
  },
  {
    name: 'owner_id',
    type: { kind: 'int', min: 1, max: 2_147_483_647 },
    aliases: ['ownerid', 'owner', 'acct_id', 'account_id', 'owner_acct_id', 'owner_account', 'owner_num', 'owner_number'],
    required: true,
    description: 'Owner account id (account.acct_id); must own the parcel in that year.',
  },
  {
    name: 'exmpt_tax_yr',
    type: { kind: 'year' },
    aliases: ['tax_yr', 'tax_year', 'year', 'exemption_year', 'exmpt_yr', 'exmpt_year'],
    required: true,
    description: 'Tax year of the exemption; must be open (not certified).',
  },
  {
    name: 'exmpt_type_cd',
    type: { kind: 'code', maxLength: 10 },
    aliases: ['exemption_code', 'exemption_type', 'exmpt_type', 'exemption', 'exemption_cd', 'exmpt_cd', 'type_cd', 'code'],
    required: true,
    description: 'Exemption code (exmpt_type), e.g. HS, OV65, DV3, SNR/DSBL.',
  },
  {
    name: 'exmpt_subtype_cd',
    type: { kind: 'code', maxLength: 10 },
    aliases: ['exemption_subtype', 'subtype', 'subtype_cd', 'exmpt_subtype'],
    description: 'Sub-type, e.g. SNR or DSBL for SNR/DSBL.',
  },
  {
    name: 'effective_dt',
    type: { kind: 'date' },
    aliases: ['effective_date', 'eff_dt', 'eff_date', 'start_date', 'begin_date'],
    description: 'Date the exemption takes effect.',
  },
  {
    name: 'termination_dt',
    type: { kind: 'date' },
    aliases: ['termination_date', 'term_dt', 'term_date', 'end_date'],
    description: 'Date the exemption ends (empty: open-ended).',
  },
  {
    name: 'qualify_yr',
    type: { kind: 'year' },
    aliases: ['qualify_year', 'qualification_year', 'qual_yr', 'qualified_year'],
    description: 'Year the owner first qualified.',
  },
  {
    name: 'applicant_nm',
    type: { kind: 'text', maxLength: 70 },
    aliases: ['applicant', 'applicant_name', 'name'],
    description: 'Applicant name.',
  },
  {
    name: 'exemption_pct',
    type: { kind: 'decimal', min: 0, max: 100, scale: 2, unit: 'percent' },
    aliases: ['exempt_pct', 'exemption_percent', 'exemption_percentage', 'pct', 'percent', 'percentage'],
    description: 'Percentage exempt, 0–100 (abatements, total exemptions).',
  },
  {
    name: 'exempt_qualify_cd',
    type: { kind: 'code', maxLength: 10 },
    aliases: ['qualify_cd', 'qualify_code', 'income_tier', 'income_threshold'],
    description: 'Washington SNR/DSBL income tier (A, B, C).',
  },
  {
    name: 'combined_disp_income',
    type: { kind: 'decimal', min: 0, max: 99_999_999_999, scale: 0, unit: 'currency' },
    aliases: ['combined_disposable_income', 'disposable_income', 'income', 'household_income'],
    description: 'Washington combined disposable income, whole dollars.',
  },
  {
    name: 'action',
    type: { kind: 'enum', values: { ADD: 'ADD', A: 'ADD', INSERT: 'ADD', NEW: 'ADD', REMOVE: 'REMOVE', R: 'REMOVE', DELETE: 'REMOVE', D: 'REMOVE', DEL: 'REMOVE' } },
    aliases: ['action_cd', 'operation', 'op', 'add_remove'],
    defaultValue: 'ADD',
    description: 'ADD (default) or REMOVE.',
  },
];

export const EX = fieldIndex(EXEMPTION_FIELDS, [
  'prop_id',
  'geo_id',
  'owner_id',
  'exmpt_tax_yr',
  'exmpt_type_cd',
  'exmpt_subtype_cd',
  'effective_dt',
  'termination_dt',
  'qualify_yr',
  'applicant_nm',
  'exemption_pct',
  'exempt_qualify_cd',
  'combined_disp_income',
  'action',
] as const);

export const EXEMPTION_REQUIRED_COLUMNS = [['prop_id', 'geo_id'], ['owner_id'], ['exmpt_tax_yr'], ['exmpt_type_cd']] as const;

/** What one exemption code demands of a row (Texas Tax Code and RCW 84.36.381 as in pacs-domain.md). */
export interface ExemptionCodeRule {
  /** Property types (prop_type_cd) the code applies to; absent: any. */
  propTypes?: readonly string[];
  /** exemption_pct: must be given, must be empty (the amount is statutory), or optional. */
  pct?: 'required' | 'forbidden';
  subtypes?: readonly string[];
  qualifyCodes?: readonly string[];
  income?: 'required';
  /** Another code the same owner must hold for the same year and parcel (a homestead). */
  requires?: string;
}

const HOMESTEAD_TYPES = ['R', 'MH'] as const;
const PERSONAL_PROPERTY = ['P'] as const;
const DV_RULE: ExemptionCodeRule = { pct: 'forbidden' };

export const EXEMPTION_CODE_RULES: Readonly<Record<string, ExemptionCodeRule>> = {
  HS: { propTypes: HOMESTEAD_TYPES },
  OV65: { propTypes: HOMESTEAD_TYPES, pct: 'forbidden', requires: 'HS' },
  OV65S: { propTypes: HOMESTEAD_TYPES, pct: 'forbidden', requires: 'HS' },
  DP: { propTypes: HOMESTEAD_TYPES, pct: 'forbidden', requires: 'HS' },
  DV1: DV_RULE,
  DV2: DV_RULE,
  DV3: DV_RULE,
  DV4: DV_RULE,
  DV1S: DV_RULE,
  DV2S: DV_RULE,
  DV3S: DV_RULE,
  DV4S: DV_RULE,
  DVHS: { propTypes: HOMESTEAD_TYPES, requires: 'HS' },
  AB: { pct: 'required' },
  EX366: { propTypes: PERSONAL_PROPERTY },
  FR: { propTypes: PERSONAL_PROPERTY },
  HOF: { propTypes: PERSONAL_PROPERTY },
  FARM: { propTypes: PERSONAL_PROPERTY },
  'SNR/DSBL': { propTypes: HOMESTEAD_TYPES, subtypes: ['SNR', 'DSBL'], qualifyCodes: ['A', 'B', 'C'], income: 'required', requires: 'HS' },
};

/**
 * Codes one owner cannot hold together for a year and parcel. The first pair is PACS's own rule
 * (OV65 replaces OV65S); a disabled person cannot also take the over-65 ceiling (§11.13(c)); a
 * disabled veteran has one rating.
 */
export const EXEMPTION_CONFLICTS: readonly { codes: readonly string[]; code: string; message: (held: string, added: string) => string }[] = [
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
    message: (held, added) => `${added} cannot be added while the owner holds ${held} (an owner takes either the over-65 or the disabled-person exemption). Remove ${held} in this file first.`,
  },
  {
    codes: ['DV1', 'DV2', 'DV3', 'DV4', 'DV1S', 'DV2S', 'DV3S', 'DV4S'],
    code: 'exemption_conflict',
    message: (held, added) => `${added} cannot be added while the owner holds ${held}: a disabled veteran has one rating. Remove ${held} in this file first.`,
  },
];
