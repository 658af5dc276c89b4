import { z } from 'zod';
import { listAppeals } from '../pacs/appeal-queries.js';
import { PacsReader } from '../pacs/pacs-reader.js';
import { textTable } from '../util/text-table.js';
import { connectionIdArg } from './common-schemas.js';
import { defineTool, READS_SOURCE } from './tool.js';

export const listAppealsTool = defineTool({
  name: 'list_appeals',
  title: 'List appeals (ARB protests)',
  description: 'Lists ARB/BOE protests from _arb_protest with status, assigned appraiser and docket; filter by year, status codes, open or unassigned only, parcel or appraiser.',
  input: z.object({
    connection_id: connectionIdArg,
    year: z.number().int().min(1900).max(2100).optional(),
    status: z.array(z.string().max(32)).max(30).optional().describe('prot_status codes, e.g. ["O","OPEN","S"].'),
    open_only: z.boolean().default(false),
    unassigned_only: z.boolean().default(false),
    prop_id: z.number().int().positive().optional(),
    appraiser_id: z.number().int().optional(),
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
        appraiser_id: z.number().nullable(),
        appraiser_nm: z.string().nullable(),
        docket_id: z.number().nullable(),
        opinion_of_value: z.number().nullable(),
        begin_market: z.number().nullable(),
        final_market: z.number().nullable(),
      }),
    ),
    truncated: z.boolean(),
  }),
  annotations: READS_SOURCE,
  async handler(args, { engine, signal }) {
    const { record, connector } = await engine.source(args.connection_id);
    const result = await listAppeals(new PacsReader(record, connector), { ...args, statuses: args.status }, signal);
    return {
      structured: { connection_id: record.id, ...result },
      text: `${result.appeals.length}${result.truncated ? '+' : ''} appeals:\n${textTable(result.appeals, ['prop_id', 'year', 'case_id', 'prot_status', 'status_desc', 'appraiser_nm', 'docket_id'])}`,
      connectionId: record.id,
      rowCount: result.appeals.length,
    };
  },
});
