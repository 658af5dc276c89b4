import { z } from 'zod';
import { DIFF_CHANGE_KINDS, type DiffFilters } from '../diff/diff-types.js';

/** The diff filters as tools take them: one vocabulary with `pacs-mcp snapshot diff` and the desktop app. */
export const diffFilterArgs = {
  kinds: z.array(z.enum(DIFF_CHANGE_KINDS)).min(1).max(3).optional().describe('Which changes to list: added, removed, changed (default all three).'),
  min_pct_change: z.number().min(0).max(1_000_000).optional().describe('Only value changes of at least this many percent.'),
  min_abs_change: z.number().min(0).optional().describe('Only value changes of at least this amount (dollars).'),
  fields: z.array(z.string().min(1).max(128)).max(50).optional().describe('Only changed rows where one of these fields changed (and the thresholds look at these; default: all).'),
  key_contains: z.string().max(100).optional().describe('Only rows whose key (prop_id, year or another key column) contains this text.'),
};

export function diffFilters(args: { [K in keyof typeof diffFilterArgs]?: z.output<(typeof diffFilterArgs)[K]> }): DiffFilters {
  return { kinds: args.kinds, min_pct_change: args.min_pct_change, min_abs_change: args.min_abs_change, fields: args.fields, key_contains: args.key_contains };
}
