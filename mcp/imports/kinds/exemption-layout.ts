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
    description: 'Tax year of the exemption; a certified year takes it through a supplement in coding.',
  },
  {
    name: 'exmpt_type_cd',
    type: { kind: 'code', maxLength: 10 },
    aliases: ['exemption_code', 'exemption_type', 'exmpt_type', 'exemption', 'exemption_cd', 'exmpt_cd', 'type_cd', 'code'],
    required: true,
    description: 'Exemption code of the county (exmpt_type), e.g. SNR/DSBL in Washington, HS or OV65 in Texas.',
  },
  {
    name: 'exmpt_subtype_cd',
    type: { kind: 'code', maxLength: 10 },
    aliases: ['exemption_subtype', 'subtype', 'subtype_cd', 'exmpt_subtype'],
    description: "Sub-type of the county's exmpt_sub_type, e.g. SNR or DSBL for SNR/DSBL.",
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
    description: "Income tier from the county's exmpt_qualify_code for the year (Washington SNR/DSBL: 1, 2, 3).",
  },
  {
    name: 'combined_disp_income',
    type: { kind: 'decimal', min: 0, max: 99_999_999_999, scale: 0, unit: 'currency' },
    aliases: ['combined_disposable_income', 'disposable_income', 'income', 'household_income'],
    description: 'Combined disposable income, whole dollars (Washington SNR/DSBL); it must fall in the tier.',
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
