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

/**
 * Which changed rows to report. With a threshold set, a changed row is reported when at least one
 * numeric field (of `fields`, default every numeric column) moved by at least min_abs_change
 * (in value units, dollars) and at least min_pct_change percent. Added and removed rows are
 * always reported; the summary always counts everything.
 */
export interface DiffFilters {
  min_pct_change?: number;
  min_abs_change?: number;
  fields?: string[];
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
  /** Changes that passed the filters (every added and removed row, and the changed rows that qualified). */
  reported: number;
  /** Changed rows the filters left out. */
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
