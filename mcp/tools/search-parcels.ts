import { z } from 'zod';
import { searchParcels } from '../pacs/parcel-queries.js';
import { PacsReader } from '../pacs/pacs-reader.js';
import { textTable } from '../util/text-table.js';
import { connectionIdArg } from './common-schemas.js';
import { defineTool, READS_SOURCE } from './tool.js';

export const searchParcelsTool = defineTool({
  name: 'search_parcels',
  title: 'Search parcels',
  description:
    'Finds parcels (PACS property) by prop_id, geo_id, owner name or situs street, with optional neighborhood (hood_cd) and property type filters. ' +
    'Values are the official layer of the year (default: the current appraisal year). Confidential owners show their confidential name.',
  input: z.object({
    connection_id: connectionIdArg,
    query: z.string().max(200).optional().describe('prop_id, part of a geo_id, owner name or street.'),
    hood_cd: z.string().max(20).optional(),
    prop_type_cd: z.enum(['R', 'MH', 'P', 'MN', 'A']).optional(),
    year: z.number().int().min(1900).max(2100).optional(),
    limit: z.number().int().min(1).max(500).default(25),
  }),
  output: z.object({
    connection_id: z.string(),
    year: z.number().int(),
    parcels: z.array(
      z.object({
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
      }),
    ),
    truncated: z.boolean(),
  }),
  annotations: READS_SOURCE,
  async handler(args, { engine, signal }) {
    const { record, connector } = await engine.source(args.connection_id);
    const result = await searchParcels(new PacsReader(record, connector), args, signal);
    return {
      structured: { connection_id: record.id, ...result },
      text: `${result.parcels.length}${result.truncated ? '+' : ''} parcels (${result.year}):\n${textTable(result.parcels, ['prop_id', 'geo_id', 'prop_type_cd', 'owner_name', 'situs', 'market'])}`,
      connectionId: record.id,
      rowCount: result.parcels.length,
    };
  },
});
