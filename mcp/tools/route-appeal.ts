import { z } from 'zod';
import { PacsReader } from '../pacs/pacs-reader.js';
import { routeAppeal, type RoutingSettings } from '../pacs/route-appeal.js';
import { connectionIdArg } from './common-schemas.js';
import { defineTool } from './tool.js';

export const routeAppealTool = defineTool({
  name: 'route_appeal',
  title: 'Route an appeal to a hearing docket and appraiser',
  toolset: 'core',
  description:
    "Puts an open protest (_arb_protest, prot_complete_dt not set) on a hearing docket the way PACS's auto-scheduling does: a docket another protest of the parcel " +
    "already has that year, else the earliest protest-hearing docket the rules allow (the county's auto-scheduling days after today, or after the day a training " +
    'copy stands at, and after the filing; no date is taken from the caller) that lists the ' +
    'property type, takes its commercial flag and has room under its maximum; and names the hearing appraiser (prot_hearing_appraisal_staff): the parcel\'s last ' +
    'appraiser, else its neighborhood\'s, when active. The status changes only to set_status or the connection\'s configured scheduling status (one of the ' +
    "county's codes). A connection can name PACS's own scheduling procedure to pick the docket instead. Writes only on a training connection (production is " +
    'refused). Already routed: the assignment stays (only set_status is applied) unless reassign is true.',
  input: z.object({
    connection_id: connectionIdArg,
    prop_id: z.number().int().positive(),
    year: z.number().int().min(1900).max(2100).optional().describe('Protest year (prop_val_yr); default: the current appraisal year.'),
    case_id: z.number().int().positive().optional().describe('Needed only when the parcel has several open protests that year.'),
    reassign: z.boolean().default(false),
    set_status: z.string().min(1).max(10).optional().describe("A status code of the county's _arb_protest_status that does not close the case."),
  }),
  output: z.object({
    connection_id: z.string(),
    prop_id: z.number().int(),
    year: z.number().int(),
    case_id: z.number().int(),
    prop_type_cd: z.string(),
    commercial: z.boolean(),
    previous_status: z.string(),
    prot_status: z.string(),
    appraiser_id: z.number().int(),
    appraiser_nm: z.string().nullable(),
    appraiser_source: z.enum(['last_appraiser', 'neighborhood', 'already_assigned']),
    docket_id: z.number().int(),
    docket_source: z.enum(['already_assigned', 'same_property', 'auto_schedule', 'procedure']),
    hearing_id: z.number().int().nullable(),
    docket_start_dt: z.string(),
    docket_end_dt: z.string(),
    hearings_on_docket: z.number().int(),
    max_hearings: z.number().int().nullable(),
    changed: z.boolean(),
  }),
  // It updates existing protest rows (destructive when reassigning); the same call again changes nothing more.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  async handler(args, { engine }) {
    const { record, connector } = await engine.source(args.connection_id);
    const year = args.year ?? (await new PacsReader(record, connector).currentYear());
    const settings: RoutingSettings = {
      scheduledStatus: typeof record.config.appeal_scheduled_status === 'string' ? record.config.appeal_scheduled_status : null,
      procedure: typeof record.config.appeal_scheduling_procedure === 'string' ? record.config.appeal_scheduling_procedure : null,
      calendarDate: typeof record.config.appeal_calendar_date === 'string' ? record.config.appeal_calendar_date : null,
    };
    const routed = await routeAppeal(record, connector, { propId: args.prop_id, year, caseId: args.case_id, reassign: args.reassign, setStatus: args.set_status }, settings);
    const protest = `protest ${routed.year}-${routed.case_id} of parcel ${routed.prop_id}`;
    const alreadyRouted = routed.docket_source === 'already_assigned' && routed.appraiser_source === 'already_assigned';
    const what = !alreadyRouted
      ? `Routed ${protest}`
      : routed.changed
        ? `The ${protest} was already routed: only its status changed, as set_status asked (pass reassign: true to route it again)`
        : `The ${protest} was already routed (nothing changed; pass reassign: true to route it again)`;
    return {
      structured: { connection_id: record.id, ...routed },
      text:
        `${what}: hearing appraiser ${routed.appraiser_id} (${routed.appraiser_source.replace('_', ' ')}), docket ${routed.docket_id} (${routed.docket_source.replace('_', ' ')}, ` +
        `${routed.hearings_on_docket} of ${routed.max_hearings ?? 'no limit'} cases).`,
      connectionId: record.id,
      rowCount: routed.changed ? 1 : 0,
    };
  },
});
