import { randomUUID } from 'node:crypto';
import { normalizeFilters, reportsChange } from '../../mcp/diff/diff-filter.js';
import type { DiffChange, DiffFilters } from '../../mcp/diff/diff-types.js';
import type { SnapshotMeta } from '../../mcp/snapshots/snapshot-types.js';
import { UserError } from '../../mcp/util/user-error.js';

/**
 * A keyed diff of two snapshots as the engine produces it, unfiltered, in key order. While
 * `complete` is false, changes are still being appended (never changed or reordered) and
 * `unchanged` is unknown.
 */
export interface ComputedDiff {
  base: SnapshotMeta;
  target: SnapshotMeta;
  summary: { added: number; removed: number; changed: number; unchanged: number | null };
  key_columns: string[];
  /** The value columns the screen shows: those that changed somewhere (so far), else every one. */
  fields: string[];
  changes: DiffChange[];
  elapsed_ms: number;
  complete: boolean;
  /** Why the diff stopped, when it failed: every screen that asks for it gets this error. */
  error: Error | null;
  /** Settles when the diff is complete or failed (never rejects). */
  done: Promise<void>;
  /** Settles once `n` changes are in, or the diff is done. */
  rowsReady(n: number): Promise<void>;
}

/** A diff as one screen filters it (the engine's filters, diff-filter.ts): the changes that pass, extended as the diff grows. */
export interface DiffViewState {
  diff: ComputedDiff;
  filters: DiffFilters;
  rows: DiffChange[];
  /** How many of the diff's changes the filters have seen. */
  scanned: number;
}

const KEEP_COMPUTED = 2;
const KEEP_VIEWS = 10;

/**
 * Diffs stay in the main process: the screen pages through rows (a virtualised table asks for
 * what it shows) instead of receiving 100,000 rows at once. A diff is computed once per pair of
 * snapshots (they are immutable) and shared by every filter of it.
 */
export class DiffStore {
  private readonly computed = new Map<string, ComputedDiff>();
  private readonly views = new Map<string, DiffViewState>();

  /** The diff of a pair: the one already computed or running, else the one `start` begins. */
  computedFor(baseId: string, targetId: string, start: () => ComputedDiff): ComputedDiff {
    const key = `${baseId}\u0000${targetId}`;
    const cached = this.computed.get(key);
    if (cached && cached.error === null) return cached;
    const diff = start();
    this.computed.set(key, diff);
    trim(this.computed, KEEP_COMPUTED);
    void diff.done.then(() => {
      if (diff.error !== null && this.computed.get(key) === diff) this.computed.delete(key);
    });
    return diff;
  }

  addView(diff: ComputedDiff, filters: DiffFilters): { id: string; view: DiffViewState } {
    const id = randomUUID();
    const view: DiffViewState = { diff, filters: normalizeFilters(filters), rows: [], scanned: 0 };
    this.views.set(id, view);
    trim(this.views, KEEP_VIEWS);
    extendView(view);
    return { id, view };
  }

  view(id: string): DiffViewState {
    const view = this.views.get(id);
    if (!view) throw new UserError('not_found', 'That diff is no longer open: run the comparison again.');
    return view;
  }
}

/** Runs the view's filters over the changes the diff has added since the last look. */
export function extendView(view: DiffViewState): DiffViewState {
  const changes = view.diff.changes;
  for (; view.scanned < changes.length; view.scanned++) {
    if (reportsChange(changes[view.scanned], view.filters)) view.rows.push(changes[view.scanned]);
  }
  return view;
}

function trim<V>(map: Map<string, V>, keep: number): void {
  for (const key of [...map.keys()].slice(0, Math.max(0, map.size - keep))) map.delete(key);
}
