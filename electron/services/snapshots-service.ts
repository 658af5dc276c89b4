import { diffSnapshots } from '../../mcp/diff/snapshot-diff.js';
import { SnapshotShapeError, type DiffChange, type DiffHeader, type DiffSink } from '../../mcp/diff/diff-types.js';
import { EmptySelectionError, MAX_SEARCH_PARCELS } from '../../mcp/snapshots/parcel-selection.js';
import { exportSnapshot, SnapshotRequestError } from '../../mcp/snapshots/export-snapshot.js';
import { listSnapshots } from '../../mcp/snapshots/snapshot-store.js';
import { UnknownSnapshotError, type SnapshotMeta } from '../../mcp/snapshots/snapshot-types.js';
import { ApiError } from '../api/dispatch.js';
import type { ApiHandlers } from '../api/types.js';
import type { ServiceContext } from './context.js';
import { exportDiff } from './diff-export.js';
import type { ComputedDiff, DiffRow, SnapshotView } from './diff-store.js';
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
 * Collects a whole diff in the shape the screen pages through. Changed rows carry only their
 * changed fields (the engine compares field by field); added and removed rows carry every value.
 */
class ScreenDiffSink implements DiffSink {
  readonly rows: DiffRow[] = [];
  header: DiffHeader | null = null;
  private readonly changedFields = new Set<string>();

  begin(header: DiffHeader): void {
    this.header = header;
  }

  change(change: DiffChange): void {
    if (change.change === 'changed') {
      for (const f of change.fields) this.changedFields.add(f.field);
      this.rows.push({ kind: 'changed', key: displayKey(change), fields: change.fields.map((f) => ({ field: f.field, old: cell(f.old), new: cell(f.new), delta: f.delta, pct: f.pct_change, changed: true })) });
    } else {
      const side = change.change === 'added' ? 'new' : 'old';
      const fields = Object.entries(change.values)
        .filter(([name]) => !this.header?.key_columns.includes(name))
        .map(([field, value]) => ({ field, old: side === 'old' ? cell(value) : null, new: side === 'new' ? cell(value) : null, delta: null, pct: null, changed: true }));
      this.rows.push({ kind: change.change, key: displayKey(change), fields });
    }
  }

  end(): void {}

  /** The columns the screen shows: those that changed somewhere, else every value column. */
  fields(): string[] {
    const columns = (this.header?.columns ?? []).filter((c) => !this.header?.key_columns.includes(c));
    const changed = columns.filter((c) => this.changedFields.has(c));
    return changed.length ? changed : columns;
  }
}

function cell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

async function computeDiff(ctx: ServiceContext, baseId: string, targetId: string): Promise<ComputedDiff> {
  const sink = new ScreenDiffSink();
  const result = await diffSnapshots(ctx.engine.store, baseId, targetId, {}, [sink]);
  const header = sink.header!;
  return { base: view(header.base), target: view(header.target), summary: result.summary, key_columns: header.key_columns, fields: sink.fields(), rows: sink.rows, elapsed_ms: result.elapsed_ms };
}

export const snapshotsService: ApiHandlers<ServiceContext>['snapshots'] = {
  async list(_input, ctx) {
    const { snapshots } = await listSnapshots(ctx.engine.store, { limit: LIST_LIMIT });
    return { snapshots: snapshots.map(view) };
  },

  async create(input, ctx) {
    const { engine } = ctx;
    const selection = input.prop_ids?.length ? { prop_ids: input.prop_ids } : { search: { query: input.query?.trim() }, max_parcels: MAX_SEARCH_PARCELS };
    const job_id = ctx.jobs.start('snapshot', (report) =>
      uiAction(
        engine,
        { action: 'snapshots.create', args: { name: input.name, connection_id: input.connection_id, selection: input.prop_ids ? { prop_ids: input.prop_ids.length } : selection, from_year: input.from_year, to_year: input.to_year }, connectionId: input.connection_id ?? null },
        async () => {
          try {
            const result = await exportSnapshot(
              engine,
              { connection_id: input.connection_id, name: input.name, selection, content: 'parcel_timeline', from_year: input.from_year, to_year: input.to_year, masking_policy: 'qa' },
              { clientName: UI_CLIENT.clientName, onProgress: (rows) => report(rows, null, `${rows.toLocaleString('en-US')} rows read`) },
            );
            return { snapshot_id: result.snapshot.snapshot_id };
          } catch (err) {
            throw userError(err);
          }
        },
      ),
    );
    return { job_id };
  },

  async diff(input, ctx) {
    const { base_snapshot_id: baseId, target_snapshot_id: targetId, filters } = input;
    if (baseId === targetId) throw new ApiError('invalid_input', 'Pick two different snapshots to compare.');
    const diff = await ctx.diffs
      .computedFor(baseId, targetId, () =>
        uiAction(ctx.engine, { action: 'diff_snapshots', args: { base_snapshot_id: baseId, target_snapshot_id: targetId } }, () => computeDiff(ctx, baseId, targetId), (d) => d.rows.length),
      )
      .catch((err) => {
        throw userError(err);
      });
    const rows = filterDiffRows(diff.rows, filters);
    const field = chartField(diff, rows, filters.field);
    return {
      diff_id: ctx.diffs.addView(diff, filters, rows),
      base: diff.base,
      target: diff.target,
      summary: diff.summary,
      key_columns: diff.key_columns,
      fields: diff.fields,
      row_count: rows.length,
      chart_field: field,
      histogram: deltaHistogram(rows, field),
      elapsed_ms: diff.elapsed_ms,
    };
  },

  async diffRows(input, ctx) {
    const state = ctx.diffs.view(input.diff_id);
    return { offset: input.offset, rows: state.rows.slice(input.offset, input.offset + input.limit) };
  },

  async export(input, ctx) {
    const state = ctx.diffs.view(input.diff_id);
    return uiAction(
      ctx.engine,
      { action: 'snapshots.export', args: { base_snapshot_id: state.diff.base.snapshot_id, target_snapshot_id: state.diff.target.snapshot_id, format: input.format, filters: state.filters } },
      async () => exportDiff(state, input.format),
      () => state.rows.length,
    );
  },
};

