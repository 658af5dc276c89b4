import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, type In, type Out } from '../api';
import { Histogram } from '../components/Histogram';
import { ErrorNotice } from '../components/Notice';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { saveDownload } from '../download';
import { formatCell, formatNumber, formatSigned } from '../format';
import { useAction, useAsync } from '../hooks/useAsync';
import { usePagedRows } from '../hooks/usePagedRows';

type Filters = NonNullable<In<'snapshots', 'diff'>['filters']>;
type DiffRow = Out<'snapshots', 'diffRows'>['rows'][number];
type DiffField = DiffRow['fields'][number];
type Kind = DiffRow['kind'];

const KINDS: Kind[] = ['added', 'removed', 'changed'];

interface FilterForm {
  kinds: Kind[];
  min_abs_change: string;
  min_pct_change: string;
  field: string;
  key_contains: string;
}

/** The form as the engine's diff filters (the diff_snapshots tool's names). */
function toFilters(form: FilterForm): Filters {
  const filters: Filters = {};
  if (form.kinds.length && form.kinds.length < KINDS.length) filters.kinds = form.kinds;
  if (form.min_abs_change.trim()) filters.min_abs_change = Math.abs(Number(form.min_abs_change));
  if (form.min_pct_change.trim()) filters.min_pct_change = Math.abs(Number(form.min_pct_change));
  if (form.field) filters.fields = [form.field];
  if (form.key_contains.trim()) filters.key_contains = form.key_contains.trim();
  return filters;
}

function fieldMap(row: DiffRow): Map<string, DiffField> {
  return new Map(row.fields.map((f) => [f.field, f]));
}

type DiffState = Out<'snapshots', 'diff'>;

/** The diff as the main process has it: follows a running comparison until it is complete. */
function useDiffProgress(initial: DiffState | undefined): DiffState | undefined {
  const [state, setState] = useState(initial);
  useEffect(() => {
    setState(initial);
    if (!initial || initial.complete) return;
    let stopped = false;
    const poll = async () => {
      while (!stopped) {
        await new Promise((r) => setTimeout(r, 250));
        const next = await api.snapshots.diffStatus({ diff_id: initial.diff_id }).catch(() => null);
        if (stopped || !next) return;
        setState(next);
        if (next.complete) return;
      }
    };
    void poll();
    return () => {
      stopped = true;
    };
  }, [initial]);
  return state;
}

