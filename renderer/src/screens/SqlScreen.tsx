import { useMemo, useState, type KeyboardEvent } from 'react';
import { api, type Out } from '../api';
import { ErrorNotice, Notice } from '../components/Notice';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { formatCell } from '../format';
import { useAction, useAsync } from '../hooks/useAsync';

type Result = Out<'sql', 'run'>;
type Row = Result['rows'][number];

const EXAMPLE = 'SELECT prop_id, prop_val_yr, market, appraised_val\nFROM property_val\nORDER BY market DESC\nLIMIT 20';

/** Seed 001's read-only DB terminal: query_sql semantics (parser guard, read-only session, row cap, timeout). */
export function SqlScreen() {
  const connections = useAsync(() => api.connections.list({}), []);
  const [connectionId, setConnectionId] = useState('');
  const [sql, setSql] = useState(EXAMPLE);
  const [maxRows, setMaxRows] = useState(500);
  const [result, setResult] = useState<Result | null>(null);
  const action = useAction();

  const run = async () => {
    const r = await action.run(() => api.sql.run({ connection_id: connectionId || undefined, sql, max_rows: maxRows }));
    if (r) setResult(r);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void run();
    }
  };

  const columns = useMemo<Column<Row>[]>(
    () =>
      (result?.columns ?? []).map((name) => ({
        key: name,
        header: name,
        width: 'minmax(110px, 1fr)',
        render: (row: Row) => formatCell(row[name]),
        align: result?.rows.some((r) => typeof r[name] === 'number') ? ('right' as const) : undefined,
      })),
    [result],
  );

  return (
    <section className="screen" aria-label="SQL console">
      <Notice kind="info">Read-only on every connection: a SQL parser accepts one plain SELECT and the database session is read-only too. Results stop at the row cap and say so.</Notice>
      <div className="filters">
        <label>
          Connection
          <select value={connectionId} onChange={(e) => setConnectionId(e.target.value)} name="connection">
            <option value="">default training</option>
            {connections.data?.connections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.id} ({c.role})
              </option>
            ))}
          </select>
        </label>
        <label>
          Row cap
          <input type="number" min={1} max={10_000} value={maxRows} onChange={(e) => setMaxRows(Math.max(1, Math.min(10_000, Number(e.target.value) || 1)))} name="max_rows" />
        </label>
      </div>
      <label className="block">
        SQL <span className="muted">(Ctrl+Enter runs it)</span>
        <textarea className="sql-editor" value={sql} onChange={(e) => setSql(e.target.value)} onKeyDown={onKeyDown} rows={7} spellCheck={false} name="sql" data-testid="sql-editor" />
      </label>
      <div className="actions">
        <button type="button" className="primary" onClick={run} disabled={action.busy} data-testid="sql-run">
          {action.busy ? 'Running…' : 'Run'}
        </button>
      </div>
      <ErrorNotice error={action.error} onDismiss={action.clearError} testId="sql-error" />
      {result && (
        <>
          <p className="muted" aria-live="polite" data-testid="sql-summary">
            {result.row_count.toLocaleString()} rows from {result.connection_id} in {result.elapsed_ms} ms{result.truncated ? ` — truncated at ${maxRows}: narrow the query or raise the cap` : ''}.
          </p>
          <VirtualTable label="Query result" testId="sql-result" columns={columns} rowCount={result.rows.length} getRow={(i) => result.rows[i]} height="calc(100vh - 520px)" emptyText="The query returned no rows." />
        </>
      )}
    </section>
  );
}
