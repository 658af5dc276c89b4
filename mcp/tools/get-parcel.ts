import { getParcel } from '../pacs/parcel-queries.js';
import { PacsReader } from '../pacs/pacs-reader.js';
import { getParcelInput, getParcelOutput } from './parcel-schemas.js';
import { defineTool, READS_SOURCE } from './tool.js';
import { UserError } from '../util/user-error.js';

export const getParcelTool = defineTool({
  name: 'get_parcel',
  title: 'Get a parcel',
  description:
    'One parcel for a year (default: current appraisal year): property, the official (accepted) value layer with its components, the current layer when it is a ' +
    'supplement still in coding, the future-year layer labelled with its year, owners, situs, exemptions and protests (open while prot_complete_dt is empty). ' +
    'Sensitive exemption fields (SSN, licence numbers, birth dates, income) are never returned.',
  input: getParcelInput,
  output: getParcelOutput,
  annotations: READS_SOURCE,
  async handler(args, { engine, signal }) {
    const { record, connector } = await engine.source(args.connection_id);
    const parcel = await getParcel(new PacsReader(record, connector), args.prop_id, args.year, signal);
    if (!parcel) {
      throw new UserError('not_found', `No parcel with prop_id ${args.prop_id} in connection "${record.id}". Use search_parcels to find it by geo_id, owner or street.`);
    }
    const owners = parcel.owners.map((o) => String(o.owner_name ?? '')).join('; ') || 'none on record';
    const exemptions = parcel.exemptions.map((e) => e.exmpt_type_cd).join(', ') || 'none';
    const market = parcel.value ? `market ${parcel.value.market}, appraised ${parcel.value.appraised_val}, assessed ${parcel.value.assessed_val}` : 'no value layer for this year';
    const coding = parcel.current_layer ? ` A supplement still in coding (sup_num ${parcel.current_layer.sup_num}) has market ${parcel.current_layer.market}.` : '';
    const future = parcel.future_layer ? ` Future-year layer (for ${parcel.future_layer.stands_for_year ?? 'the next year'}): market ${parcel.future_layer.market}.` : '';
    return {
      structured: { connection_id: record.id, ...parcel },
      text: `Parcel ${parcel.prop_id} (${parcel.geo_id ?? 'no geo_id'}, type ${parcel.prop_type_cd}) ${parcel.year}: ${market}.${coding}${future} Owners: ${owners}. Situs: ${parcel.situs[0]?.line ?? 'none'}. Exemptions: ${exemptions}. Protests: ${parcel.protests.length}.`,
      connectionId: record.id,
      rowCount: 1,
    };
  },
});
