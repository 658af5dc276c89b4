import type { z } from 'zod';
import { validateFilters } from '../../mcp/diff/diff-filter.js';
import { type DiffChange, type DiffHeader, type DiffResult, type DiffSink } from '../../mcp/diff/diff-types.js';
import { diffReportName, REPORT_MIME, reportSink } from '../../mcp/diff/report-sinks.js';
import { assertComparable, diffSnapshots } from '../../mcp/diff/snapshot-diff.js';
import { MAX_SEARCH_PARCELS } from '../../mcp/snapshots/parcel-selection.js';
import { exportSnapshot } from '../../mcp/snapshots/export-snapshot.js';
import { getSnapshot, listSnapshots } from '../../mcp/snapshots/snapshot-store.js';
import { type SnapshotMeta } from '../../mcp/snapshots/snapshot-types.js';
import { UserError } from '../../mcp/util/user-error.js';
import type { diffState, snapshotView } from '../api/schemas/snapshots.js';
import type { ApiHandlers } from '../api/types.js';
import type { ServiceContext } from './context.js';
import { TextBuffer } from '../../mcp/util/text-output.js';
import { extendView, type ComputedDiff } from './diff-store.js';
import { chartField, deltaHistogram, screenRow } from './diff-view.js';
import { UI_CALLER, uiAction } from './ui-audit.js';

const LIST_LIMIT = 1_000;

function view(meta: SnapshotMeta): z.input<typeof snapshotView> {
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

/** Collects the engine's changes as they come (key order), and which value columns changed so far. */
class ChangesSink implements DiffSink {
  readonly changes: DiffChange[] = [];
  readonly counts = { added: 0, removed: 0, changed: 0 };
  private keyColumns: string[] = [];
  private columns: string[] = [];
  private readonly changedFields = new Set<string>();

  constructor(private readonly onChange: () => void) {}

  begin(header: DiffHeader): void {
    this.keyColumns = header.key_columns;
    this.columns = header.columns;
  }

  change(change: DiffChange): void {
    this.counts[change.change]++;
    if (change.change === 'changed') for (const f of change.fields) this.changedFields.add(f.field);
    this.changes.push(change);
    this.onChange();
  }

  end(): void {}

  /** The columns the screen shows: those that changed somewhere (so far), else every value column. */
  fields(): string[] {
    const columns = this.columns.filter((c) => !this.keyColumns.includes(c));
    const changed = columns.filter((c) => this.changedFields.has(c));
    return changed.length ? changed : columns;
  }
}

/** Starts the engine's diff as a job (kind `diff`); the returned diff fills in as it runs. */
function startDiff(ctx: ServiceContext, base: SnapshotMeta, target: SnapshotMeta): ComputedDiff {
  const { engine } = ctx;
  const started = performance.now();
  const waiters: { n: number; resolve: () => void }[] = [];
  const wake = (all: boolean) => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (all || diff.changes.length >= waiters[i].n) waiters.splice(i, 1)[0].resolve();
    }
  };
  let reportProgress: (done: number) => void = () => undefined;
  const sink = new ChangesSink(() => {
    diff.summary = { ...sink.counts, unchanged: null };
    if (diff.changes.length % 64 === 0) {
      diff.fields = sink.fields();
      reportProgress(diff.changes.length);
    }
    if (waiters.length) wake(false);
  });
  const diff: ComputedDiff = {
    base,
    target,
    summary: { added: 0, removed: 0, changed: 0, unchanged: null },
    key_columns: base.key_columns,
    fields: [],
    changes: sink.changes,
    elapsed_ms: 0,
    complete: false,
    error: null,
    done: Promise.resolve(),
    rowsReady: (n) => (diff.complete || diff.error !== null || diff.changes.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve }))),
  };
  const args = { base_snapshot_id: base.snapshot_id, target_snapshot_id: target.snapshot_id };
  let outcome: DiffResult | undefined;
  diff.done = engine.jobs
    .start({ kind: 'diff', tenantId: engine.tenantId, sourceConnectionId: base.source_connection_id, args }, async (run) => {
      reportProgress = (done) => run.progress(done, null, `${done.toLocaleString('en-US')} changes so far`);
      outcome = await uiAction(engine, { action: 'diff_snapshots', args }, () => diffSnapshots(engine.store, base.snapshot_id, target.snapshot_id, {}, [sink], run.signal), (r) => r.reported);
      return { rows: outcome.reported, result: { summary: outcome.summary, reported: outcome.reported } };
    })
    .then((job) => engine.jobs.waitFor(job.job_id, Infinity))
    .then(
      (job) => {
        if (job.status !== 'succeeded' || !outcome) throw new Error(job.error ?? 'The comparison stopped before it finished.');
        diff.summary = outcome.summary;
        diff.fields = sink.fields();
        diff.complete = true;
      },
      (err: Error) => {
        diff.error = err;
      },
    )
    .catch((err: Error) => {
      diff.error = err;
    })
    .finally(() => {
      diff.elapsed_ms = Math.round(performance.now() - started);
      wake(true);
    });
  return diff;
}

