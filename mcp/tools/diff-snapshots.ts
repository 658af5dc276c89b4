import { z } from 'zod';
import { CollectSink } from '../diff/collect-sink.js';
import { diffSnapshots } from '../diff/snapshot-diff.js';
import { nextCall, nextCallShape, offsetArg, rowObject } from './common-schemas.js';
import { diffFilterArgs, diffFilters } from './diff-filter-args.js';
import { defineTool, READ_ONLY } from './tool.js';

const fieldChange = z.object({ field: z.string(), old: z.unknown(), new: z.unknown(), delta: z.number().nullable(), pct_change: z.number().nullable() });

export const diffSnapshotsTool = defineTool({
  name: 'diff_snapshots',
  title: 'Diff two snapshots',
  toolset: 'snapshots',
  description:
    'Compares two snapshots row by row on their key (prop_id, year and any declared key columns): summary {added, removed, changed, unchanged} and the first changes, ' +
    'each changed field with old → new, numeric delta and percent change (truncated: true when more changes exist than max_changes). ' +
    'min_pct_change / min_abs_change list only changed rows where a numeric field moved at least that much (both must hold when both are given); added and removed rows are listed unless kinds leaves them out. ' +
    'fields and key_contains narrow the list further. Both snapshots must have the same columns and masking policy. Full reports (JSON, CSV, HTML): export_diff_report.',
  input: z.object({
    base_snapshot_id: z.string().min(1).max(64).describe('The earlier snapshot (from list_snapshots).'),
    target_snapshot_id: z.string().min(1).max(64).describe('The later snapshot.'),
    ...diffFilterArgs,
    max_changes: z.number().int().min(0).max(1_000).default(50),
    offset: offsetArg().describe('Changes to skip, for the next page.'),
  }),
  output: z.object({
    base_snapshot_id: z.string(),
    target_snapshot_id: z.string(),
    summary: z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int(), unchanged: z.number().int() }),
    reported: z.number().int(),
    filtered_out: z.number().int(),
    changes: z.array(
      z.object({
        change: z.enum(['added', 'removed', 'changed']),
        prop_id: z.number().int(),
        year: z.number().int(),
        key: rowObject,
        fields: z.array(fieldChange).optional(),
        values: rowObject.optional(),
      }),
    ),
    truncated: z.boolean(),
    offset: z.number().int(),
    next: nextCallShape,
    elapsed_ms: z.number(),
  }),
  annotations: READ_ONLY,
  async handler(args, { engine, signal }) {
    const collect = new CollectSink(args.max_changes, args.offset);
    const result = await diffSnapshots(
      engine.store,
      args.base_snapshot_id,
      args.target_snapshot_id,
      diffFilters(args),
      [collect],
      signal,
    );
    const s = result.summary;
    const end = args.offset + collect.changes.length;
    const next = nextCall('diff_snapshots', args, collect.truncated ? end : null);
    return {
      structured: { ...result, changes: collect.changes, truncated: collect.truncated, offset: args.offset, next },
      text:
        `Diff ${result.base_snapshot_id} → ${result.target_snapshot_id}: ${s.added} added, ${s.removed} removed, ${s.changed} changed, ${s.unchanged} unchanged` +
        `${result.filtered_out ? ` (${result.filtered_out} changes left out by the filters)` : ''}. ` +
        (collect.changes.length ? `Changes ${args.offset + 1}–${end} of ${result.reported}.` : `No changes listed after the first ${args.offset}.`) +
        (next ? ` More: call diff_snapshots again with offset ${end}.` : ''),
      rowCount: result.reported,
    };
  },
});
