import { useMemo, useState } from 'react';
import { api, type Out } from '../api';
import { Dialog } from '../components/Dialog';
import { ErrorNotice, Notice } from '../components/Notice';
import { PromotionProcedureForm } from '../components/PromotionProcedureForm';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { formatTime, shortHash } from '../format';
import { useAction, useAsync } from '../hooks/useAsync';

type Detail = Out<'staging', 'get'>;
type RowError = Detail['errors'][number];

const ERROR_COLUMNS: Column<RowError>[] = [
  { key: 'line', header: 'Line', width: '80px', align: 'right', render: (e) => e.line },
  { key: 'column', header: 'Column', width: '160px', render: (e) => <span className="mono">{e.column ?? '—'}</span> },
  { key: 'code', header: 'Code', width: '220px', render: (e) => <span className="mono">{e.code}</span> },
  { key: 'message', header: 'Message', width: 'minmax(240px, 1fr)', render: (e) => <span title={e.message}>{e.message}</span> },
];

export function BatchDetail(props: { batchId: string; onChanged: () => void }) {
  const detail = useAsync(() => api.staging.get({ batch_id: props.batchId }), [props.batchId]);
  const connections = useAsync(() => api.connections.list({}), []);
  const action = useAction();
  const [reviewer, setReviewer] = useState('');
  const [note, setNote] = useState('');
  const [promoting, setPromoting] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const d = detail.data;
  const changed = (text: string) => {
    setMessage(text);
    detail.reload();
    props.onChanged();
  };
  if (detail.error) return <ErrorNotice error={detail.error} />;
  if (!d) return <p className="muted">Loading batch…</p>;
  const b = d.batch;
  // Only a validated batch can be signed: what the reviewer signs is the validated content.
  const canSign = b.status === 'validated';

  return (
    <article className="card" aria-labelledby="batch-title" data-testid="batch-detail">
      <h2 id="batch-title">
        Batch <span className="mono">{shortHash(b.batch_id)}</span> <span className={`badge status-${b.status}`} data-testid="batch-status">{b.status}</span>
      </h2>
      <dl className="facts inline-facts">
        <dt>File</dt>
        <dd>{b.file_name}</dd>
        <dt>Rows staged</dt>
        <dd>{b.staged_count.toLocaleString()}</dd>
        <dt>Errors</dt>
        <dd data-testid="batch-error-count">{b.error_count.toLocaleString()}</dd>
        <dt>Content sha256</dt>
        <dd className="mono" title={b.sha256}>
          {shortHash(b.sha256)}
        </dd>
        <dt>Signed</dt>
        <dd>{b.signed_by ? `${b.signed_by}, ${formatTime(b.signed_at)}` : '—'}</dd>
      </dl>
      {message && (
        <Notice kind="ok" onDismiss={() => setMessage(null)} testId="batch-message">
          {message}
        </Notice>
      )}
      <ErrorNotice error={action.error} onDismiss={action.clearError} testId="batch-error" />

      <h3>Row errors</h3>
      {d.errors_truncated && <Notice kind="warn">Showing the first {d.errors.length.toLocaleString()} errors of {b.error_count.toLocaleString()}.</Notice>}
      <VirtualTable label="Row errors" testId="row-errors" columns={ERROR_COLUMNS} rowCount={d.errors.length} getRow={(i) => d.errors[i]} height={Math.min(360, 40 + d.errors.length * 30)} emptyText="No errors: every row passed validation." />

      <div className="actions">
        <button type="button" disabled={action.busy || b.status === 'promoted'} onClick={async () => (await action.run(() => api.staging.validate({ batch_id: b.batch_id }))) && changed('Validated again against the training source.')}>
          Validate again
        </button>
      </div>

      <section className="subcard" aria-labelledby="signoff-title">
        <h3 id="signoff-title">QA sign-off</h3>
        <p className="muted">
          You sign exactly this content (sha256 <span className="mono">{shortHash(d.review_sha256)}</span>); any later change voids the sign-off. Rows with errors are skipped on push.
        </p>
        <form
          className="filters"
          onSubmit={async (e) => {
            e.preventDefault();
            const done = await action.run(() => api.staging.signoff({ batch_id: b.batch_id, reviewer, note, review_sha256: d.review_sha256 }));
            if (done) changed(`Signed off by ${reviewer}.`);
          }}
        >
          <label>
            Reviewer
            <input value={reviewer} onChange={(e) => setReviewer(e.target.value)} required name="reviewer" disabled={!canSign} />
          </label>
          <label className="grow">
            Note
            <input value={note} onChange={(e) => setNote(e.target.value)} name="signoff-note" disabled={!canSign} />
          </label>
          <button type="submit" className="primary" disabled={!canSign || action.busy} data-testid="signoff">
            Sign off
          </button>
        </form>
      </section>

      <div className="actions">
        <button type="button" disabled={b.status !== 'qa_signed' || action.busy} onClick={async () => {
          const r = await action.run(() => api.staging.push({ batch_id: b.batch_id }));
          if (r) changed(`Pushed ${r.pushed_rows.toLocaleString()} rows to the training database.`);
        }} data-testid="push">
          Push to training
        </button>
        <button type="button" className="danger" disabled={b.status !== 'pushed_to_training' || action.busy} onClick={() => setPromoting(true)} data-testid="promote">
          Promote to production…
        </button>
        <button type="button" disabled={b.status === 'promoted' || b.status === 'rejected' || action.busy} onClick={() => setRejecting(true)}>
          Reject…
        </button>
      </div>

      {d.events.length > 0 && (
        <details>
          <summary>History ({d.events.length})</summary>
          <ol className="small-text">
            {d.events.map((e, i) => (
              <li key={i}>
                {formatTime(e.at)} — {e.action}
                {e.by ? ` by ${e.by}` : ''}
                {e.detail ? `: ${e.detail}` : ''}
              </li>
            ))}
          </ol>
        </details>
      )}

      <Dialog title="Reject the batch" open={rejecting} onClose={() => setRejecting(false)}>
        <form
          className="form"
          onSubmit={async (e) => {
            e.preventDefault();
            const done = await action.run(() => api.staging.reject({ batch_id: b.batch_id, reason }));
            setRejecting(false);
            if (done) changed('Batch rejected.');
          }}
        >
          <label>
            Why is it rejected?
            <input value={reason} onChange={(e) => setReason(e.target.value)} required name="reject-reason" autoFocus />
          </label>
          <div className="actions">
            <button type="submit" className="danger" disabled={!reason.trim() || action.busy}>
              Reject batch
            </button>
            <button type="button" onClick={() => setRejecting(false)}>
              Cancel
            </button>
          </div>
        </form>
      </Dialog>

      <PromoteDialog
        open={promoting}
        batch={b}
        targets={(connections.data?.connections ?? []).filter((c) => c.role === 'production').map((c) => c.id)}
        onClose={() => setPromoting(false)}
        onPromoted={(rows, target) => {
          setPromoting(false);
          changed(`Promoted ${rows.toLocaleString()} rows to ${target}.`);
        }}
      />
    </article>
  );
}

