import type { SnapshotMeta } from '../snapshots/snapshot-types.js';
import { UserError } from '../util/user-error.js';

export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
  /** new − old when both are numbers, else null. */
  delta: number | null;
  /** delta as a percentage of |old| (2 decimals); null when old is 0 or either side is not a number. */
  pct_change: number | null;
}

interface ChangeBase {
  prop_id: number;
  year: number;
  /** The declared key columns beyond prop_id and year, by name (empty for a parcel timeline). */
  key: Record<string, unknown>;
}

export type DiffChange =
  | (ChangeBase & { change: 'added'; values: Record<string, unknown> })
  | (ChangeBase & { change: 'removed'; values: Record<string, unknown> })
  | (ChangeBase & { change: 'changed'; fields: FieldChange[] });

export interface DiffSummary {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
}

export const DIFF_CHANGE_KINDS = ['added', 'removed', 'changed'] as const;
export type DiffChangeKind = (typeof DIFF_CHANGE_KINDS)[number];

/**
 * Which changes to report: the one vocabulary of the diff_snapshots tool, `pacs-mcp snapshot diff`
 * and the desktop app (diff-filter.ts applies it). The summary always counts everything.
 */
export interface DiffFilters {
  /** The kinds of change to report (default all three). */
  kinds?: DiffChangeKind[];
  /** A changed row qualifies when a numeric field (of `fields`) moved at least this many percent … */
  min_pct_change?: number;
  /** … and at least this much in value units (dollars); with both, the same field must meet both. */
  min_abs_change?: number;
  /** The fields a changed row must have changed in (and that the thresholds look at); default all. */
  fields?: string[];
  /** Only rows whose key (prop_id, year or another key column) contains this text, ignoring case. */
  key_contains?: string;
}

export interface DiffHeader {
  base: SnapshotMeta;
  target: SnapshotMeta;
  columns: string[];
  key_columns: string[];
  filters: DiffFilters;
}

export interface DiffResult {
  base_snapshot_id: string;
  target_snapshot_id: string;
  summary: DiffSummary;
  /** Changes that passed the filters. */
  reported: number;
  /** Changes the filters left out. */
  filtered_out: number;
  elapsed_ms: number;
}

/** Where a diff's changes go, one at a time, in key order. */
export interface DiffSink {
  begin(header: DiffHeader): void | Promise<void>;
  change(change: DiffChange): void | Promise<void>;
  end(result: DiffResult): void | Promise<void>;
  /** Called instead of end() when the diff fails: drop anything half-written. */
  abort?(): void | Promise<void>;
}

export class SnapshotShapeError extends UserError {
  constructor(message: string) {
    super('invalid', message);
  }
}
