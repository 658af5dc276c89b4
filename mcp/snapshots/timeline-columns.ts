/**
 * Columns of a parcel timeline snapshot: one row per parcel and year, from the year's official
 * (accepted) layer. The county's export_snapshot_parcel_timeline carries (parcel_id, year,
 * value); `value` here is that value (the market value), followed by the value components of
 * property_val, the parcel's descriptive fields, its primary owner and the year's exemptions.
 * The future-year layer is its own row with year 0, `layer` 'future' and the calendar year it
 * stands for in `stands_for_year` (never shown as a year of the past).
 */
export const TIMELINE_VALUE_COLUMNS = [
  'land_hstd_val',
  'land_non_hstd_val',
  'imprv_hstd_val',
  'imprv_non_hstd_val',
  'ag_use_val',
  'ag_market',
  'market',
  'appraised_val',
  'ten_percent_cap',
  'assessed_val',
] as const;

export const TIMELINE_COLUMNS = [
  'prop_id',
  'year',
  'sup_num',
  // 'official' (the accepted layer of the year) or 'future' (the year-0 layer).
  'layer',
  'stands_for_year',
  'value',
  'prop_type_cd',
  'geo_id',
  'hood_cd',
  'legal_desc',
  'legal_acreage',
  'situs',
  // The primary owner: the largest share, then the lowest owner_id.
  'owner_id',
  'owner_name',
  'owner_count',
  // True when any owner of the parcel that year is confidential (TX Tax Code §25.025).
  'owner_confidential',
  'owner_mail_address',
  'owner_phone',
  'owner_email',
  'owner_birth_dt',
  'owner_dl_num',
  // Lists, in exemption-code order.
  'exemption_codes',
  'exemption_applicants',
  'exemption_birth_dts',
  'exemption_spouse_birth_dts',
  'exemption_ss_nums',
  'exemption_dl_nums',
  'exemption_income',
  ...TIMELINE_VALUE_COLUMNS,
] as const;

export type TimelineColumn = (typeof TIMELINE_COLUMNS)[number];
export const TIMELINE_KEY_COLUMNS = ['prop_id', 'year'];
