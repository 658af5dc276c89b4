import type { z } from 'zod';
import { assertComparable, diffSnapshots } from '../../mcp/diff/snapshot-diff.js';
import { SnapshotShapeError, type DiffChange, type DiffHeader, type DiffSink } from '../../mcp/diff/diff-types.js';
import { EmptySelectionError, MAX_SEARCH_PARCELS } from '../../mcp/snapshots/parcel-selection.js';
import { exportSnapshot, SnapshotRequestError } from '../../mcp/snapshots/export-snapshot.js';
import { getSnapshot, listSnapshots } from '../../mcp/snapshots/snapshot-store.js';
import { UnknownSnapshotError, type SnapshotMeta } from '../../mcp/snapshots/snapshot-types.js';
import { ApiError } from '../api/dispatch.js';
import type { diffState } from '../api/schemas/snapshots.js';
import type { ApiHandlers } from '../api/types.js';
import type { ServiceContext } from './context.js';
import { exportDiff } from './diff-export.js';
import { extendView, type ComputedDiff, type DiffRow, type SnapshotView } from './diff-store.js';
import { chartField, deltaHistogram, filterDiffRows } from './diff-view.js';
import { UI_CLIENT, uiAction } from './ui-audit.js';

export const SNAPSHOTS_AVAILABLE = true;

const LIST_LIMIT = 1_000;

function view(meta: SnapshotMeta): SnapshotView {
  return {
    snapshot_id: meta.snapshot_id,
    name: meta.name,
    connection_id: meta.source_connection_id,
    created_by: meta.created_by,
    created_at: meta.created_at,
    row_count: meta.row_count,
    sha256: meta.sha256,
    masking_policy: meta.masking_policy,
  };
}

/** The engine's refusals say what to do: they go back to the screen as they are. */
function userError(err: unknown): unknown {
  if (err instanceof UnknownSnapshotError || err instanceof SnapshotShapeError) return new ApiError('invalid_input', err.message);
  if (err instanceof SnapshotRequestError || err instanceof EmptySelectionError) return new ApiError('invalid_input', err.message);
  return err;
}

function displayKey(change: DiffChange): string {
  const extra = Object.values(change.key).map((v) => String(v));
  return [String(change.prop_id), String(change.year), ...extra].join(' · ');
}

/**
 * Collects a diff in the shape the screen pages through, as the engine emits it (key order).
 * Changed rows carry only their changed fields (the engine compares field by field); added and
 * removed rows carry every value.
 */
class ScreenDiffSink implements DiffSink {
  readonly rows: DiffRow[] = [];
  readonly counts = { added: 0, removed: 0, changed: 0 };
  private keyColumns: string[] = [];
  private columns: string[] = [];
  private readonly changedFields = new Set<string>();

  constructor(private readonly onRow: () => void) {}

  begin(header: DiffHeader): void {
    this.keyColumns = header.key_columns;
    this.columns = header.columns;
  }

  change(change: DiffChange): void {
    this.counts[change.change]++;
    if (change.change === 'changed') {
      for (const f of change.fields) this.changedFields.add(f.field);
      this.rows.push({ kind: 'changed', key: displayKey(change), fields: change.fields.map((f) => ({ field: f.field, old: cell(f.old), new: cell(f.new), delta: f.delta, pct: f.pct_change, changed: true })) });
    } else {
      const side = change.change === 'added' ? 'new' : 'old';
      const fields = Object.entries(change.values)
        .filter(([name]) => !this.keyColumns.includes(name))
        .map(([field, value]) => ({ field, old: side === 'old' ? cell(value) : null, new: side === 'new' ? cell(value) : null, delta: null, pct: null, changed: true }));
      this.rows.push({ kind: change.change, key: displayKey(change), fields });
    }
    this.onRow();
  }

  end(): void {}

  /** The columns the screen shows: those that changed somewhere (so far), else every value column. */
  fields(): string[] {
    const columns = this.columns.filter((c) => !this.keyColumns.includes(c));
    const changed = columns.filter((c) => this.changedFields.has(c));
    return changed.length ? changed : columns;
  }
}

function cell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** Starts the engine's diff in the background; the returned diff fills in as it runs. */
function startDiff(ctx: ServiceContext, base: SnapshotMeta, target: SnapshotMeta): ComputedDiff {
  const started = performance.now();
  const waiters: { n: number; resolve: () => void }[] = [];
  const wake = (all: boolean) => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (all || diff.rows.length >= waiters[i].n) waiters.splice(i, 1)[0].resolve();
    }
  };
  const sink = new ScreenDiffSink(() => {
    diff.summary = { ...sink.counts, unchanged: null };
    if (diff.rows.length % 64 === 0) diff.fields = sink.fields();
    if (waiters.length) wake(false);
  });
  const diff: ComputedDiff = {
    base: view(base),
    target: view(target),
    summary: { added: 0, removed: 0, changed: 0, unchanged: null },
    key_columns: base.key_columns,
    fields: [],
    rows: sink.rows,
    elapsed_ms: 0,
    complete: false,
    error: null,
    done: Promise.resolve(),
    rowsReady: (n) => (diff.complete || diff.error !== null || diff.rows.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve }))),
  };
  const args = { base_snapshot_id: base.snapshot_id, target_snapshot_id: target.snapshot_id };
  diff.done = uiAction(ctx.engine, { action: 'diff_snapshots', args }, () => diffSnapshots(ctx.engine.store, base.snapshot_id, target.snapshot_id, {}, [sink]), (r) => r.reported)
    .then(
      (result) => {
        diff.summary = result.summary;
        diff.fields = sink.fields();
        diff.complete = true;
      },
      (err: Error) => {
        diff.error = userMessage(err);
      },
    )
    .finally(() => {
      diff.elapsed_ms = Math.round(performance.now() - started);
      wake(true);
    });
  return diff;
}

