import { useMemo, useState } from 'react';
import { api, type Out } from '../api';
import { DropZone } from '../components/DropZone';
import { ErrorNotice, Notice } from '../components/Notice';
import { ProgressBar } from '../components/ProgressBar';
import { readFileBase64 } from '../download';
import { formatTime, shortHash } from '../format';
import { useAction, useAsync } from '../hooks/useAsync';
import { useJob } from '../hooks/useJob';
import { navigate, useRoute } from '../router';
import { BatchDetail } from './BatchDetail';

type Kinds = Out<'staging', 'kinds'>['kinds'];
type Preview = Out<'staging', 'preview'>;

export function StagingScreen() {
  const route = useRoute();
  const batchId = route.params.get('batch');
  const batches = useAsync(() => api.staging.list({}), []);
  return (
    <section className="screen" aria-label="Staging uploads">
      <p className="lead">Upload a file into a local staging batch, fix what validation finds, get a QA sign-off, push it to the training database, and promote it to production only with an explicit confirmation.</p>
      <Uploader
        onStaged={(id) => {
          batches.reload();
          navigate('staging', { batch: id });
        }}
      />
      <div className="card">
        <h2>Batches</h2>
        <ErrorNotice error={batches.error} />
        <table className="table compact" data-testid="batches-table">
          <thead>
            <tr>
              <th scope="col">Batch</th>
              <th scope="col">Kind</th>
              <th scope="col">File</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">Rows</th>
              <th scope="col" className="num">Errors</th>
              <th scope="col">Staged</th>
              <th scope="col">Signed by</th>
            </tr>
          </thead>
          <tbody>
            {(batches.data?.batches ?? []).length === 0 && (
              <tr>
                <td colSpan={8} className="muted">
                  No batches yet.
                </td>
              </tr>
            )}
            {(batches.data?.batches ?? []).map((b) => (
              <tr key={b.batch_id} aria-current={b.batch_id === batchId ? 'true' : undefined}>
                <th scope="row">
                  <a href={`#/staging?batch=${encodeURIComponent(b.batch_id)}`} className="mono">
                    {shortHash(b.batch_id)}
                  </a>
                </th>
                <td>{b.kind}</td>
                <td>{b.file_name}</td>
                <td>
                  <span className={`badge status-${b.status}`}>{b.status}</span>
                </td>
                <td className="num">{b.staged_count.toLocaleString()}</td>
                <td className="num">{b.error_count.toLocaleString()}</td>
                <td>{formatTime(b.created_at)}</td>
                <td>{b.signed_by ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {batchId && <BatchDetail key={batchId} batchId={batchId} onChanged={batches.reload} />}
    </section>
  );
}

function Uploader(props: { onStaged: (batchId: string) => void }) {
  const kinds = useAsync(() => api.staging.kinds({}), []);
  const connections = useAsync(() => api.connections.list({}), []);
  const [kind, setKind] = useState<Kinds[number]['kind']>('exemptions');
  const [connectionId, setConnectionId] = useState('');
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [jobId, setJobId] = useState<string | null>(null);
  const action = useAction();
  const { job, pollError } = useJob(jobId, (j) => {
    const batchId = j.result?.batch_id;
    if (j.status === 'succeeded' && typeof batchId === 'string') {
      setFile(null);
      setPreview(null);
      props.onStaged(batchId);
    }
  });
  const spec = kinds.data?.kinds.find((k) => k.kind === kind);
  const training = (connections.data?.connections ?? []).filter((c) => c.role === 'training');

  const load = async (picked: File) => {
    const base64 = await readFileBase64(picked);
    setFile({ name: picked.name, base64 });
    const p = await action.run(() => api.staging.preview({ file_name: picked.name, content_base64: base64, kind }));
    setPreview(p ?? null);
    setMapping(p?.suggested_mapping ?? {});
  };

  const missingRequired = useMemo(
    () => [
      ...(spec?.columns ?? []).filter((c) => c.required && !mapping[c.name]).map((c) => c.name),
      ...(spec?.required_groups ?? []).filter((g) => !g.some((name) => mapping[name])).map((g) => `one of ${g.join(' or ')}`),
    ],
    [spec, mapping],
  );
  const groupOf = (name: string) => spec?.required_groups.find((g) => g.includes(name));
  const running = job !== null && (job.status === 'queued' || job.status === 'running');

  return (
    <div className="card" data-testid="uploader">
      <h2>Upload a file</h2>
      <div className="filters">
        <label>
          Import kind
          <select value={kind} onChange={(e) => (setKind(e.target.value as typeof kind), setPreview(null), setFile(null))} name="import-kind">
            {(kinds.data?.kinds ?? []).map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Validate against
          <select value={connectionId} onChange={(e) => setConnectionId(e.target.value)} name="import-connection">
            <option value="">default training</option>
            {training.map((c) => (
              <option key={c.id} value={c.id}>
                {c.id}
              </option>
            ))}
          </select>
        </label>
      </div>
      <DropZone accept=".csv,.xlsx,.txt" label={file ? `File: ${file.name}` : 'Drag a CSV or XLSX file here'} onFile={load} disabled={running} />
      <ErrorNotice error={kinds.error ?? action.error} onDismiss={action.clearError} testId="upload-error" />
      {preview && spec && (
        <div data-testid="column-mapping">
          <h3>Map the columns</h3>
          <p className="muted">
            {preview.headers.length} columns{preview.line_count !== null ? `, ${(preview.line_count - 1).toLocaleString()} rows` : ''}. Each field of the import takes one column of the file.
          </p>
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">File column</th>
                <th scope="col">First values</th>
              </tr>
            </thead>
            <tbody>
              {spec.columns.map((col) => {
                const header = mapping[col.name] ?? '';
                const index = preview.headers.indexOf(header);
                return (
                  <tr key={col.name}>
                    <th scope="row">
                      <span className="mono">{col.name}</span>
                      {col.required && <span className="badge">required</span>}
                      {groupOf(col.name) && <span className="badge">one of {groupOf(col.name)!.join(' / ')}</span>}
                      <div className="muted small-text">{col.description}</div>
                    </th>
                    <td>
                      <select value={header} onChange={(e) => setMapping((m) => ({ ...m, [col.name]: e.target.value || null }))} aria-label={`File column for ${col.name}`} name={`map-${col.name}`}>
                        <option value="">(not in the file)</option>
                        {preview.headers.map((h) => (
                          <option key={h} value={h}>
                            {h}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="mono small-text">{index >= 0 ? preview.sample_rows.slice(0, 3).map((r) => r[index] ?? '').join(' · ') : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {missingRequired.length > 0 && <Notice kind="warn">Map the required fields: {missingRequired.join(', ')}.</Notice>}
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={running || action.busy || missingRequired.length > 0 || !file}
              data-testid="stage-file"
              onClick={async () => {
                if (!file) return;
                const started = await action.run(() => api.staging.start({ file_name: file.name, content_base64: file.base64, kind, connection_id: connectionId || undefined, mapping }));
                if (started) setJobId(started.job_id);
              }}
            >
              Stage and validate
            </button>
          </div>
        </div>
      )}
      {job && running && <ProgressBar done={job.progress.done} total={job.progress.total} label="Staging the file" />}
      {(job?.status === 'failed' || pollError) && (
        <Notice kind="error" testId="stage-failed">
          {pollError ?? job?.error}
        </Notice>
      )}
    </div>
  );
}
