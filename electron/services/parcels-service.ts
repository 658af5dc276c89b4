import { getParcelTimelineTool } from '../../mcp/tools/get-parcel-timeline.js';
import { getParcelTool } from '../../mcp/tools/get-parcel.js';
import { searchParcelsTool } from '../../mcp/tools/search-parcels.js';
import type { ApiHandlers } from '../api/types.js';
import type { ServiceContext } from './context.js';
import { runToolForUi } from './run-tool.js';

/** The parcel screen runs the same tools Claude does: search_parcels, get_parcel, get_parcel_timeline. */
export const parcelsService: ApiHandlers<ServiceContext>['parcels'] = {
  async search(input, ctx) {
    return runToolForUi(ctx.engine, searchParcelsTool, { connection_id: input.connection_id, query: input.query || undefined, limit: input.limit });
  },
  async get(input, ctx) {
    return runToolForUi(ctx.engine, getParcelTool, { connection_id: input.connection_id, prop_id: input.prop_id, year: input.year });
  },
  async timeline(input, ctx) {
    return runToolForUi(ctx.engine, getParcelTimelineTool, { connection_id: input.connection_id, prop_id: input.prop_id, include_supplements: true });
  },
};
