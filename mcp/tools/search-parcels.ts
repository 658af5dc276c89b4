import { searchParcels } from '../pacs/parcel-queries.js';
import { PacsReader } from '../pacs/pacs-reader.js';
import { nextCall, pageWords } from './common-schemas.js';
import { searchParcelsInput, searchParcelsOutput } from './parcel-schemas.js';
import { defineTool, READS_SOURCE } from './tool.js';

export const searchParcelsTool = defineTool({
  name: 'search_parcels',
  title: 'Search parcels',
  toolset: 'core',
  description:
    'Finds parcels (PACS property) from what a person types, matched from the start: prop_id, geo_id with or without separators, a street address (number, direction, ' +
    'street, suffix in any spelling) or an owner name in either order; optional neighborhood (hood_cd) and property type filters. matched says which reading found each ' +
    'parcel and owner_name is the owner that matched. Values are the official layer of the year (default: the current appraisal year). Confidential owners show their confidential name.',
  input: searchParcelsInput,
  output: searchParcelsOutput,
  annotations: READS_SOURCE,
  async handler(args, { engine, signal }) {
    const { record, connector } = await engine.source(args.connection_id);
    // A page is the matches after `offset` of a search for offset + limit.
    const found = await searchParcels(new PacsReader(record, connector), { ...args, limit: args.offset + args.limit }, signal);
    const parcels = found.parcels.slice(args.offset);
    const next = nextCall('search_parcels', args, found.truncated ? args.offset + parcels.length : null);
    return {
      structured: { connection_id: record.id, year: found.year, parcels, truncated: found.truncated, offset: args.offset, next },
      text: `Parcels matching the search in "${record.id}", values of ${found.year}. ${pageWords('parcels', args.offset, parcels.length, next)}`,
      connectionId: record.id,
      rowCount: parcels.length,
    };
  },
});
