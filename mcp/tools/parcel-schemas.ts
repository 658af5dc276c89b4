import { z } from 'zod';
import { connectionIdArg, nextCallShape, offsetArg, rowObject } from './common-schemas.js';

/**
 * The parcel tools' arguments and answers (search_parcels, get_parcel, get_parcel_timeline). The
 * desktop API's parcel methods answer with these same schemas, so both surfaces stay one shape.
 * Imports zod only.
 */

const year = z.number().int().min(1900).max(2100);
const propId = z.number().int().positive();

export const searchParcelsInput = z.object({
  connection_id: connectionIdArg,
  query: z
    .string()
    .max(200)
    .optional()
    .describe(
      'What a person would type, matched from its start and ignoring case: a prop_id, a geo_id with or without separators, a street address ("1185 Mockingbird Ave", "mockingbird avenue") or an owner name ("Jessica Hall", "Hall, Jessica").',
    ),
  hood_cd: z.string().max(20).optional(),
  prop_type_cd: z.enum(['R', 'MH', 'P', 'MN', 'A']).optional(),
  year: year.optional(),
  limit: z.number().int().min(1).max(500).default(25),
  offset: offsetArg(10_000),
});

export const searchParcelsOutput = z.object({
  connection_id: z.string(),
  year: z.number().int(),
  parcels: z.array(
    z.object({
      prop_id: z.number().int(),
      geo_id: z.string().nullable(),
      prop_type_cd: z.string(),
      year: z.number().int(),
      hood_cd: z.string().nullable(),
      owner_name: z.string().nullable().describe('The owner whose name matched the search, else the first owner.'),
      matched: z.enum(['prop_id', 'geo_id', 'owner', 'situs']).nullable().describe('Which reading of the search text found the parcel.'),
      situs: z.string(),
      market: z.number().nullable(),
      appraised_val: z.number().nullable(),
      assessed_val: z.number().nullable(),
    }),
  ),
  truncated: z.boolean(),
  offset: z.number().int(),
  next: nextCallShape,
});

export const getParcelInput = z.object({
  connection_id: connectionIdArg,
  prop_id: propId,
  year: year.optional(),
});

export const getParcelOutput = z.object({
  connection_id: z.string(),
  prop_id: z.number().int(),
  prop_type_cd: z.string(),
  geo_id: z.string().nullable(),
  simple_geo_id: z.string().nullable(),
  dba_name: z.string().nullable(),
  state_cd: z.string().nullable(),
  year: z.number().int(),
  value: rowObject.nullable(),
  current_layer: rowObject.nullable(),
  future_layer: rowObject.nullable(),
  owners: z.array(rowObject),
  situs: z.array(rowObject),
  exemptions: z.array(rowObject),
  protests: z.array(rowObject),
});

export const getParcelTimelineInput = z.object({
  connection_id: connectionIdArg,
  prop_id: propId,
  from_year: year.optional(),
  to_year: year.optional(),
  include_supplements: z.boolean().default(true).describe('false: only the official layer of each year (and a current layer still in coding).'),
});

export const getParcelTimelineOutput = z.object({
  connection_id: z.string(),
  prop_id: z.number().int(),
  values: z.array(rowObject),
  future_layer: z.array(rowObject).describe('The future-year layer (prop_val_yr 0), with stands_for_year; never a year of the past.'),
  future_year: z.number().int().nullable(),
  protests: z.array(rowObject),
});