/** Promotion writes to production: the user picks the target and types its id before the button names it. */
function PromoteDialog(props: { open: boolean; batch: Detail['batch']; targets: string[]; onClose: () => void; onPromoted: (rows: number, target: string) => void }) {
  const [target, setTarget] = useState('');
  const [typed, setTyped] = useState('');
  const action = useAction();
  const ready = useMemo(() => target !== '' && typed === target, [target, typed]);
  return (
    <Dialog title="Promote to production" open={props.open} onClose={props.onClose} testId="promote-dialog">
      <p>
        This writes the {props.batch.staged_count.toLocaleString()} signed rows of <b>{props.batch.file_name}</b> to a production database through its allowlisted procedure. It runs once per batch.
      </p>
      {props.targets.length === 0 ? (
        <Notice kind="warn">There is no production connection. Add one on the Connections screen.</Notice>
      ) : (
        <form
          className="form"
          onSubmit={async (e) => {
            e.preventDefault();
            const r = await action.run(() => api.staging.promote({ batch_id: props.batch.batch_id, target_connection_id: target, confirm_target: typed }));
            if (r) props.onPromoted(r.promoted_rows, target);
          }}
        >
          <label>
            Target
            <select value={target} onChange={(e) => (setTarget(e.target.value), setTyped(''))} name="promote-target" required>
              <option value="">choose…</option>
              {props.targets.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </label>
          {target && (
            <label>
              Type <b className="mono">{target}</b> to confirm
              <input value={typed} onChange={(e) => setTyped(e.target.value)} name="confirm-target" autoComplete="off" />
            </label>
          )}
          <ErrorNotice error={action.error} onDismiss={action.clearError} />
          <div className="actions">
            <button type="submit" className="danger" disabled={!ready || action.busy} data-testid="promote-confirm">
              {target ? `Promote to ${target}` : 'Promote'}
            </button>
            <button type="button" onClick={props.onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {target && (
        <details className="promotion-procedure" data-testid="promotion-procedure">
          <summary>Promotion procedure for {target}</summary>
          <PromotionProcedureForm connectionId={target} kind={props.batch.kind as 'exemptions' | 'property_values'} onSaved={action.clearError} />
        </details>
      )}
    </Dialog>
  );
}
