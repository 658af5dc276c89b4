import { getParcelTimeline } from '../pacs/parcel-queries.js';
import { PacsReader } from '../pacs/pacs-reader.js';
import { getParcelTimelineInput, getParcelTimelineOutput } from './parcel-schemas.js';
import { defineTool, READS_SOURCE } from './tool.js';
import { UserError } from '../util/user-error.js';

export const getParcelTimelineTool = defineTool({
  name: 'get_parcel_timeline',
  title: 'Parcel value timeline',
  toolset: 'core',
  description:
    'Every property_val layer of a parcel by year and supplement, with value components and layer_status: official (the accepted layer of the year, as PACS\'s ' +
    'prop_accepted_supp_assoc_vw computes it), in_coding (current but its supplement group is still being coded), superseded or pending. The future-year layer ' +
    '(year 0 in PACS) comes apart as future_layer, labelled with the year it stands for. Protest begin/final values come as events.',
  input: getParcelTimelineInput,
  output: getParcelTimelineOutput,
  annotations: READS_SOURCE,
  async handler(args, { engine, signal }) {
    if (args.from_year !== undefined && args.to_year !== undefined && args.from_year > args.to_year) {
      throw new UserError('invalid', `from_year (${args.from_year}) is after to_year (${args.to_year}). Swap them.`);
    }
    const { record, connector } = await engine.source(args.connection_id);
    const timeline = await getParcelTimeline(new PacsReader(record, connector), args.prop_id, args, signal);
    if (timeline.values.length === 0) {
      throw new UserError('not_found', `No value history for prop_id ${args.prop_id} in "${record.id}"${args.from_year || args.to_year ? ' in that year range' : ''}. Check the prop_id with search_parcels.`);
    }
    return {
      structured: { connection_id: record.id, prop_id: args.prop_id, ...timeline },
      text:
        `Value timeline of parcel ${args.prop_id}: ${timeline.values.length} value layers (layer_status says which layer of each year is official)` +
        `${timeline.future_layer.length ? ', the future-year layer (future_layer, year 0 in PACS)' : ''} and ${timeline.protests.length} protests.`,
      connectionId: record.id,
      rowCount: timeline.values.length,
    };
  },
});
