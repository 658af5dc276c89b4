import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { ApiError } from '../api/dispatch.js';
import type { diffFilters, diffRow, snapshotView } from '../api/schemas/snapshots.js';

export type DiffRow = z.output<typeof diffRow>;
export type DiffFilters = z.output<typeof diffFilters>;
export type SnapshotView = z.output<typeof snapshotView>;

/** A whole keyed diff of two snapshots, as the engine computed it. */
export interface ComputedDiff {
  base: SnapshotView;
  target: SnapshotView;
  summary: { added: number; removed: number; changed: number; unchanged: number };
  key_columns: string[];
  fields: string[];
  rows: DiffRow[];
  elapsed_ms: number;
}

export interface DiffViewState {
  diff: ComputedDiff;
  filters: DiffFilters;
  rows: DiffRow[];
}

const KEEP_COMPUTED = 2;
const KEEP_VIEWS = 10;

/**
 * Diffs stay in the main process: the screen pages through rows (a virtualised table asks for
 * what it shows) instead of receiving 100,000 rows at once. A computed diff is reused when only
 * the filters change.
 */
export class DiffStore {
  private readonly computed = new Map<string, ComputedDiff>();
  private readonly views = new Map<string, DiffViewState>();

  async computedFor(baseId: string, targetId: string, compute: () => Promise<ComputedDiff>): Promise<ComputedDiff> {
    const key = `${baseId}\u0000${targetId}`;
    const cached = this.computed.get(key);
    if (cached) return cached;
    const diff = await compute();
    this.computed.set(key, diff);
    trim(this.computed, KEEP_COMPUTED);
    return diff;
  }

  addView(diff: ComputedDiff, filters: DiffFilters, rows: DiffRow[]): string {
    const id = randomUUID();
    this.views.set(id, { diff, filters, rows });
    trim(this.views, KEEP_VIEWS);
    return id;
  }

  view(id: string): DiffViewState {
    const view = this.views.get(id);
    if (!view) throw new ApiError('invalid_input', 'That diff is no longer open: run the comparison again.');
    return view;
  }
}

function trim<V>(map: Map<string, V>, keep: number): void {
  for (const key of [...map.keys()].slice(0, Math.max(0, map.size - keep))) map.delete(key);
}
