import type { FieldSpec } from '../field-types.js';
import { fieldIndex } from '../import-kind.js';

/**
 * The value columns of property_val an import may set, with the spellings a value_type may use.
 * Promotion writes only these columns: the name never comes from the file as such.
 */
export const VALUE_COLUMNS = [
  'land_hstd_val',
  'land_non_hstd_val',
  'imprv_hstd_val',
  'imprv_non_hstd_val',
  'ag_use_val',
  'ag_market',
  'market',
  'appraised_val',
  'assessed_val',
  'ten_percent_cap',
] as const;

export type ValueColumn = (typeof VALUE_COLUMNS)[number];

const VALUE_TYPE_SPELLINGS: Record<string, ValueColumn> = {
  MARKET_VALUE: 'market',
  MARKET_VAL: 'market',
  APPRAISED: 'appraised_val',
  APPRAISED_VALUE: 'appraised_val',
  ASSESSED: 'assessed_val',
  ASSESSED_VALUE: 'assessed_val',
  TAXABLE: 'assessed_val',
  LAND_HS: 'land_hstd_val',
  LAND_HSTD: 'land_hstd_val',
  LAND_HOMESITE: 'land_hstd_val',
  LAND_NON_HS: 'land_non_hstd_val',
  LAND_NHS: 'land_non_hstd_val',
  LAND_NON_HOMESITE: 'land_non_hstd_val',
  IMPRV_HS: 'imprv_hstd_val',
  IMPROVEMENT_HS: 'imprv_hstd_val',
  IMPROVEMENT_HOMESITE: 'imprv_hstd_val',
  IMPRV_NON_HS: 'imprv_non_hstd_val',
  IMPROVEMENT_NON_HS: 'imprv_non_hstd_val',
  IMPROVEMENT_NON_HOMESITE: 'imprv_non_hstd_val',
  AG_USE: 'ag_use_val',
  AG_USE_VALUE: 'ag_use_val',
  PRODUCTIVITY: 'ag_use_val',
  AG_MARKET_VALUE: 'ag_market',
  CAP: 'ten_percent_cap',
  HS_CAP: 'ten_percent_cap',
  HOMESTEAD_CAP: 'ten_percent_cap',
};

const VALUE_TYPES: Record<string, ValueColumn> = {
  ...Object.fromEntries(VALUE_COLUMNS.map((c) => [c.toUpperCase(), c])),
  ...VALUE_TYPE_SPELLINGS,
};

/** The county's own import_staging_property_values, one value of one parcel per row. */
export const PROPERTY_VALUE_FIELDS: readonly FieldSpec[] = [
  {
    name: 'parcel_id',
    type: { kind: 'text', maxLength: 20 },
    aliases: ['parcel', 'parcel_num', 'parcel_number', 'prop_id', 'property_id', 'geo_id', 'account', 'pin'],
    required: true,
    description: 'The parcel: a prop_id (digits) or a geo_id.',
  },
  {
    name: 'value_type',
    type: { kind: 'enum', values: VALUE_TYPES },
    aliases: ['type', 'value_kind', 'value_name', 'value_field'],
    required: true,
    description: `Which value: ${VALUE_COLUMNS.join(', ')} (or a spelling such as "Market Value").`,
  },
  {
    name: 'value_amount',
    type: { kind: 'decimal', min: 0, max: 999_999_999_999, scale: 0, unit: 'currency' },
    aliases: ['amount', 'value', 'value_amt'],
    required: true,
    description: 'The value in whole dollars (PACS values are NUMERIC(14)), 0 to 999,999,999,999.',
  },
  {
    name: 'effective_date',
    type: { kind: 'date' },
    aliases: ['effective_dt', 'date', 'as_of', 'as_of_date', 'value_date'],
    required: true,
    description: 'Date the value is effective; its year must be open.',
  },
  {
    name: 'source',
    type: { kind: 'text', maxLength: 255 },
    aliases: ['source_system', 'origin'],
    description: 'Where the value came from (free text).',
  },
];

export const PV = fieldIndex(PROPERTY_VALUE_FIELDS, ['parcel_id', 'value_type', 'value_amount', 'effective_date', 'source'] as const);
