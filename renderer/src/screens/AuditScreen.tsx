import { useMemo, useState, type FormEvent } from 'react';
import { api, type In, type Out } from '../api';
import { ErrorNotice, Notice } from '../components/Notice';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { saveDownload } from '../download';
import { formatTime, shortHash } from '../format';
import { useAction, useAsync } from '../hooks/useAsync';

type Filter = NonNullable<In<'audit', 'list'>['filter']>;
type AuditRow = Out<'audit', 'list'>['rows'][number];
type Verification = Out<'audit', 'verify'>;

const CHANNELS = ['', 'mcp', 'http', 'cli', 'ui'] as const;
const OUTCOMES = ['', 'ok', 'error', 'refused', 'started'] as const;

function cleanFilter(form: Record<string, string>): Filter {
  const filter: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) if (v.trim()) filter[k] = v.trim();
  return filter as Filter;
}

export function AuditScreen() {
  const [form, setForm] = useState<Record<string, string>>({ text: '', channel: '', outcome: '', connection_id: '', since: '', until: '' });
  const [filter, setFilter] = useState<Filter>({});
  const [selected, setSelected] = useState<AuditRow | null>(null);
  const [verification, setVerification] = useState<Verification | null>(null);
  const list = useAsync(() => api.audit.list({ filter, limit: 5_000 }), [JSON.stringify(filter)]);
  const action = useAction();
  const rows = list.data?.rows ?? [];

  const columns = useMemo<Column<AuditRow>[]>(
    () => [
      { key: 'seq', header: '#', width: '64px', align: 'right', render: (r) => r.seq },
      { key: 'at', header: 'When', width: '170px', render: (r) => formatTime(r.at) },
      { key: 'user', header: 'User', width: '110px', render: (r) => r.os_user },
      { key: 'channel', header: 'Via', width: '64px', render: (r) => r.channel },
      { key: 'client', header: 'Client', width: 'minmax(110px, 1fr)', render: (r) => r.client_name ?? '—' },
      { key: 'action', header: 'Action', width: 'minmax(160px, 1.4fr)', render: (r) => <span className="mono">{r.action}</span> },
      { key: 'conn', header: 'Connection', width: '120px', render: (r) => r.connection_id ?? '—' },
      { key: 'outcome', header: 'Outcome', width: '90px', render: (r) => <span className={`badge outcome-${r.outcome}`}>{r.outcome}</span> },
      { key: 'rows', header: 'Rows', width: '70px', align: 'right', render: (r) => r.row_count ?? '' },
      { key: 'ms', header: 'ms', width: '70px', align: 'right', render: (r) => Math.round(r.duration_ms) },
    ],
    [],
  );

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter(cleanFilter(form));
  };
  const field = (key: string) => ({ value: form[key], onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value })), name: key });

  return (
    <section className="screen" aria-label="Audit log">
      <p className="lead">Every tool call, CLI change and app action, chained under a key in the OS keychain: a changed, removed or rewritten row breaks the chain.</p>
      <form className="filters" onSubmit={apply} aria-label="Filter the audit log">
        <label>
          Search
          <input type="search" placeholder="action, argument, error…" {...field('text')} />
        </label>
        <label>
          Via
          <select {...field('channel')}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {c || 'any'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Outcome
          <select {...field('outcome')}>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {o || 'any'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Connection
          <input {...field('connection_id')} size={10} />
        </label>
        <label>
          From
          <input type="date" {...field('since')} />
        </label>
        <label>
          To
          <input type="date" {...field('until')} />
        </label>
        <button type="submit" className="primary">
          Apply
        </button>
      </form>
      <div className="toolbar">
        <button type="button" onClick={async () => setVerification((await action.run(() => api.audit.verify({}))) ?? null)} disabled={action.busy} data-testid="audit-verify">
          Verify the chain
        </button>
        <button type="button" onClick={async () => {
          const file = await action.run(() => api.audit.export({ filter, format: 'csv' }));
          if (file) saveDownload(file);
        }}>
          Export CSV
        </button>
        <button type="button" onClick={async () => {
          const file = await action.run(() => api.audit.export({ filter, format: 'json' }));
          if (file) saveDownload(file);
        }}>
          Export JSON
        </button>
        <span className="muted" aria-live="polite">
          {list.data ? `${list.data.total.toLocaleString()} rows${list.data.truncated ? ` (showing the newest ${rows.length.toLocaleString()})` : ''}` : ''}
        </span>
      </div>
      {verification && (
        <Notice kind={verification.ok ? 'ok' : 'error'} onDismiss={() => setVerification(null)} testId="audit-verification">
          {verification.ok ? (
            `Chain intact: ${verification.rows.toLocaleString()} rows verified${verification.keyed ? `, anchored at row ${verification.anchored_seq}` : ''}.${verification.incomplete.length ? ` ${verification.incomplete.length} call(s) started and not completed (still running, or their process ended).` : ''}`
          ) : (
            <>
              The audit chain is broken ({verification.problems.length} problems):
              <ul>
                {verification.problems.slice(0, 10).map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </>
          )}
        </Notice>
      )}
      <ErrorNotice error={list.error ?? action.error} onDismiss={action.clearError} />
      <div className="split">
        <VirtualTable label="Audit rows" testId="audit-table" columns={columns} rowCount={rows.length} getRow={(i) => rows[i]} onActivate={(row) => setSelected(row)} activeIndex={selected ? rows.indexOf(selected) : null} height="calc(100vh - 360px)" emptyText="No audit rows match." />
        {selected && (
          <aside className="card detail" aria-label={`Audit row ${selected.seq}`}>
            <h2>Row {selected.seq}</h2>
            <dl className="facts">
              <dt>When</dt>
              <dd>{formatTime(selected.at)}</dd>
              <dt>Who</dt>
              <dd>
                {selected.os_user} via {selected.channel}
                {selected.client_name ? ` (${selected.client_name} ${selected.client_version ?? ''})` : ''}
              </dd>
              <dt>Action</dt>
              <dd className="mono">{selected.action}</dd>
              <dt>Outcome</dt>
              <dd>{selected.outcome}</dd>
              {selected.error && (
                <>
                  <dt>Error</dt>
                  <dd className="error-text">{selected.error}</dd>
                </>
              )}
              <dt>Hash</dt>
              <dd className="mono" title={selected.hash}>
                {shortHash(selected.hash)} ← {shortHash(selected.prev_hash)}
              </dd>
            </dl>
            <h3>Arguments (secrets redacted)</h3>
            <pre className="code">{JSON.stringify(JSON.parse(selected.args_json), null, 2)}</pre>
            <button type="button" className="small" onClick={() => setSelected(null)}>
              Close
            </button>
          </aside>
        )}
      </div>
    </section>
  );
}
