import { getParcel } from '../pacs/parcel-queries.js';
import { PacsReader } from '../pacs/pacs-reader.js';
import { getParcelInput, getParcelOutput } from './parcel-schemas.js';
import { defineTool, READS_SOURCE } from './tool.js';
import { UserError } from '../util/user-error.js';

export const getParcelTool = defineTool({
  name: 'get_parcel',
  title: 'Get a parcel',
  toolset: 'core',
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
    const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    return {
      structured: { connection_id: record.id, ...parcel },
      text:
        `Parcel ${parcel.prop_id} in ${parcel.year}: ${parcel.value ? 'the official value layer' : 'no value layer for this year'}` +
        `${parcel.current_layer ? ', a supplement layer still in coding (current_layer)' : ''}${parcel.future_layer ? ', the future-year layer (future_layer)' : ''}, ` +
        `${count(parcel.owners.length, 'owner', 'owners')}, ${count(parcel.situs.length, 'situs address', 'situs addresses')}, ` +
        `${count(parcel.exemptions.length, 'exemption', 'exemptions')}, ${count(parcel.protests.length, 'protest', 'protests')}.`,
      connectionId: record.id,
      rowCount: 1,
    };
  },
});
