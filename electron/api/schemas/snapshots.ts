import { z } from 'zod';
import { connectionId, downloadable, isoTime, noInput } from './common.js';

const snapshotId = z.string().min(1).max(100);

export const snapshotView = z.object({
  snapshot_id: z.string(),
  name: z.string(),
  connection_id: z.string().nullable(),
  created_by: z.string().nullable(),
  created_at: isoTime,
  row_count: z.number().int(),
  sha256: z.string(),
  masking_policy: z.string().nullable(),
});

export const snapshotsList = {
  input: noInput,
  output: z.object({ snapshots: z.array(snapshotView) }),
};

export const snapshotsCreate = {
  input: z
    .object({
      name: z.string().trim().min(1, 'Name the snapshot.').max(200),
      connection_id: connectionId.optional(),
      prop_ids: z.array(z.number().int().positive()).max(100_000).optional(),
      query: z.string().max(200).optional(),
      from_year: z.number().int().min(1900).max(2100).optional(),
      to_year: z.number().int().min(1900).max(2100).optional(),
    })
    .refine((v) => (v.prop_ids?.length ?? 0) > 0 || (v.query ?? '').trim() !== '', { message: 'Give parcel ids or a search.' }),
  output: z.object({ job_id: z.string() }),
};

export const DIFF_KINDS = ['added', 'removed', 'changed'] as const;

/**
 * What the diff shows: the names and meaning of the diff_snapshots tool's filters (applied by the
 * engine, mcp/diff/diff-filter.ts), so an export from the screen is the file the tool or the CLI
 * writes for the same filters.
 */
export const diffFilters = z.object({
  /** Which changes to show (default all three). */
  kinds: z.array(z.enum(DIFF_KINDS)).min(1).max(3).optional(),
  /** Changed rows where a numeric field moved at least this many percent (e.g. 5 = 5%) … */
  min_pct_change: z.number().min(0).max(1_000_000).optional(),
  /** … and at least this many dollars: with both, the same field must meet both. */
  min_abs_change: z.number().min(0).optional(),
  /** Only changed rows where one of these fields changed. */
  fields: z.array(z.string().min(1).max(128)).max(50).optional(),
  /** Only rows whose key contains this text (a prop_id, say). */
  key_contains: z.string().max(100).optional(),
}).strict();

export const diffField = z.object({
  field: z.string(),
  old: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  new: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  delta: z.number().nullable(),
  pct: z.number().nullable(),
  changed: z.boolean(),
});

export const diffRow = z.object({
  kind: z.enum(DIFF_KINDS),
  key: z.string(),
  /** Every compared field, changed or not, so the screen can show both sides. */
  fields: z.array(diffField),
});

export const histogramBucket = z.object({ from: z.number(), to: z.number(), count: z.number().int() });

/**
 * A diff as far as it has got. The diff is computed in the main process and answers as soon as
 * its first rows are in, so the screen paints at once; until `complete`, the screen polls
 * `snapshots.diffStatus` and the counts, the chart and `row_count` grow.
 */
export const diffState = z.object({
  /** Handle for paging rows and exporting; the diff is kept in the main process. */
  diff_id: z.string(),
  complete: z.boolean(),
  base: snapshotView,
  target: snapshotView,
  /** Counts so far; `unchanged` is known only once the diff is complete. */
  summary: z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int(), unchanged: z.number().int().nullable() }),
  key_columns: z.array(z.string()),
  /** The fields the side-by-side table shows: those that changed somewhere (so far). */
  fields: z.array(z.string()),
  /** Rows after the filters (so far). */
  row_count: z.number().int(),
  /** The numeric field the chart shows and its deltas, bucketed. */
  chart_field: z.string().nullable(),
  histogram: z.array(histogramBucket),
  elapsed_ms: z.number(),
});

export const snapshotsDiff = {
  input: z.object({ base_snapshot_id: snapshotId, target_snapshot_id: snapshotId, filters: diffFilters.default({}) }),
  output: diffState,
};

export const snapshotsDiffStatus = {
  input: z.object({ diff_id: z.string().min(1).max(100) }),
  output: diffState,
};

export const MAX_DIFF_PAGE = 2_000;

export const snapshotsDiffRows = {
  input: z.object({ diff_id: z.string().min(1).max(100), offset: z.number().int().min(0), limit: z.number().int().min(1).max(MAX_DIFF_PAGE) }),
  output: z.object({ offset: z.number().int(), rows: z.array(diffRow) }),
};

export const snapshotsExport = {
  input: z.object({ diff_id: z.string().min(1).max(100), format: z.enum(['csv', 'json', 'html']) }),
  output: downloadable,
};
