/**
 * Every error code an import can report, where it comes from and what it means: the list
 * docs/imports.md presents (a test keeps the two and the code in step). `file`: the whole file is
 * refused and nothing is staged; `field` and `row`: per-row errors found while staging;
 * `source`: per-row errors found by validating against the PACS database; `notice`: reported
 * with the errors but not one: the row is still pushed.
 */
export interface RuleInfo {
  code: string;
  phase: 'file' | 'field' | 'row' | 'source' | 'notice';
  kinds: readonly ('exemptions' | 'property_values')[];
  description: string;
}

const BOTH = ['exemptions', 'property_values'] as const;
const EXEMPTIONS = ['exemptions'] as const;
const VALUES = ['property_values'] as const;

export const RULES: readonly RuleInfo[] = [
  // The file as a whole
  { code: 'ambiguous_input', phase: 'file', kinds: BOTH, description: 'Neither or both of file_path and file_content, or file_content without file_name.' },
  { code: 'unsupported_extension', phase: 'file', kinds: BOTH, description: 'Not a .csv, .tsv, .txt, .xlsx or .xlsm file.' },
  { code: 'file_not_found', phase: 'file', kinds: BOTH, description: 'No file at the path.' },
  { code: 'not_a_file', phase: 'file', kinds: BOTH, description: 'The path is a folder or device.' },
  { code: 'file_too_large', phase: 'file', kinds: BOTH, description: 'Over 2 GB.' },
  { code: 'empty_file', phase: 'file', kinds: BOTH, description: '0 bytes, only blank lines, or an empty worksheet.' },
  { code: 'invalid_base64', phase: 'file', kinds: BOTH, description: 'file_content with content_encoding base64 is not base64.' },
  { code: 'binary_file', phase: 'file', kinds: BOTH, description: 'A PDF, image, archive, database or other binary file, or text full of control characters.' },
  { code: 'legacy_xls', phase: 'file', kinds: BOTH, description: 'An old .xls workbook or a password-protected workbook.' },
  { code: 'invalid_xlsx', phase: 'file', kinds: BOTH, description: 'Named .xlsx but not a workbook, a damaged workbook, or one without a worksheet.' },
  { code: 'xlsx_too_large', phase: 'file', kinds: BOTH, description: 'The workbook unpacks to more than 1 GB, or a part read whole to more than 256 MB.' },
  { code: 'unsupported_encoding', phase: 'file', kinds: BOTH, description: 'UTF-32 text (UTF-8 with or without BOM, UTF-16 and Windows-1252 are read).' },
  { code: 'mixed_encoding', phase: 'file', kinds: BOTH, description: 'Valid UTF-8 text followed by bytes that are not: a damaged or mixed file.' },
  { code: 'read_failed', phase: 'file', kinds: BOTH, description: 'The operating system could not read the file.' },
  { code: 'file_changed', phase: 'file', kinds: BOTH, description: 'The file grew, shrank, was replaced or disappeared while it was read.' },
  { code: 'no_header', phase: 'file', kinds: BOTH, description: 'The first non-blank line names no column of the layout (no header, or an unknown delimiter).' },
  { code: 'duplicate_columns', phase: 'file', kinds: BOTH, description: 'Two header cells name the same field (directly or by alias).' },
  { code: 'missing_columns', phase: 'file', kinds: BOTH, description: 'A required column is missing from the header (or from the column mapping chosen in the app).' },
  { code: 'invalid_mapping', phase: 'file', kinds: BOTH, description: 'The column mapping chosen in the app names a field the layout does not have.' },
  { code: 'no_rows', phase: 'file', kinds: BOTH, description: 'A header but no data rows.' },
  { code: 'unterminated_quote', phase: 'file', kinds: BOTH, description: 'A quoted value is never closed (the line where it opens is given).' },
  { code: 'record_too_large', phase: 'file', kinds: BOTH, description: 'One row is longer than 1,000,000 characters (a file without line breaks).' },
  { code: 'malformed_csv', phase: 'file', kinds: BOTH, description: 'Any other CSV syntax error the parser cannot recover from.' },
  // One cell (the field rules, driven by each layout's field list)
  { code: 'required', phase: 'field', kinds: BOTH, description: 'A required field is empty.' },
  { code: 'formula', phase: 'field', kinds: BOTH, description: 'A spreadsheet formula, or a cell starting with = or @ (and + or - in text columns).' },
  { code: 'cell_error', phase: 'field', kinds: BOTH, description: 'A spreadsheet error cell such as #N/A.' },
  { code: 'invalid_integer', phase: 'field', kinds: BOTH, description: 'Not a whole number.' },
  { code: 'invalid_year', phase: 'field', kinds: BOTH, description: 'Not a four-digit year.' },
  { code: 'invalid_number', phase: 'field', kinds: BOTH, description: 'Not a number (amounts may have $ and thousands separators, percentages a %).' },
  { code: 'too_many_decimals', phase: 'field', kinds: BOTH, description: 'More decimals than the field has (amounts are whole dollars; exemption_pct has 2).' },
  { code: 'out_of_range', phase: 'field', kinds: BOTH, description: 'Outside the field\'s range (ids ≥ 1, years 1900–2100, exemption_pct 0–100, amounts ≥ 0).' },
  { code: 'invalid_date', phase: 'field', kinds: BOTH, description: 'Not a real date in YYYY-MM-DD, M/D/YYYY or YYYYMMDD (or an Excel date).' },
  { code: 'invalid_text', phase: 'field', kinds: BOTH, description: 'Text with a line break or control character.' },
  { code: 'too_long', phase: 'field', kinds: BOTH, description: 'Longer than the PACS column.' },
  { code: 'invalid_code', phase: 'field', kinds: BOTH, description: 'A code with characters other than letters, digits and / _ . -.' },
  { code: 'invalid_value', phase: 'field', kinds: BOTH, description: 'Not one of the allowed values (action, value_type).' },
  // One row, several fields, no database
  { code: 'column_count', phase: 'row', kinds: BOTH, description: 'A CSV row with more or fewer fields than the header.' },
  { code: 'parcel_ref_required', phase: 'row', kinds: EXEMPTIONS, description: 'Neither prop_id nor geo_id.' },
  { code: 'date_order', phase: 'row', kinds: EXEMPTIONS, description: 'termination_dt before effective_dt.' },
  { code: 'qualify_after_tax_year', phase: 'row', kinds: EXEMPTIONS, description: 'qualify_yr after exmpt_tax_yr.' },
  { code: 'effective_after_tax_year', phase: 'row', kinds: EXEMPTIONS, description: 'effective_dt in a later year than exmpt_tax_yr.' },
  { code: 'terminated_before_tax_year', phase: 'row', kinds: EXEMPTIONS, description: 'termination_dt in an earlier year than exmpt_tax_yr.' },
  // Against the PACS source (set-based lookups)
  { code: 'unknown_exemption_code', phase: 'source', kinds: EXEMPTIONS, description: 'exmpt_type_cd is not in exmpt_type.' },
  { code: 'year_unknown', phase: 'source', kinds: BOTH, description: 'The year has no pacs_year row.' },
  { code: 'certified_year_supplement', phase: 'notice', kinds: BOTH, description: "Not an error: the year is certified (pacs_year.certification_dt is set) and the parcel's current layer is not in a supplement group in coding; the row is pushed, for a coding supplement." },
  { code: 'parcel_not_found', phase: 'source', kinds: BOTH, description: 'No property with that prop_id / geo_id.' },
  { code: 'parcel_mismatch', phase: 'source', kinds: EXEMPTIONS, description: 'prop_id and geo_id name different parcels.' },
  { code: 'parcel_ambiguous', phase: 'source', kinds: BOTH, description: 'The geo_id (or a numeric parcel_id) names more than one parcel.' },
  { code: 'owner_not_found', phase: 'source', kinds: EXEMPTIONS, description: 'owner_id does not own the parcel in that year (current supplement layer).' },
  { code: 'udi_parent', phase: 'source', kinds: EXEMPTIONS, description: 'ADD on an undivided-interest (UDI) parent parcel (property_val.udi_parent T): exemptions go on its UDI children.' },
  { code: 'parcel_inactive', phase: 'source', kinds: BOTH, description: 'The parcel is deleted in that year (property_val.prop_inactive_dt set, not a UDI parent).' },
  { code: 'prop_type_not_allowed', phase: 'source', kinds: EXEMPTIONS, description: 'The code does not apply to the parcel\'s property type (WA: SNR/DSBL on R/MH, HOF and FARM on P; TX: HS, OV65, DP … on R/MH, EX366 and FR on P).' },
  { code: 'pct_required', phase: 'source', kinds: EXEMPTIONS, description: 'The code needs exemption_pct (TX: AB).' },
  { code: 'pct_not_allowed', phase: 'source', kinds: EXEMPTIONS, description: 'The code has a statutory amount (TX: OV65, OV65S, DP, DV1–DV4S).' },
  { code: 'invalid_subtype', phase: 'source', kinds: EXEMPTIONS, description: "exmpt_subtype_cd is not one of the county's sub-types of the code (exmpt_sub_type), or the code has sub-types and the row gives none." },
  { code: 'age_unknown', phase: 'source', kinds: EXEMPTIONS, description: 'WA SNR/DSBL by age (a sub-type without the disability flag) and the owner has no birth date (owner.birth_dt).' },
  { code: 'age_requirement', phase: 'source', kinds: EXEMPTIONS, description: 'WA SNR/DSBL by age: the owner is not 61 or older on December 31 of the year.' },
  { code: 'invalid_qualify_cd', phase: 'source', kinds: EXEMPTIONS, description: "The code has income tiers for the year in the county's exmpt_qualify_code and the row gives none, or one that is not there; or it gives a tier for a code that has none." },
  { code: 'income_required', phase: 'source', kinds: EXEMPTIONS, description: 'The code has income tiers and the row gives no combined_disp_income.' },
  { code: 'income_tier_mismatch', phase: 'source', kinds: EXEMPTIONS, description: "combined_disp_income is outside the income range of the tier given (the county's income_min–income_max)." },
  { code: 'residence_elsewhere', phase: 'source', kinds: EXEMPTIONS, description: 'The owner would have the residence exemption (WA: SNR/DSBL; TX: HS) on two parcels in one year, held or added by the file.' },
  { code: 'duplicate_in_file', phase: 'source', kinds: BOTH, description: 'The row repeats an earlier line\'s key (exemptions: year, parcel, owner, code; values: parcel, value type, year).' },
  { code: 'duplicate_existing', phase: 'source', kinds: EXEMPTIONS, description: 'ADD of an exemption the owner already has (one per year, parcel, owner and code).' },
  { code: 'remove_not_found', phase: 'source', kinds: EXEMPTIONS, description: 'REMOVE of an exemption the owner does not have.' },
  { code: 'ov65_conflict', phase: 'source', kinds: EXEMPTIONS, description: 'TX: OV65 and OV65S for one owner: OV65 replaces OV65S, so the file must REMOVE OV65S.' },
  { code: 'exemption_conflict', phase: 'source', kinds: EXEMPTIONS, description: 'TX: codes one owner cannot hold together (OV65/OV65S with DP; two disabled-veteran ratings).' },
  { code: 'requires_homestead', phase: 'source', kinds: EXEMPTIONS, description: 'TX: OV65, OV65S, DP or DVHS without an HS for the same owner — held or added by the file — or a REMOVE of HS that would leave one.' },
  { code: 'no_value_layer', phase: 'source', kinds: VALUES, description: 'The parcel has no property_val layer for the year.' },
];

/** Codes reported with the errors that are not errors: their rows are pushed all the same. */
export const NOTICE_CODES: readonly string[] = RULES.filter((r) => r.phase === 'notice').map((r) => r.code);
