import { z } from 'zod';
import { PacsReader } from '../pacs/pacs-reader.js';
import { routeAppeal } from '../pacs/route-appeal.js';
import { connectionIdArg } from './common-schemas.js';
import { defineTool } from './tool.js';

export const routeAppealTool = defineTool({
  name: 'route_appeal',
  title: 'Route an appeal to an appraiser and a hearing docket',
  toolset: 'core',
  description:
    'Assigns an open protest (_arb_protest) to an appraiser — the parcel\'s last appraiser, else its neighborhood\'s, when active — and to the first hearing docket ' +
    '(arb_docket) of its year that accepts the property type and still has room; an OPEN/O case becomes HEARING_SCHEDULED/S. ' +
    'Writes only on a training connection (production is refused). Already routed: returns the assignment unchanged unless reassign is true. ' +
    'Hearings start at least 15 days after earliest_date (default today) and after the filing.',
  input: z.object({
    connection_id: connectionIdArg,
    prop_id: z.number().int().positive(),
    year: z.number().int().min(1900).max(2100).optional().describe('Protest year (prop_val_yr); default: the current appraisal year.'),
    case_id: z.number().int().positive().optional().describe('Needed only when the parcel has several open protests that year.'),
    earliest_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'earliest_date is YYYY-MM-DD').optional(),
    reassign: z.boolean().default(false),
  }),
  output: z.object({
    connection_id: z.string(),
    prop_id: z.number().int(),
    year: z.number().int(),
    case_id: z.number().int(),
    prop_type_cd: z.string(),
    previous_status: z.string(),
    prot_status: z.string(),
    appraiser_id: z.number().int(),
    appraiser_nm: z.string().nullable(),
    appraiser_source: z.enum(['last_appraiser', 'neighborhood', 'already_assigned']),
    docket_id: z.number().int(),
    docket_start_dt: z.string(),
    docket_end_dt: z.string(),
    hearings_on_docket: z.number().int(),
    max_hearings: z.number().int(),
    changed: z.boolean(),
  }),
  // It updates existing protest rows (destructive when reassigning); the same call again changes nothing more.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  async handler(args, { engine }) {
    const { record, connector } = await engine.source(args.connection_id);
    const year = args.year ?? (await new PacsReader(record, connector).currentYear());
    const routed = await routeAppeal(record, connector, { ...args, year });
    const what = routed.changed
      ? `Routed protest ${routed.year}-${routed.case_id} of parcel ${routed.prop_id}`
      : `Protest ${routed.year}-${routed.case_id} of parcel ${routed.prop_id} was already routed (nothing changed; pass reassign: true to route it again)`;
    return {
      structured: { connection_id: record.id, ...routed },
      text: `${what}: appraiser ${routed.appraiser_id} (${routed.appraiser_source.replace('_', ' ')}), docket ${routed.docket_id} (${routed.hearings_on_docket} of ${routed.max_hearings} hearings).`,
      connectionId: record.id,
      rowCount: routed.changed ? 1 : 0,
    };
  },
});
