import { z } from 'zod';
import { listAppeals } from '../pacs/appeal-queries.js';
import { PacsReader } from '../pacs/pacs-reader.js';
import { connectionIdArg, nextCall, nextCallShape, offsetArg, pageWords } from './common-schemas.js';
import { defineTool, READS_SOURCE } from './tool.js';

export const listAppealsTool = defineTool({
  name: 'list_appeals',
  title: 'List appeals (ARB protests)',
  toolset: 'core',
  description:
    'Lists protests (appeals to the board of equalization / ARB) from _arb_protest with status, hearing appraiser and docket; filter by year, status codes, ' +
    'open only (prot_complete_dt not set, as PACS decides), not yet on a hearing docket, parcel or appraiser. Also returns the county\'s status codes (_arb_protest_status).',
  input: z.object({
    connection_id: connectionIdArg,
    year: z.number().int().min(1900).max(2100).optional(),
    status: z.array(z.string().max(64)).max(30).optional().describe("prot_status codes of this county's _arb_protest_status, any case (the answer lists them)."),
    open_only: z.boolean().default(false).describe('Only protests still open (prot_complete_dt not set).'),
    unassigned_only: z.boolean().default(false).describe('Only protests not yet on a hearing docket.'),
    prop_id: z.number().int().positive().optional(),
    appraiser_id: z.number().int().optional().describe('Hearing or informal-meeting appraiser (appraiser.appraiser_id).'),
    limit: z.number().int().min(1).max(1_000).default(50),
    offset: offsetArg(10_000),
  }),
  output: z.object({
    connection_id: z.string(),
    appeals: z.array(
      z.object({
        prop_id: z.number().int(),
        year: z.number().int(),
        case_id: z.number().int(),
        prot_type: z.string().nullable(),
        prot_status: z.string().nullable(),
        status_desc: z.string().nullable(),
        closed: z.boolean(),
        prot_create_dt: z.string().nullable(),
        prot_complete_dt: z.string().nullable(),
        hearing_appraiser_id: z.number().nullable(),
        hearing_appraiser_nm: z.string().nullable(),
        meeting_appraiser_id: z.number().nullable(),
        meeting_appraiser_nm: z.string().nullable(),
        docket_id: z.number().nullable(),
        docket_start_dt: z.string().nullable(),
        panel: z.string().nullable(),
        opinion_of_value: z.number().nullable(),
        begin_market: z.number().nullable(),
        final_market: z.number().nullable(),
      }),
    ),
    statuses: z.array(z.object({ status_cd: z.string(), status_desc: z.string().nullable(), closes_case: z.boolean() })),
    truncated: z.boolean(),
    offset: z.number().int(),
    next: nextCallShape,
  }),
  annotations: READS_SOURCE,
  async handler(args, { engine, signal }) {
    const { record, connector } = await engine.source(args.connection_id);
    // A page is the appeals after `offset` of a listing of offset + limit.
    const found = await listAppeals(new PacsReader(record, connector), { year: args.year, statuses: args.status, openOnly: args.open_only, unassignedOnly: args.unassigned_only, propId: args.prop_id, appraiserId: args.appraiser_id, limit: args.offset + args.limit }, signal);
    const appeals = found.appeals.slice(args.offset);
    const next = nextCall('list_appeals', args, found.truncated ? args.offset + appeals.length : null);
    return {
      structured: { connection_id: record.id, appeals, statuses: found.statuses, truncated: found.truncated, offset: args.offset, next },
      text:
        `Appeals in "${record.id}" matching the filters, newest year first (closed: prot_complete_dt is set); statuses lists the county's status codes. ` +
        pageWords('appeals', args.offset, appeals.length, next),
      connectionId: record.id,
      rowCount: appeals.length,
    };
  },
});
