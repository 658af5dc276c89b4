import { searchParcels } from '../pacs/parcel-queries.js';
import { PacsReader } from '../pacs/pacs-reader.js';
import { textTable } from '../util/text-table.js';
import { searchParcelsInput, searchParcelsOutput } from './parcel-schemas.js';
import { defineTool, READS_SOURCE } from './tool.js';

export const searchParcelsTool = defineTool({
  name: 'search_parcels',
  title: 'Search parcels',
  description:
    'Finds parcels (PACS property) by prop_id or by the start of a geo_id, owner name (last name first) or situs street name, with optional neighborhood (hood_cd) and property type filters. ' +
    'Values are the official layer of the year (default: the current appraisal year). Confidential owners show their confidential name.',
  input: searchParcelsInput,
  output: searchParcelsOutput,
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