/** Two snapshots side by side: base values on the left, target on the right, changed cells marked. */
export function DiffView(props: { baseId: string; targetId: string }) {
  const [form, setForm] = useState<FilterForm>({ kinds: [...KINDS], min_abs_change: '', min_pct_change: '', field: '', key_contains: '' });
  const [filters, setFilters] = useState<Filters>({});
  const diff = useAsync(() => api.snapshots.diff({ base_snapshot_id: props.baseId, target_snapshot_id: props.targetId, filters }), [props.baseId, props.targetId, JSON.stringify(filters)]);
  const d = useDiffProgress(diff.data);
  const diffId = d?.diff_id ?? null;
  const fetchPage = useCallback((offset: number, limit: number) => api.snapshots.diffRows({ diff_id: diffId!, offset, limit }).then((r) => r.rows), [diffId]);
  const paged = usePagedRows<DiffRow>(diffId, fetchPage, d?.row_count ?? 0);
  const exporting = useAction();
  const fields = d?.fields ?? [];

  const columns = useMemo<Column<DiffRow>[]>(() => {
    const cell = (side: 'old' | 'new') => (field: string) => ({
      key: `${side}-${field}`,
      header: field,
      // The target side also shows each change's delta.
      width: side === 'old' ? 'minmax(96px, 1fr)' : 'minmax(156px, 1.5fr)',
      group: side === 'old' ? `Base: ${d?.base.name ?? ''}` : `Target: ${d?.target.name ?? ''}`,
      align: 'right' as const,
      cellClassName: (row: DiffRow) => (fieldMap(row).get(field)?.changed && row.kind === 'changed' ? 'cell-changed' : undefined),
      render: (row: DiffRow) => {
        if ((side === 'old' && row.kind === 'added') || (side === 'new' && row.kind === 'removed')) return '';
        const f = fieldMap(row).get(field);
        // A changed row carries only the fields that changed: the others are the same on both sides.
        if (!f) return row.kind === 'changed' ? <span className="muted" title="unchanged">=</span> : '';
        const raw = f[side];
        const value = typeof raw === 'number' ? formatNumber(raw) : formatCell(raw);
        return side === 'new' && f.changed && f.delta !== null ? (
          <span title={`${formatCell(f.old)} → ${formatCell(f.new)} (${formatSigned(f.delta)}${f.pct !== null ? `, ${formatSigned(f.pct)}%` : ''})`}>
            {value} <small className={f.delta < 0 ? 'delta-down' : 'delta-up'}>{formatSigned(f.delta)}</small>
          </span>
        ) : (
          value
        );
      },
    });
    return [
      { key: 'kind', header: 'Change', width: '104px', render: (r) => <span className={`badge kind-${r.kind}`}>{r.kind}</span> },
      { key: 'key', header: 'Key', width: 'minmax(120px, 1fr)', render: (r) => <span className="mono">{r.key}</span> },
      ...fields.map(cell('old')),
      ...fields.map(cell('new')),
    ];
  }, [fields, d?.base.name, d?.target.name]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(toFilters(form));
  };
  const doExport = async (format: 'csv' | 'json' | 'html') => {
    if (!d) return;
    const file = await exporting.run(() => api.snapshots.export({ diff_id: d.diff_id, format }));
    if (file) saveDownload(file);
  };

  return (
    <section aria-label="Snapshot diff" data-testid="diff-view">
      <ErrorNotice error={diff.error ?? paged.error ?? exporting.error} onDismiss={exporting.clearError} />
      {d && (
        <div className="summary-cards" data-testid="diff-summary">
          <div className="stat kind-added">
            <b>{d.summary.added.toLocaleString()}</b> added
          </div>
          <div className="stat kind-removed">
            <b>{d.summary.removed.toLocaleString()}</b> removed
          </div>
          <div className="stat kind-changed">
            <b>{d.summary.changed.toLocaleString()}</b> changed
          </div>
          <div className="stat">
            <b>{d.summary.unchanged === null ? '…' : d.summary.unchanged.toLocaleString()}</b> unchanged
          </div>
          <div className="stat muted" aria-live="polite" data-testid="diff-progress">
            {d.complete ? `${d.elapsed_ms} ms` : 'Comparing…'} · keys {d.key_columns.join(', ')}
          </div>
        </div>
      )}
      <form className="filters" onSubmit={apply} aria-label="Filter the diff">
        <fieldset className="inline">
          <legend>Show</legend>
          {KINDS.map((k) => (
            <label key={k} className="check">
              <input type="checkbox" checked={form.kinds.includes(k)} onChange={(e) => setForm((f) => ({ ...f, kinds: e.target.checked ? [...f.kinds, k] : f.kinds.filter((x) => x !== k) }))} name={`kind-${k}`} />
              {k}
            </label>
          ))}
        </fieldset>
        <label>
          Change of at least $
          <input type="number" min={0} value={form.min_abs_change} onChange={(e) => setForm((f) => ({ ...f, min_abs_change: e.target.value }))} name="min_abs_change" size={8} />
        </label>
        <label>
          and at least %
          <input type="number" min={0} step="any" value={form.min_pct_change} onChange={(e) => setForm((f) => ({ ...f, min_pct_change: e.target.value }))} name="min_pct_change" size={5} />
        </label>
        <label>
          Field
          <select value={form.field} onChange={(e) => setForm((f) => ({ ...f, field: e.target.value }))} name="field">
            <option value="">any</option>
            {fields.map((f) => (
              <option key={f}>{f}</option>
            ))}
          </select>
        </label>
        <label>
          Key contains
          <input value={form.key_contains} onChange={(e) => setForm((f) => ({ ...f, key_contains: e.target.value }))} name="key_contains" size={10} />
        </label>
        <button type="submit" className="primary">
          Apply
        </button>
      </form>
      {d && (
        <>
          <div className="chart-row">
            <Histogram buckets={d.histogram} title={d.chart_field ? `Change in ${d.chart_field} (new − old), ${d.row_count.toLocaleString()} rows shown` : 'No numeric changes'} />
            <div className="actions vertical">
              <span className="muted">Export what is shown</span>
              <button type="button" onClick={() => doExport('csv')} disabled={exporting.busy || !d.complete}>
                CSV
              </button>
              <button type="button" onClick={() => doExport('json')} disabled={exporting.busy || !d.complete}>
                JSON
              </button>
              <button type="button" onClick={() => doExport('html')} disabled={exporting.busy || !d.complete}>
                HTML report
              </button>
            </div>
          </div>
          <p className="muted" aria-live="polite" data-testid="diff-row-count">
            {d.row_count.toLocaleString()} rows match{d.complete ? '' : ' so far'}
          </p>
          <VirtualTable
            label={`Differences between ${d.base.name} and ${d.target.name}`}
            testId="diff-table"
            columns={columns}
            rowCount={d.row_count}
            getRow={paged.getRow}
            onVisibleRangeChange={paged.ensureRange}
            rowClassName={(r) => `row-${r.kind}`}
            minWidth={240 + fields.length * 260}
            height="calc(100vh - 470px)"
            emptyText="No differences match the filters."
          />
        </>
      )}
      {diff.loading && !d && <p className="muted">Comparing…</p>}
    </section>
  );
}
