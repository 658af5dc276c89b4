import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { ErrorNotice, Notice } from '../components/Notice';
import { ProgressBar } from '../components/ProgressBar';
import { formatTime, shortHash } from '../format';
import { useAction, useAsync } from '../hooks/useAsync';
import { useJob } from '../hooks/useJob';
import { navigate, useRoute } from '../router';
import { DiffView } from './DiffView';

export function SnapshotsScreen() {
  const route = useRoute();
  const base = route.params.get('base');
  const target = route.params.get('target');
  return (
    <section className="screen" aria-label="Snapshots">
      <SnapshotList base={base} target={target} />
      {base && target && <DiffView key={`${base}-${target}`} baseId={base} targetId={target} />}
    </section>
  );
}

function SnapshotList(props: { base: string | null; target: string | null }) {
  const list = useAsync(() => api.snapshots.list({}), []);
  const [base, setBase] = useState(props.base ?? '');
  const [target, setTarget] = useState(props.target ?? '');
  const [creating, setCreating] = useState(false);
  const snapshots = list.data?.snapshots ?? [];
  return (
    <div className="card">
      <div className="toolbar">
        <h2>Snapshots</h2>
        <button type="button" onClick={() => setCreating((c) => !c)} aria-expanded={creating}>
          New snapshot…
        </button>
        <button type="button" className="primary" disabled={!base || !target || base === target} onClick={() => navigate('snapshots', { base, target })} data-testid="compare">
          Compare base → target
        </button>
        {base && target && base === target && <span className="warn-text">Pick two different snapshots.</span>}
      </div>
      {creating && (
        <CreateSnapshot
          onCreated={() => {
            setCreating(false);
            list.reload();
          }}
        />
      )}
      <ErrorNotice error={list.error} />
      <table className="table compact" data-testid="snapshots-table">
        <thead>
          <tr>
            <th scope="col">Base</th>
            <th scope="col">Target</th>
            <th scope="col">Name</th>
            <th scope="col">Connection</th>
            <th scope="col" className="num">Rows</th>
            <th scope="col">Taken</th>
            <th scope="col">By</th>
            <th scope="col">Masking</th>
            <th scope="col">sha256</th>
          </tr>
        </thead>
        <tbody>
          {snapshots.length === 0 && (
            <tr>
              <td colSpan={9} className="muted">
                No snapshots yet.
              </td>
            </tr>
          )}
          {snapshots.map((s) => (
            <tr key={s.snapshot_id} data-testid={`snapshot-${s.name}`}>
              <td>
                <input type="radio" name="base" checked={base === s.snapshot_id} onChange={() => setBase(s.snapshot_id)} aria-label={`Use ${s.name} as base`} />
              </td>
              <td>
                <input type="radio" name="target" checked={target === s.snapshot_id} onChange={() => setTarget(s.snapshot_id)} aria-label={`Use ${s.name} as target`} />
              </td>
              <th scope="row">{s.name}</th>
              <td>{s.connection_id ?? '—'}</td>
              <td className="num">{s.row_count.toLocaleString()}</td>
              <td>{formatTime(s.created_at)}</td>
              <td>{s.created_by ?? '—'}</td>
              <td>{s.masking_policy ?? 'none'}</td>
              <td className="mono" title={s.sha256}>
                {shortHash(s.sha256)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CreateSnapshot(props: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [query, setQuery] = useState('');
  const [propIds, setPropIds] = useState('');
  const [years, setYears] = useState({ from: '', to: '' });
  const [jobId, setJobId] = useState<string | null>(null);
  const action = useAction();
  const { job, pollError } = useJob(jobId, (j) => {
    if (j.status === 'succeeded') props.onCreated();
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ids = propIds
      .split(/[\s,;]+/)
      .filter(Boolean)
      .map(Number);
    const started = await action.run(() =>
      api.snapshots.create({
        name,
        query: query || undefined,
        prop_ids: ids.length ? ids : undefined,
        from_year: years.from ? Number(years.from) : undefined,
        to_year: years.to ? Number(years.to) : undefined,
      }),
    );
    if (started) setJobId(started.job_id);
  };
  return (
    <form className="form" onSubmit={submit} aria-label="New snapshot">
      <div className="form-grid">
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} required name="snapshot-name" autoFocus />
        </label>
        <label>
          Parcels matching
          <input value={query} onChange={(e) => setQuery(e.target.value)} placeholder="owner, street or geo_id" name="snapshot-query" />
        </label>
        <label>
          or prop_ids
          <input value={propIds} onChange={(e) => setPropIds(e.target.value)} placeholder="1001, 1002" name="snapshot-prop-ids" />
        </label>
        <label>
          From year
          <input type="number" value={years.from} onChange={(e) => setYears((y) => ({ ...y, from: e.target.value }))} name="from_year" />
        </label>
        <label>
          To year
          <input type="number" value={years.to} onChange={(e) => setYears((y) => ({ ...y, to: e.target.value }))} name="to_year" />
        </label>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={action.busy || (job !== null && job.status === 'running')}>
          Take snapshot
        </button>
      </div>
      {job && job.status !== 'succeeded' && job.status !== 'failed' && <ProgressBar done={job.progress.done} total={job.progress.total} label="Taking the snapshot" />}
      {(job?.status === 'failed' || pollError) && <Notice kind="error">{pollError ?? job?.error}</Notice>}
      <ErrorNotice error={action.error} onDismiss={action.clearError} />
    </form>
  );
}