/** What the screen shows of a diff: filtered rows so far, counts, the chart. */
function describe(ctx: ServiceContext, id: string): z.input<typeof diffState> {
  const state = extendView(ctx.diffs.view(id));
  const d = state.diff;
  if (d.error !== null) throw d.error;
  const field = chartField(d, state.rows, state.filters.fields?.[0]);
  return {
    diff_id: id,
    complete: d.complete,
    base: view(d.base),
    target: view(d.target),
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
        const result = await exportSnapshot(
          engine,
          { connectionId: input.connection_id, name: input.name, selection, content: 'parcel_timeline', fromYear: input.from_year, toYear: input.to_year, maskingPolicy: 'qa' },
          { clientName: UI_CALLER.clientName, signal: run.signal, onProgress: (rows) => run.progress(rows, null, `${rows.toLocaleString('en-US')} rows read`) },
        );
        return { rows: result.snapshot.row_count, result: { snapshot_id: result.snapshot.snapshot_id } };
      }),
    );
    return { job_id: job.job_id };
  },

  async diff(input, ctx) {
    const { base_snapshot_id: baseId, target_snapshot_id: targetId, filters } = input;
    if (baseId === targetId) throw new UserError('invalid', 'Pick two different snapshots to compare.');
    const [base, target] = await Promise.all([getSnapshot(ctx.engine.store, baseId), getSnapshot(ctx.engine.store, targetId)]);
    assertComparable(base, target);
    validateFilters(base.columns, filters);
    const diff = ctx.diffs.computedFor(baseId, targetId, () => startDiff(ctx, base, target));
    await diff.rowsReady(FIRST_ROWS);
    if (diff.error !== null) throw diff.error;
    return describe(ctx, ctx.diffs.addView(diff, filters).id);
  },

  async diffStatus(input, ctx) {
    return describe(ctx, input.diff_id);
  },

  async diffRows(input, ctx) {
    const state = extendView(ctx.diffs.view(input.diff_id));
    return { offset: input.offset, rows: state.rows.slice(input.offset, input.offset + input.limit).map((c) => screenRow(c, state.diff.key_columns)) };
  },

  async export(input, ctx) {
    const state = extendView(ctx.diffs.view(input.diff_id));
    const { base, target } = state.diff;
    if (!state.diff.complete) throw new UserError('unavailable', 'The comparison is still running: export it once it is complete.');
    // The engine's report, as export_diff_report and `pacs-mcp snapshot diff --out` write it, of what the screen shows.
    return uiAction(
      ctx.engine,
      { action: 'snapshots.export', args: { base_snapshot_id: base.snapshot_id, target_snapshot_id: target.snapshot_id, format: input.format, filters: state.filters } },
      async () => {
        const report = new TextBuffer();
        await diffSnapshots(ctx.engine.store, base.snapshot_id, target.snapshot_id, state.filters, [reportSink(input.format, () => report)]);
        return { file_name: diffReportName(base, target, state.filters, input.format), mime: REPORT_MIME[input.format], content: report.text() };
      },
      () => state.rows.length,
    );
  },
};

