import { z } from 'zod';
import { getParcelInput, getParcelOutput, getParcelTimelineInput, getParcelTimelineOutput, searchParcelsInput, searchParcelsOutput } from '../../../mcp/tools/parcel-schemas.js';
import { connectionId } from './common.js';

// The parcel screen runs search_parcels, get_parcel and get_parcel_timeline: their schemas, not copies.

export const parcelsSearch = {
  input: z.object({ connection_id: connectionId.optional(), query: searchParcelsInput.shape.query, limit: searchParcelsInput.shape.limit }),
  output: searchParcelsOutput,
};

export const parcelsGet = {
  input: z.object({ connection_id: connectionId.optional(), prop_id: getParcelInput.shape.prop_id, year: getParcelInput.shape.year }),
  output: getParcelOutput,
};

export const parcelsTimeline = {
  input: z.object({ connection_id: connectionId.optional(), prop_id: getParcelTimelineInput.shape.prop_id }),
  output: getParcelTimelineOutput,
};
