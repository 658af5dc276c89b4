import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { ErrorNotice, Notice } from '../components/Notice';
import { ProgressBar } from '../components/ProgressBar';
import { formatTime } from '../format';
import { useAction, useAsync } from '../hooks/useAsync';
import { useJob } from '../hooks/useJob';

const LAYERS = ['bronze', 'silver', 'gold'] as const;
const WAREHOUSE_KINDS = new Set(['lakehouse', 'databricks']);

export function LakehouseScreen() {
  const tables = useAsync(() => api.lakehouse.tables({}), []);
  return (
    <section className="screen" aria-label="Lakehouse">
      <p className="lead">Copy a source table into the bronze layer of the lakehouse as a job, follow its progress, and see the bronze, silver and gold tables of this tenant.</p>
      <SyncForm onSynced={tables.reload} />
      <div className="card">
        <div className="toolbar">
          <h2>Tables</h2>
          <button type="button" onClick={tables.reload} disabled={tables.loading}>
            Refresh
          </button>
          {tables.data && (
            <span className="muted">
              tenant {tables.data.tenant_id} · {tables.data.warehouse_kind} connection {tables.data.warehouse_connection_id}
            </span>
          )}
        </div>
        <ErrorNotice error={tables.error} />
        {LAYERS.map((layer) => {
          const rows = (tables.data?.tables ?? []).filter((t) => t.layer === layer);
          return (
            <div key={layer} data-testid={`lake-layer-${layer}`}>
              <h3>{layer}</h3>
              <table className="table compact">
                <thead>
                  <tr>
                    <th scope="col">Table</th>
                    <th scope="col" className="num">Rows</th>
                    <th scope="col" className="num">Columns</th>
                    <th scope="col">Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.length === 0 && (
                    <tr>
                      <td colSpan={4} className="muted">
                        {tables.loading ? 'Loading…' : `No ${layer} tables yet.`}
                      </td>
                    </tr>
                  )}
                  {rows.map((t) => (
                    <tr key={t.qualified_name} data-testid={`lake-table-${t.layer}-${t.name}`}>
                      <th scope="row" className="mono">
                        {t.qualified_name}
                      </th>
                      <td className="num">{t.row_count === null ? '—' : t.row_count.toLocaleString()}</td>
                      <td className="num">{t.column_count}</td>
                      <td>{t.updated_at ? formatTime(t.updated_at) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        })}
      </div>
    </section>
  );
}

function SyncForm(props: { onSynced: () => void }) {
  const connections = useAsync(() => api.connections.list({}), []);
  const sources = (connections.data?.connections ?? []).filter((c) => !WAREHOUSE_KINDS.has(c.kind));
  const [connectionId, setConnectionId] = useState('');
  const sourceTables = useAsync(() => (connectionId ? api.lakehouse.sourceTables({ connection_id: connectionId }) : Promise.resolve(null)), [connectionId]);
  const [table, setTable] = useState('');
  const [mode, setMode] = useState<'full' | 'incremental'>('full');
  const [watermark, setWatermark] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const action = useAction();
  const { job, pollError } = useJob(jobId, (j) => {
    if (j.status === 'succeeded') props.onSynced();
  });
  const running = job !== null && (job.status === 'queued' || job.status === 'running');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setJobId(null);
    const started = await action.run(() =>
      api.lakehouse.sync({ connection_id: connectionId, table_name: table, sync_mode: mode, watermark_column: mode === 'incremental' ? watermark.trim() || undefined : undefined }),
    );
    if (started) setJobId(started.job_id);
  };

  return (
    <form className="card form" onSubmit={submit} aria-label="Sync a table to bronze">
      <h2>Sync a table to bronze</h2>
      <ErrorNotice error={connections.error} />
      <div className="form-grid">
        <label>
          Source connection
          <select name="lake-source" value={connectionId} onChange={(e) => (setConnectionId(e.target.value), setTable(''))} required>
            <option value="">choose…</option>
            {sources.map((c) => (
              <option key={c.id} value={c.id}>
                {c.id} ({c.kind}, {c.role})
              </option>
            ))}
          </select>
        </label>
        <label>
          Table
          <select name="lake-table" value={table} onChange={(e) => setTable(e.target.value)} required disabled={!sourceTables.data}>
            <option value="">{connectionId && sourceTables.loading ? 'loading…' : 'choose…'}</option>
            {(sourceTables.data?.tables ?? []).map((t) => {
              const name = t.schema && t.schema !== 'main' ? `${t.schema}.${t.name}` : t.name;
              return (
                <option key={name} value={name}>
                  {name}
                  {t.type === 'view' ? ' (view)' : ''}
                </option>
              );
            })}
          </select>
        </label>
        <fieldset className="inline">
          <legend>Mode</legend>
          <label>
            <input type="radio" name="lake-mode" value="full" checked={mode === 'full'} onChange={() => setMode('full')} /> Full (replace)
          </label>
          <label>
            <input type="radio" name="lake-mode" value="incremental" checked={mode === 'incremental'} onChange={() => setMode('incremental')} /> Incremental
          </label>
        </fieldset>
        {mode === 'incremental' && (
          <label>
            Watermark column
            <input name="lake-watermark" value={watermark} onChange={(e) => setWatermark(e.target.value)} placeholder="an id or last-modified date" required autoComplete="off" />
          </label>
        )}
      </div>
      <ErrorNotice error={sourceTables.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={action.busy || running || !connectionId || !table} data-testid="lake-sync">
          Start sync
        </button>
      </div>
      <ErrorNotice error={action.error} onDismiss={action.clearError} testId="lake-sync-error" />
      <ErrorNotice error={pollError} />
      {job && (
        <div data-testid="lake-job" data-status={job.status}>
          <ProgressBar
            done={job.status === 'succeeded' ? Math.max(job.rows ?? 0, job.progress.total ?? 0, 1) : job.progress.done}
            total={job.status === 'succeeded' ? Math.max(job.rows ?? 0, job.progress.total ?? 0, 1) : job.progress.total}
            label={`Syncing into ${job.target_table}`}
          />
          <p className="muted" data-testid="lake-job-status">
            {job.status === 'succeeded'
              ? `Done: ${job.target_table} loaded with ${(job.rows ?? 0).toLocaleString()} rows${job.duration_ms !== null ? ` in ${(job.duration_ms / 1000).toFixed(1)} s` : ''}.`
              : job.status === 'failed'
                ? 'Failed.'
                : `${job.status === 'queued' ? 'Queued' : 'Running'}: ${job.progress.message ?? 'working'}`}
          </p>
          {job.status === 'failed' && (
            <Notice kind="error" testId="lake-job-error">
              {job.error ?? 'The job failed without a reason.'}
            </Notice>
          )}
        </div>
      )}
    </form>
  );
}
