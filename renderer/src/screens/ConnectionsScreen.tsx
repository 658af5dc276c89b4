import { useState } from 'react';
import { api, type Out } from '../api';
import { Dialog } from '../components/Dialog';
import { ErrorNotice, Notice } from '../components/Notice';
import { useAction, useAsync } from '../hooks/useAsync';
import { ConnectionForm, draftFrom, EMPTY_DRAFT, type ConnectionDraft } from './ConnectionForm';

type ConnectionView = Out<'connections', 'list'>['connections'][number];
type TestResult = Out<'connections', 'test'>;

export function ConnectionsScreen() {
  const list = useAsync(() => api.connections.list({}), []);
  const options = useAsync(() => api.connections.kinds({}), []);
  const [editing, setEditing] = useState<{ draft: ConnectionDraft; existing: ConnectionView | null } | null>(null);
  const [tests, setTests] = useState<Record<string, TestResult | 'running'>>({});
  const [removing, setRemoving] = useState<ConnectionView | null>(null);
  const [confirming, setConfirming] = useState<ConnectionView | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const action = useAction();
  const connections = list.data?.connections ?? [];
  const kindLabel = (kind: string) => options.data?.kinds.find((k) => k.kind === kind)?.label ?? kind;

  const test = async (id: string) => {
    setTests((t) => ({ ...t, [id]: 'running' }));
    const result = await api.connections.test({ id }).catch((err: Error) => ({ connection_id: id, ok: false, latency_ms: 0, message: err.message }) as TestResult);
    setTests((t) => ({ ...t, [id]: result }));
  };

  return (
    <section className="screen" aria-label="Connections">
      <p className="lead">Data sources the tools and screens read. Passwords go to the OS keychain and are never shown again; production connections are read-only everywhere.</p>
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => setEditing({ draft: EMPTY_DRAFT, existing: null })} disabled={!options.data}>
          Add connection
        </button>
        {options.data?.presets.map((preset) => (
          <button key={preset.id} type="button" onClick={() => setEditing({ draft: preset, existing: null })} disabled={connections.some((c) => c.id === preset.id)}>
            PACS preset: {preset.id}
          </button>
        ))}
      </div>
      {message && (
        <Notice kind="ok" onDismiss={() => setMessage(null)}>
          {message}
        </Notice>
      )}
      <ErrorNotice error={list.error ?? options.error ?? action.error} onDismiss={action.clearError} />
      <table className="table" data-testid="connections-table">
        <thead>
          <tr>
            <th scope="col">Id</th>
            <th scope="col">Kind</th>
            <th scope="col">Role</th>
            <th scope="col">Target</th>
            <th scope="col">Password</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {connections.map((c) => {
            const t = tests[c.id];
            return (
              <tr key={c.id} data-testid={`connection-${c.id}`}>
                <th scope="row">
                  {c.id}
                  {c.is_default && <span className="badge">default</span>}
                  {!c.confirmed && <span className="badge warn">registered through the chat: not confirmed</span>}
                  {c.description && <div className="muted small-text">{c.description}</div>}
                </th>
                <td>{kindLabel(c.kind)}</td>
                <td>
                  <span className={`badge role-${c.role}`}>{c.role}</span>
                  {c.read_only && <span className="badge">read-only</span>}
                </td>
                <td className="mono wrap">{c.target}</td>
                <td>{!c.needs_secret ? <span className="muted">not needed</span> : c.has_secret ? 'stored in keychain' : <span className="warn-text">not set</span>}</td>
                <td aria-live="polite" data-testid={`connection-status-${c.id}`}>
                  {t === 'running' ? 'Testing…' : t ? <span className={t.ok ? 'ok-text' : 'error-text'}>{t.ok ? `OK · ${t.latency_ms} ms${t.server_version ? ` · ${t.server_version}` : ''}` : `Failed: ${t.message}`}</span> : ''}
                </td>
                <td className="row-actions">
                  {!c.confirmed && (
                    <button type="button" className="small primary" onClick={() => setConfirming(c)} aria-label={`Confirm ${c.id}`}>
                      Confirm
                    </button>
                  )}
                  <button type="button" className="small" onClick={() => test(c.id)} aria-label={`Test ${c.id}`} disabled={!c.confirmed}>
                    Test
                  </button>
                  <button type="button" className="small" onClick={() => setEditing({ draft: draftFrom(c), existing: c })} aria-label={`Edit ${c.id}`}>
                    Edit
                  </button>
                  <button type="button" className="small danger" onClick={() => setRemoving(c)} aria-label={`Remove ${c.id}`}>
                    Remove
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {list.loading && !list.data && <p className="muted">Loading…</p>}

      <Dialog title={editing?.existing ? `Edit ${editing.existing.id}` : 'Add a connection'} open={editing !== null} onClose={() => setEditing(null)} testId="connection-dialog">
        {editing && options.data && (
          <ConnectionForm
            options={options.data}
            initial={editing.draft}
            existing={editing.existing}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              setEditing(null);
              setMessage(`Saved connection "${saved.id}"${saved.has_secret ? '; its password is in the OS keychain' : ''}.`);
              list.reload();
            }}
          />
        )}
      </Dialog>

      <Dialog title="Confirm connection" open={confirming !== null} onClose={() => setConfirming(null)} testId="confirm-dialog">
        {confirming && (
          <div>
            <p>
              <b>{confirming.id}</b> was registered through the chat. Nothing is sent to it until you confirm that it is a server you trust:
            </p>
            <dl className="details">
              <dt>Kind</dt>
              <dd>{kindLabel(confirming.kind)}</dd>
              <dt>Server</dt>
              <dd className="mono wrap">{confirming.target}</dd>
              {Object.entries(confirming.config).map(([key, value]) => (
                <div key={key}>
                  <dt>{key}</dt>
                  <dd className="mono wrap">{String(value)}</dd>
                </div>
              ))}
              <dt>Description</dt>
              <dd>{confirming.description}</dd>
            </dl>
            {confirming.kind === 'sqlserver' && confirming.config.authentication === 'windows' && <p className="warn-text">It signs in as your Windows account.</p>}
            {confirming.needs_secret && <p className="muted">After confirming, edit it to enter its password.</p>}
            <div className="actions">
              <button
                type="button"
                className="primary"
                disabled={action.busy}
                onClick={async () => {
                  const done = await action.run(() => api.connections.confirm({ id: confirming.id }));
                  setConfirming(null);
                  if (done) {
                    setMessage(`Confirmed "${confirming.id}".`);
                    list.reload();
                  }
                }}
              >
                Confirm {confirming.id}
              </button>
              <button type="button" onClick={() => setConfirming(null)}>
                Cancel
              </button>
            </div>
          </div>
        )}
      </Dialog>

      <Dialog title="Remove connection" open={removing !== null} onClose={() => setRemoving(null)}>
        {removing && (
          <div>
            <p>
              Remove <b>{removing.id}</b> ({removing.target}) and its keychain entry? Tools naming it will stop working.
            </p>
            <div className="actions">
              <button
                type="button"
                className="danger"
                disabled={action.busy}
                onClick={async () => {
                  const done = await action.run(() => api.connections.remove({ id: removing.id }));
                  setRemoving(null);
                  if (done) {
                    setMessage(`Removed "${removing.id}".`);
                    list.reload();
                  }
                }}
              >
                Remove {removing.id}
              </button>
              <button type="button" onClick={() => setRemoving(null)}>
                Cancel
              </button>
            </div>
          </div>
        )}
      </Dialog>
    </section>
  );
}
