import { useState } from 'react';
import { api, type Out } from '../api';
import { CopyButton } from '../components/CopyButton';
import { ErrorNotice, Notice } from '../components/Notice';
import { formatTime } from '../format';
import { useAction, useAsync, useInterval, type AsyncState } from '../hooks/useAsync';
import { ImportFoldersCard } from './ImportFoldersCard';

type Plan = Out<'claude', 'plan'>;
type WriteResult = Out<'claude', 'write'>;
type Status = AsyncState<Out<'mcp', 'status'>>;

export function McpScreen() {
  const status = useAsync(() => api.mcp.status({}), []);
  useInterval(status.reload, 3_000);
  return (
    <section className="screen" aria-label="MCP and Claude Desktop">
      <div className="two-col">
        <ServerCard status={status} />
        <ClaudeCard />
      </div>
      <ImportFoldersCard />
      <ModelValuesCard />
      <RecentCalls status={status} />
    </section>
  );
}

function ServerCard({ status }: { status: Status }) {
  const [token, setToken] = useState<string | null>(null);
  const action = useAction();
  const s = status.data;
  return (
    <article className="card" aria-labelledby="server-title" data-testid="mcp-server-card">
      <h2 id="server-title">Local MCP server</h2>
      <p className="muted">Streamable HTTP on 127.0.0.1 only, for other local MCP clients. Every request needs the bearer token; browser pages from other origins are refused.</p>
      {s && (
        <dl className="facts">
          <dt>Status</dt>
          <dd data-testid="mcp-status">
            <span className={`dot ${s.running ? 'dot-ok' : 'dot-off'}`} aria-hidden="true" />
            {s.running ? 'Running' : 'Stopped'}
            {s.started_at && <span className="muted"> since {formatTime(s.started_at)}</span>}
          </dd>
          <dt>Endpoint</dt>
          <dd className="mono">
            {s.url ?? '—'} {s.url && <CopyButton text={s.url} />}
          </dd>
          <dt>Clients</dt>
          <dd data-testid="mcp-clients">{s.clients.length === 0 ? <span className="muted">none connected</span> : s.clients.map((c) => c.client ?? 'unnamed client').join(', ')}</dd>
          <dt>Token</dt>
          <dd>
            {token ? (
              <>
                <code className="token" data-testid="mcp-token">
                  {token}
                </code>{' '}
                <CopyButton text={token} /> <button type="button" className="small" onClick={() => setToken(null)}>Hide</button>
              </>
            ) : (
              <button type="button" className="small" onClick={async () => setToken((await action.run(() => api.mcp.revealToken({})))?.token ?? null)}>
                Reveal token
              </button>
            )}
          </dd>
        </dl>
      )}
      {s?.error && <Notice kind="error">{s.error}</Notice>}
      <ErrorNotice error={status.error ?? action.error} onDismiss={action.clearError} />
      <div className="actions">
        <button type="button" disabled={action.busy || !s} onClick={async () => {
          await action.run(() => api.mcp.setRunning({ running: !s?.running }));
          status.reload();
        }}>
          {s?.running ? 'Stop server' : 'Start server'}
        </button>
      </div>
    </article>
  );
}

