import { z } from 'zod';
import { listAppeals } from '../pacs/appeal-queries.js';
import { PacsReader } from '../pacs/pacs-reader.js';
import { textTable } from '../util/text-table.js';
import { connectionIdArg } from './common-schemas.js';
import { defineTool, READS_SOURCE } from './tool.js';

export const listAppealsTool = defineTool({
  name: 'list_appeals',
  title: 'List appeals (ARB protests)',
  description:
    'Lists protests (appeals to the board of equalization / ARB) from _arb_protest with status, hearing appraiser and docket; filter by year, status codes, ' +
    'open only (prot_complete_dt not set, as PACS decides), not yet on a hearing docket, parcel or appraiser. Also returns the county\'s status codes (_arb_protest_status).',
  input: z.object({
    connection_id: connectionIdArg,
    year: z.number().int().min(1900).max(2100).optional(),
    status: z.array(z.string().max(10)).max(30).optional().describe("prot_status codes of this county's _arb_protest_status (the answer lists them)."),
    open_only: z.boolean().default(false).describe('Only protests still open (prot_complete_dt not set).'),
    unassigned_only: z.boolean().default(false).describe('Only protests not yet on a hearing docket.'),
    prop_id: z.number().int().positive().optional(),
    appraiser_id: z.number().int().optional().describe('Hearing or informal-meeting appraiser (appraiser.appraiser_id).'),
    limit: z.number().int().min(1).max(1_000).default(50),
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
  }),
  annotations: READS_SOURCE,
  async handler(args, { engine, signal }) {
    const { record, connector } = await engine.source(args.connection_id);
    const result = await listAppeals(new PacsReader(record, connector), { ...args, statuses: args.status }, signal);
    const codes = result.statuses.map((s) => `${s.status_cd}${s.closes_case ? '*' : ''}`).join(', ');
    return {
      structured: { connection_id: record.id, ...result },
      text:
        `${result.appeals.length}${result.truncated ? '+' : ''} appeals (closed: prot_complete_dt set):\n` +
        `${textTable(result.appeals, ['prop_id', 'year', 'case_id', 'prot_status', 'status_desc', 'closed', 'hearing_appraiser_nm', 'docket_id', 'docket_start_dt'])}\n` +
        `Status codes of this county (* closes the case): ${codes}.`,
      connectionId: record.id,
      rowCount: result.appeals.length,
    };
  },
});
