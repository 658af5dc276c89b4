import { z } from 'zod';
import { MASKING_POLICIES } from '../masking/masking-policy.js';
import { exportSnapshot, type SnapshotExportResult, type SnapshotRequest } from '../snapshots/export-snapshot.js';
import { MAX_SEARCH_PARCELS, type ParcelSelection } from '../snapshots/parcel-selection.js';
import { UserError } from '../util/user-error.js';
import { connectionIdArg } from './common-schemas.js';
import { defineTool } from './tool.js';

const year = z.number().int().min(1900).max(2100);

/** How long a call waits for its snapshot before answering with the job (Claude Desktop gives up on a call after 60 s). */
const INLINE_WAIT_MS = 20_000;

function inlineWaitMs(env: NodeJS.ProcessEnv): number {
  const n = Number(env.PACS_MCP_SNAPSHOT_WAIT_MS);
  return Number.isFinite(n) && n >= 0 && n <= 50_000 ? n : INLINE_WAIT_MS;
}

export const exportParcelSnapshotTool = defineTool({
  name: 'export_parcel_snapshot',
  title: 'Take a parcel snapshot',
  toolset: 'snapshots',
  description:
    'Saves an immutable, versioned snapshot of parcel timelines (one row per parcel and year: the official (accepted) value layer with its components, the primary owner and the exemptions; the future-year layer labelled) ' +
    'for the parcels chosen by prop_ids, a search, or a read-only query, within an optional year range. Returns snapshot_id, row_count and the sha256 of its content. ' +
    'A snapshot that takes longer than about 20 seconds answers with status "running" and a job_id instead: poll get_job until it has succeeded; its result names the snapshot_id. ' +
    'Masking: "qa" (default) replaces every name, address, phone, e-mail, birth date, SSN and licence number with a deterministic pseudonym (the same person masks the same way in every snapshot, so diffs line up); ' +
    '"internal" keeps names and addresses except for confidential owners. content "query_rows" stores the rows of the query itself (it must return prop_id and year; add key_columns when those are not unique). ' +
    'write_to_training also copies (snapshot_id, parcel_id, year, value) to the training database\'s export_snapshot_parcel_timeline. Compare snapshots with diff_snapshots.',
  input: z.object({
    connection_id: connectionIdArg,
    name: z.string().min(1).max(200).describe('A name people will recognise, e.g. "2025 roll before ARB, hood 12".'),
    prop_ids: z.array(z.number().int().positive()).min(1).max(50_000).optional().describe('The parcels to snapshot.'),
    search: z
      .object({
        query: z.string().max(200).optional().describe('What a person would type, as search_parcels reads it: a prop_id, a geo_id, a street address or an owner name, matched from the start.'),
        hood_cd: z.string().max(20).optional(),
        prop_type_cd: z.enum(['R', 'MH', 'P', 'MN', 'A']).optional(),
        year: year.optional().describe('The year the search looks in (default: the current appraisal year).'),
      })
      .optional()
      .describe('Choose the parcels as search_parcels would.'),
    max_parcels: z.number().int().min(1).max(MAX_SEARCH_PARCELS).default(5_000).describe('With search: refuse rather than cut when more parcels match.'),
    query: z.string().min(1).max(100_000).optional().describe('A read-only SELECT returning prop_id (and, for content "query_rows", year and the other columns to keep).'),
    content: z.enum(['parcel_timeline', 'query_rows']).default('parcel_timeline'),
    key_columns: z.array(z.string().min(1).max(128)).max(8).optional().describe('content "query_rows": columns that with prop_id and year make a row unique.'),
    from_year: year.optional(),
    to_year: year.optional(),
    masking_policy: z.enum(MASKING_POLICIES).default('qa'),
    write_to_training: z.boolean().default(false),
    training_connection_id: z.string().min(1).max(64).optional().describe('Where the training copy goes (default: the source if it is a training connection, else the default training connection).'),
  }),
  output: z.object({
    job_id: z.string().describe('The job taking the snapshot; poll it with get_job while status is running.'),
    status: z.enum(['succeeded', 'running']),
    rows_so_far: z.number().int().optional().describe('While running: rows read and masked so far.'),
    snapshot_id: z.string().optional(),
    name: z.string(),
    connection_id: z.string().nullable(),
    content: z.string(),
    row_count: z.number().int().optional(),
    sha256: z.string().optional(),
    masking_policy: z.string(),
    created_at: z.string().optional(),
    created_by: z.string().optional(),
    from_year: z.number().int().nullable().optional(),
    to_year: z.number().int().nullable().optional(),
    columns: z.array(z.string()).optional(),
    key_columns: z.array(z.string()).optional(),
    missing_prop_ids: z.array(z.number().int()).optional(),
    missing_count: z.number().int().optional(),
    training_copy: z.object({ connection_id: z.string(), rows: z.number().int() }).nullable().optional(),
    elapsed_ms: z.number().optional(),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async handler(args, { engine, signal, client, progress }) {
    const chosen = [args.prop_ids ? 'prop_ids' : '', args.search ? 'search' : '', args.query ? 'query' : ''].filter(Boolean);
    if (chosen.length !== 1) throw new UserError('invalid', `Choose the parcels one way: prop_ids, search or query (got ${chosen.length ? chosen.join(' and ') : 'none'}).`);
    const selection: ParcelSelection = args.prop_ids ? { prop_ids: args.prop_ids } : args.search ? { search: args.search, max_parcels: args.max_parcels } : { query: args.query! };
    const request: SnapshotRequest = {
      connectionId: args.connection_id,
      name: args.name,
      selection,
      content: args.content,
      keyColumns: args.key_columns,
      fromYear: args.from_year,
      toYear: args.to_year,
      maskingPolicy: args.masking_policy,
      writeToTraining: args.write_to_training,
      trainingConnectionId: args.training_connection_id,
    };
    // A job, so a county-wide snapshot never holds the call past the client's limit: the call
    // waits a while and answers with the snapshot, or with the job to poll.
    let finished: SnapshotExportResult | undefined;
    let failure: unknown;
    const job = await engine.jobs.start({ kind: 'snapshot', tenantId: engine.tenantId, sourceConnectionId: args.connection_id ?? null, args: { name: args.name, selection: chosen[0] } }, async (run) => {
      try {
        finished = await exportSnapshot(engine, request, {
          clientName: client?.name ?? null,
          signal: run.signal,
          onProgress: async (rows) => {
            run.progress(rows, null, `${rows.toLocaleString('en-US')} rows read and masked`);
            await progress(rows, undefined, `${rows} rows read`);
          },
        });
      } catch (err) {
        failure = err;
        throw err;
      }
      const s = finished.snapshot;
      return { rows: s.row_count, result: { snapshot_id: s.snapshot_id, name: s.name, row_count: s.row_count, sha256: s.sha256, masking_policy: s.masking_policy, missing_count: finished.missing_count } };
    });
    const onCancel = () => engine.jobs.cancel(job.job_id);
    signal.addEventListener('abort', onCancel, { once: true });
    const now = await engine.jobs.waitFor(job.job_id, inlineWaitMs(engine.env)).finally(() => signal.removeEventListener('abort', onCancel));
    if (now.status === 'failed') throw failure ?? new UserError('unavailable', now.error ?? 'The snapshot failed.');
    const result = finished;
    if (now.status !== 'succeeded' || !result) {
      return {
        structured: { job_id: job.job_id, status: 'running' as const, rows_so_far: now.progress.done, name: args.name, connection_id: args.connection_id ?? null, content: args.content, masking_policy: args.masking_policy },
        text: `Still taking snapshot "${args.name}" (${now.progress.done.toLocaleString('en-US')} rows so far) as job ${job.job_id}. Poll get_job with that job_id; when it has succeeded, its result names the snapshot_id.`,
        connectionId: args.connection_id ?? null,
        rowCount: null,
      };
    }
    const s = result.snapshot;
    const missing = result.missing_count ? ` ${result.missing_count} of the prop_ids have no values in that range (missing_prop_ids).` : '';
    const copy = result.training_copy ? ` Copied ${result.training_copy.rows} rows to export_snapshot_parcel_timeline on "${result.training_copy.connection_id}".` : '';
    return {
      structured: {
        job_id: job.job_id,
        status: 'succeeded' as const,
        snapshot_id: s.snapshot_id,
        name: s.name,
        connection_id: s.source_connection_id,
        content: s.content,
        row_count: s.row_count,
        sha256: s.sha256,
        masking_policy: s.masking_policy,
        created_at: s.created_at,
        created_by: s.created_by,
        from_year: s.from_year,
        to_year: s.to_year,
        columns: s.columns,
        key_columns: s.key_columns,
        missing_prop_ids: result.missing_prop_ids,
        missing_count: result.missing_count,
        training_copy: result.training_copy,
        elapsed_ms: result.elapsed_ms,
      },
      text: `Saved snapshot ${s.snapshot_id}: ${s.row_count} rows from "${s.source_connection_id}", masking ${s.masking_policy}.${missing}${copy}`,
      connectionId: s.source_connection_id,
      rowCount: s.row_count,
    };
  },
});