function ClaudeCard() {
  const [plan, setPlan] = useState<Plan | null>(null);
  const [written, setWritten] = useState<WriteResult | null>(null);
  const action = useAction();
  const prepare = async (toolsets?: Plan['chosen_toolsets']) => {
    setWritten(null);
    const extra = toolsets?.filter((t) => t !== 'core');
    setPlan((await action.run(() => api.claude.plan(extra ? { toolsets: extra } : {}))) ?? null);
  };
  const toggle = (name: Plan['chosen_toolsets'][number], on: boolean) => {
    if (!plan) return;
    const chosen = plan.chosen_toolsets.filter((t) => t !== name);
    void prepare(on ? [...chosen, name] : chosen);
  };
  const write = async () => {
    if (!plan) return;
    const result = await action.run(() => api.claude.write({ plan_id: plan.plan_id }));
    setPlan(null);
    if (result) setWritten(result);
  };
  return (
    <article className="card" aria-labelledby="claude-title" data-testid="claude-card">
      <h2 id="claude-title">Claude Desktop</h2>
      <p className="muted">Adds one <code>mcpServers</code> entry that starts this server over stdio. Other entries are kept, a timestamped backup is made, and no secret is ever written.</p>
      <div className="actions">
        <button type="button" className={plan ? undefined : 'primary'} onClick={() => prepare(plan?.chosen_toolsets)} disabled={action.busy}>
          {plan ? 'Prepare again' : 'Prepare the change'}
        </button>
        {plan?.changed && (
          <button type="button" className="primary" onClick={write} disabled={action.busy} data-testid="claude-write">
            Write the config
          </button>
        )}
      </div>
      <ErrorNotice error={action.error} onDismiss={action.clearError} testId="claude-error" />
      {plan && (
        <div className="plan" data-testid="claude-plan">
          <fieldset className="toolsets" data-testid="claude-toolsets">
            <legend>Tools Claude lists</legend>
            <p className="muted small-text">Every listed tool costs part of each conversation; add only the sets you use.</p>
            {plan.toolsets.map((set) => (
              <label key={set.name} className="checkbox" title={set.tools.join(', ')}>
                <input
                  type="checkbox"
                  checked={set.always || plan.chosen_toolsets.includes(set.name)}
                  disabled={set.always || action.busy}
                  onChange={(e) => toggle(set.name, e.target.checked)}
                  data-testid={`toolset-${set.name}`}
                />{' '}
                <strong>{set.name}</strong> <span className="muted">{set.description} ({set.tools.length} tools)</span>
              </label>
            ))}
          </fieldset>
          <p>
            Config file: <code className="wrap">{plan.config_path}</code> {plan.exists ? '' : <span className="badge">will be created</span>}
          </p>
          {plan.changed ? (
            <>
              <p>Review the change, then write it:</p>
              <DiffText diff={plan.diff} />
            </>
          ) : (
            <Notice kind="ok">Already up to date: the entry "{plan.server_name}" is in place. Nothing to write.</Notice>
          )}
          <details>
            <summary>Other places Claude Desktop may read ({plan.candidates.length})</summary>
            <ul className="mono small-text">
              {plan.candidates.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </details>
        </div>
      )}
      {written && (
        <Notice kind="ok" testId="claude-written">
          {written.written ? (
            <>
              Wrote <code className="wrap">{written.config_path}</code>
              {written.backup_path && (
                <>
                  {' '}
                  (backup: <code className="wrap">{written.backup_path}</code>)
                </>
              )}
              . Restart Claude Desktop to load the PACS tools.
            </>
          ) : (
            'Nothing to write: the config was already up to date.'
          )}
        </Notice>
      )}
      <ClaudeBundle />
    </article>
  );
}

/** The other way in: Claude Desktop's extension installer, from the .mcpb that came with the app. */
function ClaudeBundle() {
  const info = useAsync(() => api.claude.bundle({}), []);
  const [saved, setSaved] = useState<string | null>(null);
  const action = useAction();
  const bundle = info.data?.bundle;
  return (
    <section className="plan" aria-labelledby="bundle-title" data-testid="claude-bundle">
      <h3 id="bundle-title">Or install it as a Claude Desktop extension</h3>
      <p className="muted">
        A bundle (<code>.mcpb</code>) holds the server and its packages for one OS and processor. Open it and Claude Desktop installs it under Settings → Extensions; it then runs on Claude Desktop's own Node.
      </p>
      {info.data &&
        (bundle ? (
          <div className="actions">
            <span className="mono" data-testid="bundle-name">
              {bundle.file_name}
            </span>
            <span className="muted">{(bundle.size_bytes / 1_048_576).toFixed(1)} MB</span>
            <button type="button" disabled={action.busy} data-testid="bundle-save" onClick={async () => setSaved((await action.run(() => api.claude.saveBundle({})))?.saved_path ?? null)}>
              Save to Downloads
            </button>
          </div>
        ) : (
          <Notice kind="info" testId="bundle-missing">
            No bundle for {info.data.platform}-{info.data.arch} came with this app. County IT builds one per OS and processor with <code>npm run bundle:mcpb</code> (see docs/install.md); the config writer above needs none.
          </Notice>
        ))}
      <ErrorNotice error={info.error ?? action.error} onDismiss={action.clearError} />
      {saved && (
        <Notice kind="ok" testId="bundle-saved">
          Saved <code className="wrap">{saved}</code>. Open it to install it in Claude Desktop.
        </Notice>
      )}
    </section>
  );
}

/** A unified diff with added and removed lines coloured (and marked + / − for those who cannot see colour). */
export function DiffText(props: { diff: string }) {
  return (
    <pre className="difftext" data-testid="claude-diff" tabIndex={0} aria-label="Change to the Claude Desktop config">
      {props.diff
        .replace(/\n$/, '')
        .split('\n')
        .map((line, i) => (
          <span key={i} className={`dl ${line.startsWith('+++') || line.startsWith('---') ? 'dl-file' : line.startsWith('+') ? 'dl-add' : line.startsWith('-') ? 'dl-del' : line.startsWith('@@') ? 'dl-hunk' : ''}`}>
            {line || ' '}
          </span>
        ))}
    </pre>
  );
}

/** Per connection, whether Claude sees sensitive values as pseudonyms or in clear: a person's choice, audited. */
function ModelValuesCard() {
  const list = useAsync(() => api.mcp.modelValues({}), []);
  const action = useAction();
  const set = async (connection_id: string, clear: boolean) => {
    await action.run(() => api.mcp.setModelValues({ connection_id, model_values: clear ? 'clear' : 'masked' }));
    list.reload();
  };
  return (
    <article className="card" aria-labelledby="values-title" data-testid="model-values-card">
      <h2 id="values-title">Sensitive values Claude sees</h2>
      <p className="muted">
        Everything a tool returns goes to Claude's cloud service. By default SSN, licence numbers, birth dates, income, phones, e-mails and confidential owners' names and
        addresses are replaced by pseudonyms (the same value always gets the same one). Allow clear values only for a connection whose data may leave this computer.
      </p>
      <ErrorNotice error={list.error ?? action.error} onDismiss={action.clearError} />
      <ul className="plain-list">
        {list.data?.connections.map((c) => (
          <li key={c.id}>
            <label className="checkbox">
              <input type="checkbox" checked={c.model_values === 'clear'} disabled={action.busy} onChange={(e) => void set(c.id, e.target.checked)} data-testid={`clear-values-${c.id}`} />{' '}
              <strong>{c.id}</strong> <span className="muted">({c.kind}, {c.role})</span>: {c.model_values === 'clear' ? 'clear values' : 'pseudonyms'}
            </label>
          </li>
        ))}
      </ul>
    </article>
  );
}

function RecentCalls({ status }: { status: Status }) {
  const calls = status.data?.recent_calls ?? [];
  return (
    <article className="card" aria-labelledby="calls-title">
      <h2 id="calls-title">Recent tool calls</h2>
      <p className="muted">From the audit log: this app's HTTP server and the servers Claude Desktop starts.</p>
      <table className="table compact" data-testid="recent-calls">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Via</th>
            <th scope="col">Client</th>
            <th scope="col">Tool</th>
            <th scope="col">Connection</th>
            <th scope="col">Outcome</th>
            <th scope="col" className="num">Rows</th>
            <th scope="col" className="num">ms</th>
          </tr>
        </thead>
        <tbody>
          {calls.length === 0 && (
            <tr>
              <td colSpan={8} className="muted">
                No tool calls yet.
              </td>
            </tr>
          )}
          {calls.map((c) => (
            <tr key={c.seq}>
              <td>{formatTime(c.at)}</td>
              <td>{c.channel === 'http' ? 'HTTP' : 'stdio'}</td>
              <td>{c.client_name ?? '—'}</td>
              <td className="mono">{c.action}</td>
              <td>{c.connection_id ?? '—'}</td>
              <td>
                <span className={`badge outcome-${c.outcome}`} title={c.error ?? undefined}>
                  {c.outcome}
                </span>
              </td>
              <td className="num">{c.row_count ?? ''}</td>
              <td className="num">{Math.round(c.duration_ms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
