import { z } from 'zod';
import { connectionId, rowRecord } from './common.js';

const propId = z.number().int().positive();

export const parcelHit = z.object({
  prop_id: z.number().int(),
  geo_id: z.string().nullable(),
  prop_type_cd: z.string(),
  year: z.number().int(),
  hood_cd: z.string().nullable(),
  owner_name: z.string().nullable(),
  situs: z.string(),
  market: z.number().nullable(),
  appraised_val: z.number().nullable(),
  assessed_val: z.number().nullable(),
});

export const parcelsSearch = {
  input: z.object({
    connection_id: connectionId.optional(),
    query: z.string().max(200).default(''),
    limit: z.number().int().min(1).max(500).default(50),
  }),
  output: z.object({ connection_id: z.string(), year: z.number().int(), parcels: z.array(parcelHit), truncated: z.boolean() }),
};

export const parcelsGet = {
  input: z.object({ connection_id: connectionId.optional(), prop_id: propId, year: z.number().int().min(1900).max(2100).optional() }),
  output: z.object({
    connection_id: z.string(),
    prop_id: z.number().int(),
    prop_type_cd: z.string(),
    geo_id: z.string().nullable(),
    simple_geo_id: z.string().nullable(),
    dba_name: z.string().nullable(),
    year: z.number().int(),
    value: rowRecord.nullable(),
    owners: z.array(rowRecord),
    situs: z.array(rowRecord),
    exemptions: z.array(rowRecord),
    protests: z.array(rowRecord),
  }),
};

export const parcelsTimeline = {
  input: z.object({ connection_id: connectionId.optional(), prop_id: propId }),
  output: z.object({ connection_id: z.string(), prop_id: z.number().int(), values: z.array(rowRecord), protests: z.array(rowRecord) }),
};
