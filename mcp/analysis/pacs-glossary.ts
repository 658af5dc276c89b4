/**
 * A small PACS glossary, taken from pacs-domain.md (published PACS table definitions, the
 * vendor's help, statutes). The analysis tools match table and column names against it so the
 * host model gets PACS meanings, roles, sensitive fields and join paths as evidence.
 */

import { LAYER_RULE } from '../pacs/layers.js';

export type ColumnRole = 'key' | 'foreign_key' | 'year' | 'date' | 'money' | 'code' | 'flag' | 'measure' | 'name' | 'text';

export interface GlossaryColumn {
  name: string;
  meaning: string;
  role: ColumnRole;
  /** Why it must be masked in QA exports, when it must. */
  sensitive?: string;
  /** Words in a question that point at this column. */
  words?: string[];
}

export interface GlossaryTable {
  name: string;
  meaning: string;
  key: string[];
  words: string[];
}


export const PACS_TABLES: GlossaryTable[] = [
  { name: 'property', meaning: 'One row per parcel (account), whatever the year; prop_type_cd R real, MH mobile home, P personal, MN mineral, A auto.', key: ['prop_id'], words: ['parcel', 'property', 'properties', 'account', 'geo', 'type'] },
  { name: 'property_val', meaning: `Values of a parcel per year and supplement layer. ${LAYER_RULE}`, key: ['prop_val_yr', 'sup_num', 'prop_id'], words: ['value', 'valuation', 'market', 'appraised', 'assessed', 'worth', 'land', 'improvement', 'homestead', 'cap', 'legal', 'acreage', 'neighborhood'] },
  { name: 'prop_supp_assoc', meaning: 'Names the current layer (sup_num) of each parcel and year, one row per (owner_tax_yr, prop_id): join on owner_tax_yr = the year, sup_num and prop_id. It may be a supplement still being coded, so it is not always the official (accepted) layer, which prop_accepted_supp_assoc_vw computes.', key: ['owner_tax_yr', 'sup_num', 'prop_id'], words: ['current', 'supplement', 'layer'] },
  { name: 'owner', meaning: 'Who owns a parcel in a year and supplement, with ownership percentage and homestead flag.', key: ['owner_tax_yr', 'sup_num', 'prop_id', 'owner_id'], words: ['owner', 'owners', 'owned', 'ownership'] },
  { name: 'account', meaning: 'People and companies (owners, agents); names are confidential when confidential_flag is set.', key: ['acct_id'], words: ['owner', 'name', 'person', 'taxpayer', 'account'] },
  { name: 'address', meaning: 'Mailing addresses of accounts.', key: ['acct_id', 'addr_type_cd'], words: ['mailing', 'address', 'zip', 'city'] },
  { name: 'phone', meaning: 'Phone numbers of accounts.', key: ['acct_id', 'phone_id'], words: ['phone', 'telephone'] },
  { name: 'situs', meaning: 'Physical (situs) addresses of parcels.', key: ['prop_id', 'situs_id'], words: ['situs', 'street', 'address', 'located', 'location'] },
  { name: 'property_exemption', meaning: 'Exemptions granted per year, parcel, owner and exemption code (WA SNR/DSBL, EX, DOR; TX HS, OV65, DV1-4…).', key: ['exmpt_tax_yr', 'owner_tax_yr', 'sup_num', 'prop_id', 'owner_id', 'exmpt_type_cd'], words: ['exemption', 'exemptions', 'exempt', 'homestead', 'senior', 'veteran', 'disabled', 'ov65', 'hs'] },
  { name: 'exmpt_type', meaning: 'Exemption codes and their descriptions.', key: ['exmpt_type_cd'], words: ['exemption', 'code', 'type'] },
  { name: 'exmpt_sub_type', meaning: 'Exemption sub-types (e.g. SNR, DSBL of SNR/DSBL); disability marks the ones that qualify by disability.', key: ['exmpt_sub_type_cd'], words: ['exemption', 'subtype', 'senior', 'disabled'] },
  { name: 'exmpt_qualify_code', meaning: 'Income tiers per year of an exemption (WA SNR/DSBL tiers 1-3) with income_min and income_max.', key: ['year', 'exemption_code', 'exempt_type_cd'], words: ['income', 'tier', 'threshold', 'senior'] },
  { name: 'imprv', meaning: 'Improvements (buildings) of a parcel per year and supplement.', key: ['prop_val_yr', 'sup_num', 'sale_id', 'prop_id', 'imprv_id'], words: ['improvement', 'building', 'built', 'house', 'structure'] },
  { name: 'property_profile', meaning: "A parcel's characteristics per year as PACS summarises them: year built (yr_blt), living area, land size, class, school and city.", key: ['prop_val_yr', 'prop_id'], words: ['built', 'living', 'area', 'size', 'sqft', 'profile', 'characteristics'] },
  { name: 'land_detail', meaning: 'Land segments of a parcel per year and supplement.', key: ['prop_val_yr', 'sup_num', 'sale_id', 'prop_id', 'land_seg_id'], words: ['land', 'acre', 'acres', 'segment'] },
  { name: 'appraiser', meaning: 'Appraisers (staff who value parcels and handle protests).', key: ['appraiser_id'], words: ['appraiser', 'staff'] },
  { name: 'neighborhood', meaning: 'Neighborhoods (hood_cd) per year, with their appraiser.', key: ['hood_cd', 'hood_yr'], words: ['neighborhood', 'hood', 'area'] },
  { name: '_arb_protest', meaning: 'Appeals (BOE/ARB protests) per parcel and year with status, hearing docket, hearing appraiser (prot_hearing_appraisal_staff) and begin/final values; open while prot_complete_dt is NULL.', key: ['prop_id', 'prop_val_yr', 'case_id'], words: ['appeal', 'appeals', 'protest', 'protests', 'hearing', 'arb', 'board'] },
  { name: '_arb_protest_status', meaning: "The county's protest status codes (varchar(10)); close_case and generate_letter are char(1) 'T'/'F' flags.", key: ['status_cd'], words: ['status', 'protest'] },
  { name: '_arb_protest_hearing', meaning: 'Hearing days (dtDay) with a hearing type (szHearingType P protest, AP appraiser meeting, A agent) and account type (cAccountType).', key: ['lHearingID'], words: ['hearing', 'board', 'schedule'] },
  { name: '_arb_protest_hearing_docket', meaning: 'Time slots of a hearing: maximum_hearing_count and scheduled_protest_count (kept within the maximum).', key: ['docket_id'], words: ['docket', 'hearing', 'schedule', 'slot'] },
  { name: '_arb_protest_hearing_property_type', meaning: 'The property types a hearing takes.', key: ['lHearingID', 'szPropertyType'], words: ['hearing', 'type'] },
  { name: 'chg_of_owner', meaning: 'Deeds (changes of owner).', key: ['chg_of_owner_id'], words: ['deed', 'transfer', 'sale', 'sold', 'buyer', 'seller'] },
  { name: 'chg_of_owner_prop_assoc', meaning: 'Which parcels a deed covers.', key: ['chg_of_owner_id', 'prop_id'], words: ['deed', 'transfer'] },
  { name: 'sale', meaning: 'Sale prices of deeds; confidential_sale marks prices that must not be disclosed (TX §22.27).', key: ['chg_of_owner_id'], words: ['sale', 'sales', 'sold', 'price'] },
  { name: 'event', meaning: 'Audit trail of changes (who, when, what).', key: ['event_id'], words: ['event', 'history', 'change', 'audit'] },
  { name: 'prop_event_assoc', meaning: 'Which parcel an event belongs to.', key: ['prop_id', 'event_id'], words: ['event', 'history'] },
  { name: 'pacs_system', meaning: 'One row: current appraisal year (appr_yr), collections year (tax_yr), and future_yr, the year the year-0 layer stands for.', key: ['id'], words: ['current', 'year'] },
  { name: 'pacs_year', meaning: 'One row per year; certification_dt is null while the year is not certified.', key: ['tax_yr'], words: ['certified', 'certification', 'year'] },
  { name: 'supplement', meaning: 'Supplements (corrections after certification) per year and their group.', key: ['sup_tax_yr', 'sup_num', 'sup_group_id'], words: ['supplement'] },
  { name: 'sup_group', meaning: 'Supplement groups and their status (C coding, TO, P not yet accepted; A accepted, BC bills created): the status decides which layer of a year is official.', key: ['sup_group_id'], words: ['supplement', 'group', 'official', 'accepted', 'certified'] },
];