function userMessage(err: Error): string {
  const mapped = userError(err);
  return mapped instanceof Error ? mapped.message : String(mapped);
}

/** What the screen shows of a diff: filtered rows so far, counts, the chart. */
function describe(ctx: ServiceContext, id: string): z.input<typeof diffState> {
  const state = extendView(ctx.diffs.view(id), filterDiffRows);
  const d = state.diff;
  if (d.error !== null) throw new ApiError('failed', d.error);
  const field = chartField(d, state.rows, state.filters.field);
  return {
    diff_id: id,
    complete: d.complete,
    base: d.base,
    target: d.target,
    summary: d.summary,
    key_columns: d.key_columns,
    fields: d.fields,
    row_count: state.rows.length,
    chart_field: field,
    histogram: deltaHistogram(state.rows, field),
    elapsed_ms: d.elapsed_ms,
  };
}

/** The screen answers as soon as this many rows are in: enough for the first page of the table. */
const FIRST_ROWS = 500;

export const snapshotsService: ApiHandlers<ServiceContext>['snapshots'] = {
  async list(_input, ctx) {
    const { snapshots } = await listSnapshots(ctx.engine.store, { limit: LIST_LIMIT });
    return { snapshots: snapshots.map(view) };
  },

  async create(input, ctx) {
    const { engine } = ctx;
    const selection = input.prop_ids?.length ? { prop_ids: input.prop_ids } : { search: { query: input.query?.trim() }, max_parcels: MAX_SEARCH_PARCELS };
    const auditArgs = { name: input.name, connection_id: input.connection_id, selection: input.prop_ids ? { prop_ids: input.prop_ids.length } : selection, from_year: input.from_year, to_year: input.to_year };
    const job = await engine.jobs.start({ kind: 'snapshot', tenantId: engine.tenantId, sourceConnectionId: input.connection_id ?? null, args: auditArgs }, (run) =>
      uiAction(engine, { action: 'snapshots.create', args: auditArgs, connectionId: input.connection_id ?? null }, async () => {
        try {
          const result = await exportSnapshot(
            engine,
            { connection_id: input.connection_id, name: input.name, selection, content: 'parcel_timeline', from_year: input.from_year, to_year: input.to_year, masking_policy: 'qa' },
            { clientName: UI_CLIENT.clientName, signal: run.signal, onProgress: (rows) => run.progress(rows, null, `${rows.toLocaleString('en-US')} rows read`) },
          );
          return { rows: result.snapshot.row_count, result: { snapshot_id: result.snapshot.snapshot_id } };
        } catch (err) {
          throw userError(err);
        }
      }),
    );
    return { job_id: job.job_id };
  },

  async diff(input, ctx) {
    const { base_snapshot_id: baseId, target_snapshot_id: targetId, filters } = input;
    if (baseId === targetId) throw new ApiError('invalid_input', 'Pick two different snapshots to compare.');
    const [base, target] = await Promise.all([getSnapshot(ctx.engine.store, baseId), getSnapshot(ctx.engine.store, targetId)]).catch((err) => {
      throw userError(err);
    });
    try {
      assertComparable(base, target);
    } catch (err) {
      throw userError(err);
    }
    const diff = ctx.diffs.computedFor(baseId, targetId, () => startDiff(ctx, base, target));
    await diff.rowsReady(FIRST_ROWS);
    if (diff.error !== null) throw new ApiError('failed', diff.error);
    return describe(ctx, ctx.diffs.addView(diff, filters, filterDiffRows).id);
  },

  async diffStatus(input, ctx) {
    return describe(ctx, input.diff_id);
  },

  async diffRows(input, ctx) {
    const state = extendView(ctx.diffs.view(input.diff_id), filterDiffRows);
    return { offset: input.offset, rows: state.rows.slice(input.offset, input.offset + input.limit) };
  },

  async export(input, ctx) {
    const state = extendView(ctx.diffs.view(input.diff_id), filterDiffRows);
    if (!state.diff.complete) throw new ApiError('unavailable', 'The comparison is still running: export it once it is complete.');
    return uiAction(
      ctx.engine,
      { action: 'snapshots.export', args: { base_snapshot_id: state.diff.base.snapshot_id, target_snapshot_id: state.diff.target.snapshot_id, format: input.format, filters: state.filters } },
      async () => exportDiff(state, input.format),
      () => state.rows.length,
    );
  },
};

