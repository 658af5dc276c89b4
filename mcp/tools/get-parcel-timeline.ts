import { z } from 'zod';
import { getParcelTimeline } from '../pacs/parcel-queries.js';
import { PacsReader } from '../pacs/pacs-reader.js';
import { textTable } from '../util/text-table.js';
import { connectionIdArg, rowObject } from './common-schemas.js';
import { defineTool, ToolError, READS_SOURCE } from './tool.js';

export const getParcelTimelineTool = defineTool({
  name: 'get_parcel_timeline',
  title: 'Parcel value timeline',
  description:
    'Every property_val layer of a parcel by year and supplement, with value components and layer_status: official (the accepted layer of the year, as PACS\'s ' +
    'prop_accepted_supp_assoc_vw computes it), in_coding (current but its supplement group is still being coded), superseded or pending. The future-year layer ' +
    '(year 0 in PACS) comes apart as future_layer, labelled with the year it stands for. Protest begin/final values come as events.',
  input: z.object({
    connection_id: connectionIdArg,
    prop_id: z.number().int().positive(),
    from_year: z.number().int().min(1900).max(2100).optional(),
    to_year: z.number().int().min(1900).max(2100).optional(),
    include_supplements: z.boolean().default(true).describe('false: only the official layer of each year (and a current layer still in coding).'),
  }),
  output: z.object({
    connection_id: z.string(),
    prop_id: z.number().int(),
    values: z.array(rowObject),
    future_layer: z.array(rowObject).describe('The future-year layer (prop_val_yr 0), with stands_for_year; never a year of the past.'),
    future_year: z.number().int().nullable(),
    protests: z.array(rowObject),
  }),
  annotations: READS_SOURCE,
  async handler(args, { engine, signal }) {
    if (args.from_year !== undefined && args.to_year !== undefined && args.from_year > args.to_year) {
      throw new ToolError(`from_year (${args.from_year}) is after to_year (${args.to_year}). Swap them.`);
    }
    const { record, connector } = await engine.source(args.connection_id);
    const timeline = await getParcelTimeline(new PacsReader(record, connector), args.prop_id, args, signal);
    if (timeline.values.length === 0) {
      throw new ToolError(`No value history for prop_id ${args.prop_id} in "${record.id}"${args.from_year || args.to_year ? ' in that year range' : ''}. Check the prop_id with search_parcels.`);
    }
    return {
      structured: { connection_id: record.id, prop_id: args.prop_id, ...timeline },
      text:
        `Value timeline of parcel ${args.prop_id}:\n${textTable(timeline.values, ['year', 'sup_num', 'layer_status', 'sup_action', 'market', 'appraised_val', 'assessed_val'])}\n` +
        (timeline.future_layer.length ? `Future-year layer (year 0, for ${timeline.future_year ?? 'the next year'}): market ${timeline.future_layer.map((f) => f.market).join(', ')}.\n` : '') +
        `${timeline.protests.length} protests.`,
      connectionId: record.id,
      rowCount: timeline.values.length,
    };
  },
});