const SENSITIVE_NAME = 'owner names and addresses are confidential where confidential_flag is set (TX Tax Code §25.025, §25.026)';

export const PACS_COLUMNS: GlossaryColumn[] = [
  { name: 'prop_id', meaning: 'Property (parcel) id, the PACS account number of a parcel', role: 'key', words: ['parcel', 'property', 'account'] },
  { name: 'geo_id', meaning: 'Geographic id: the parcel number printed on maps and notices', role: 'code', words: ['parcel', 'number', 'geo'] },
  { name: 'simple_geo_id', meaning: 'Geographic id without punctuation', role: 'code' },
  { name: 'prop_type_cd', meaning: 'Property type: R real, MH mobile home, P personal, MN mineral, A auto', role: 'code', words: ['type'] },
  { name: 'prop_val_yr', meaning: 'Year of the values (appraisal year)', role: 'year', words: ['year'] },
  { name: 'owner_tax_yr', meaning: 'Tax year of the ownership record', role: 'year', words: ['year'] },
  { name: 'exmpt_tax_yr', meaning: 'Tax year of the exemption', role: 'year', words: ['year'] },
  { name: 'sup_tax_yr', meaning: 'Tax year of the supplement', role: 'year' },
  { name: 'tax_yr', meaning: 'Tax year', role: 'year', words: ['year'] },
  { name: 'appr_yr', meaning: 'Current appraisal year', role: 'year' },
  { name: 'qualify_yr', meaning: 'Year the owner qualified for the exemption', role: 'year' },
  { name: 'sup_num', meaning: 'Supplement number: 0 is the original roll, higher numbers are corrections', role: 'key', words: ['supplement'] },
  { name: 'sup_action', meaning: 'Supplement action: A added, M modified, D deleted', role: 'code' },
  { name: 'sup_cd', meaning: 'Reason code of the supplement', role: 'code' },
  { name: 'sup_dt', meaning: 'Date of the supplement', role: 'date' },
  { name: 'market', meaning: 'Market value of the parcel', role: 'money', words: ['market', 'value', 'worth'] },
  { name: 'appraised_val', meaning: 'Appraised value (market value after productivity and caps)', role: 'money', words: ['appraised', 'value'] },
  { name: 'assessed_val', meaning: 'Assessed (taxable before exemptions) value', role: 'money', words: ['assessed', 'taxable', 'value'] },
  { name: 'land_hstd_val', meaning: 'Homestead land value', role: 'money', words: ['land', 'homestead'] },
  { name: 'land_non_hstd_val', meaning: 'Non-homestead land value', role: 'money', words: ['land'] },
  { name: 'imprv_hstd_val', meaning: 'Homestead improvement value', role: 'money', words: ['improvement', 'homestead'] },
  { name: 'imprv_non_hstd_val', meaning: 'Non-homestead improvement value', role: 'money', words: ['improvement'] },
  { name: 'ag_use_val', meaning: 'Agricultural (productivity) use value', role: 'money', words: ['agricultural', 'ag'] },
  { name: 'ag_market', meaning: 'Market value of agricultural land', role: 'money', words: ['agricultural', 'ag'] },
  { name: 'ten_percent_cap', meaning: 'Homestead cap loss (appraisal increase capped at 10% a year)', role: 'money', words: ['cap', 'homestead'] },
  { name: 'legal_desc', meaning: 'Legal description of the parcel', role: 'text', words: ['legal', 'description'] },
  { name: 'legal_acreage', meaning: 'Legal acreage', role: 'measure', words: ['acre', 'acres', 'acreage'] },
  { name: 'hood_cd', meaning: 'Neighborhood code (used to route work to appraisers)', role: 'code', words: ['neighborhood', 'hood'] },
  { name: 'abs_subdv_cd', meaning: 'Abstract / subdivision code', role: 'code', words: ['subdivision'] },
  { name: 'last_appraiser_id', meaning: 'Appraiser who last valued the parcel', role: 'foreign_key', words: ['appraiser'] },
  { name: 'next_appraiser_id', meaning: 'Appraiser assigned next', role: 'foreign_key', words: ['appraiser'] },
  { name: 'owner_id', meaning: 'Owner: the account (acct_id) that owns the parcel', role: 'foreign_key', words: ['owner'] },
  { name: 'acct_id', meaning: 'Account id of a person or company', role: 'key', words: ['account', 'owner'] },
  { name: 'pct_ownership', meaning: 'Percentage of the parcel this owner holds', role: 'measure', words: ['ownership', 'percent'] },
  { name: 'hs_prop', meaning: 'Homestead flag of the ownership (T/F)', role: 'flag', words: ['homestead'] },
  { name: 'birth_dt', meaning: 'Birth date', role: 'date', sensitive: 'age 65+ is confidential (TX §25.027)' },
  { name: 'spouse_birth_dt', meaning: 'Spouse birth date', role: 'date', sensitive: 'age is confidential (TX §25.027)' },
  { name: 'first_name', meaning: 'First name', role: 'name', sensitive: SENSITIVE_NAME },
  { name: 'last_name', meaning: 'Last name', role: 'name', sensitive: SENSITIVE_NAME },
  { name: 'file_as_name', meaning: 'Name as filed (LAST FIRST)', role: 'name', sensitive: SENSITIVE_NAME, words: ['name', 'owner'] },
  { name: 'confidential_flag', meaning: 'Owner asked for confidentiality: show confidential_file_as_name instead', role: 'flag' },
  { name: 'confidential_file_as_name', meaning: 'Name to show when confidential_flag is set', role: 'name' },
  { name: 'dl_num', meaning: "Driver's licence number", role: 'code', sensitive: 'TX §11.48' },
  { name: 'email_addr', meaning: 'E-mail address', role: 'text', sensitive: 'contact details (recommended masking)' },
  { name: 'phone_num', meaning: 'Phone number', role: 'text', sensitive: 'contact details (recommended masking)' },
  { name: 'addr_line1', meaning: 'Mailing address line 1', role: 'text', sensitive: SENSITIVE_NAME },
  { name: 'addr_line2', meaning: 'Mailing address line 2', role: 'text', sensitive: SENSITIVE_NAME },
  { name: 'addr_line3', meaning: 'Mailing address line 3', role: 'text', sensitive: SENSITIVE_NAME },
  { name: 'exmpt_type_cd', meaning: 'Exemption code: WA SNR/DSBL senior or disabled (RCW 84.36.381), EX, DOR, HOF, FARM; TX HS homestead, OV65 over 65, OV65S, DP, DV1-DV4, DVHS, EX', role: 'code', words: ['exemption', 'homestead', 'senior', 'veteran', 'disabled'] },
  { name: 'exmpt_subtype_cd', meaning: 'Exemption subtype', role: 'code' },
  { name: 'exemption_pct', meaning: 'Percentage of the exemption', role: 'measure' },
  { name: 'combined_disp_income', meaning: 'Combined disposable income (WA senior/disabled exemption tiers)', role: 'money', sensitive: 'income (WA RCW 84.40.020, RCW 42.56.230)' },
  { name: 'exempt_qualify_cd', meaning: "Income tier the applicant qualified for (WA SNR/DSBL; the county's exmpt_qualify_code, tiers 1-3)", role: 'code' },
  { name: 'prop_exmpt_ss_num', meaning: 'Social security number on the exemption application', role: 'code', sensitive: 'TX §11.48' },
  { name: 'prop_exmpt_dl_num', meaning: "Driver's licence number on the exemption application", role: 'code', sensitive: 'TX §11.48' },
  { name: 'applicant_nm', meaning: 'Name of the exemption applicant', role: 'name', sensitive: SENSITIVE_NAME },
  { name: 'effective_dt', meaning: 'Date the exemption takes effect', role: 'date' },
  { name: 'termination_dt', meaning: 'Date the exemption ends', role: 'date' },
  { name: 'case_id', meaning: 'Protest (appeal) case number', role: 'key', words: ['case', 'appeal'] },
  { name: 'prot_status', meaning: "Protest status: one of the county's _arb_protest_status codes (at most 10 characters)", role: 'code', words: ['status', 'settled', 'withdrawn'] },
  { name: 'prot_type', meaning: 'Protest type (e.g. MKT market value, EQ equity)', role: 'code' },
  { name: 'prot_create_dt', meaning: 'When the protest was filed', role: 'date', words: ['filed'] },
  { name: 'prot_complete_dt', meaning: 'When the protest was closed: a protest is open while it is NULL', role: 'date', words: ['closed', 'completed', 'open'] },
  { name: 'docket_id', meaning: 'Hearing docket', role: 'foreign_key', words: ['docket', 'hearing'] },
  { name: 'opinion_of_value', meaning: "Owner's opinion of value in the protest", role: 'money' },
  { name: 'begin_market', meaning: 'Market value when the protest began', role: 'money' },
  { name: 'final_market', meaning: 'Market value after the protest', role: 'money' },
  { name: 'appraiser_id', meaning: 'Appraiser id', role: 'key', words: ['appraiser'] },
  { name: 'chg_of_owner_id', meaning: 'Deed (change of owner) id', role: 'key', words: ['deed'] },
  { name: 'deed_dt', meaning: 'Date of the deed', role: 'date', words: ['deed'] },
  { name: 'sl_price', meaning: 'Sale price', role: 'money', sensitive: 'confidential sale prices (TX §22.27)', words: ['price', 'sale'] },
  { name: 'sl_dt', meaning: 'Sale date', role: 'date', words: ['sale', 'sold'] },
  { name: 'confidential_sale', meaning: 'Sale price is confidential', role: 'flag' },
  { name: 'situs_street', meaning: 'Street of the parcel (situs) address', role: 'text', words: ['street', 'address'] },
  { name: 'situs_city', meaning: 'City of the parcel (situs) address', role: 'text', words: ['city'] },
  { name: 'situs_zip', meaning: 'ZIP code of the parcel (situs) address', role: 'code', words: ['zip'] },
  { name: 'imprv_val', meaning: 'Value of an improvement', role: 'money', words: ['improvement'] },
  { name: 'actual_year_built', meaning: 'Year the improvement was built', role: 'year', words: ['built', 'age'] },
  { name: 'land_seg_mkt_val', meaning: 'Market value of a land segment', role: 'money', words: ['land'] },
  { name: 'size_acres', meaning: 'Size of a land segment in acres', role: 'measure', words: ['acre', 'acres'] },
  { name: 'certification_dt', meaning: 'Date the tax year was certified (null: not certified)', role: 'date', words: ['certified'] },
  { name: 'event_type', meaning: 'Kind of audit event', role: 'code' },
  { name: 'pacs_user_id', meaning: 'PACS user who made a change', role: 'foreign_key' },
];

const columnIndex = new Map(PACS_COLUMNS.map((c) => [c.name, c]));
const tableIndex = new Map(PACS_TABLES.map((t) => [t.name, t]));

/** Glossary entry of a column name (exact, case-insensitive). */
export function glossaryColumn(name: string): GlossaryColumn | undefined {
  return columnIndex.get(name.toLowerCase());
}

export function glossaryTable(name: string): GlossaryTable | undefined {
  return tableIndex.get(name.toLowerCase());
}
