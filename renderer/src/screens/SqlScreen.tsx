import type { SQLNamespace } from '@codemirror/lang-sql';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, type Out } from '../api';
import { ErrorNotice, Notice } from '../components/Notice';
import { SchemaTree, tableKey, type TreeColumn, type TreeTable } from '../components/SchemaTree';
import { SqlEditor, type SqlEditorHandle } from '../components/SqlEditor';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { saveDownload } from '../download';
import { formatCell, formatTime } from '../format';
import { useAction, useAsync } from '../hooks/useAsync';
import { addToHistory, clearHistory, readHistory, type HistoryEntry } from '../sql-history';

type Result = Out<'sql', 'run'>;
type Row = Result['rows'][number];

const EXAMPLE = 'SELECT prop_id, prop_val_yr, market, appraised_val\nFROM property_val\nORDER BY market DESC\nLIMIT 20';
/** Column lists fetched at once for names the query mentions. */
const MAX_COLUMN_FETCHES = 5;

/** The read-only SQL console: query_sql semantics (parser guard, read-only session, row cap, timeout) with an editor analysts know. */
export function SqlScreen() {
  const connections = useAsync(() => api.connections.list({}), []);
  const [connectionId, setConnectionId] = useState('');
  const [sql, setSql] = useState(EXAMPLE);
  const [maxRows, setMaxRows] = useState(500);
  const [result, setResult] = useState<Result | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>(() => readHistory(''));
  const action = useAction();
  const exporting = useAction();
  const editor = useRef<SqlEditorHandle>(null);

  const schema = useSchema(connectionId);
  useEffect(() => setHistory(readHistory(connectionId)), [connectionId]);
  useEffect(() => {
    const timer = setTimeout(() => schema.loadMentioned(sql), 300);
    return () => clearTimeout(timer);
  }, [sql, schema.loadMentioned]);

  const run = async () => {
    if (runId) return;
    const id = crypto.randomUUID();
    setRunId(id);
    const r = await action.run(() => api.sql.run({ connection_id: connectionId || undefined, sql, max_rows: maxRows, run_id: id }));
    setRunId(null);
    setHistory(addToHistory(connectionId, { sql, at: new Date().toISOString(), rows: r ? r.row_count : null }));
    if (r) setResult(r);
  };
  const cancel = () => {
    if (runId) void api.sql.cancel({ run_id: runId });
  };
  const exportAs = async (format: 'csv' | 'xlsx') => {
    if (!result) return;
    const rows = result.rows.map((row) => Object.fromEntries(result.columns.map((c) => [c, cellForExport(row[c])])));
    const file = await exporting.run(() => api.sql.export({ connection_id: result.connection_id, format, columns: result.columns, rows }));
    if (file) saveDownload(file);
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
        {schema.info && <span className="muted" data-testid="sql-dialect">{DIALECT_LABEL[schema.info.dialect]} on {schema.info.connection_id}</span>}
      </div>
      <div className="sql-console">
        <SchemaTree tables={schema.info?.tables ?? []} columns={schema.columns} onExpand={(t) => schema.load([t])} onPick={(text) => editor.current?.insert(text)} />
        <div className="sql-main">
          <SqlEditor ref={editor} value={sql} onChange={setSql} onRun={() => void run()} dialect={schema.info?.dialect ?? 'sqlite'} schema={schema.completion.namespace} defaultSchema={schema.completion.defaultSchema} label="SQL query" />
          <div className="actions">
            <button type="button" className="primary" onClick={run} disabled={runId !== null} data-testid="sql-run">
              {runId ? 'Running…' : 'Run'}
            </button>
            <button type="button" onClick={cancel} disabled={runId === null} data-testid="sql-cancel">
              Cancel
            </button>
            <span className="muted">Ctrl+Enter runs</span>
            <span className="spacer" />
            <button type="button" onClick={() => exportAs('csv')} disabled={!result || exporting.busy}>
              Export CSV
            </button>
            <button type="button" onClick={() => exportAs('xlsx')} disabled={!result || exporting.busy}>
              Export XLSX
            </button>
          </div>
          <QueryHistory entries={history} onPick={setSql} onClear={() => { clearHistory(connectionId); setHistory([]); }} />
        </div>
      </div>
      <ErrorNotice error={action.error ?? exporting.error ?? schema.error} onDismiss={() => { action.clearError(); exporting.clearError(); }} testId="sql-error" />
      {result && (
        <>
          <p className="muted" aria-live="polite" data-testid="sql-summary">
            {result.row_count.toLocaleString()} rows from {result.connection_id} in {result.elapsed_ms} ms{result.truncated ? ` — truncated at ${maxRows}: narrow the query or raise the cap` : ''}.
          </p>
          <VirtualTable label="Query result" testId="sql-result" columns={columns} rowCount={result.rows.length} getRow={(i) => result.rows[i]} height="calc(100vh - 560px)" emptyText="The query returned no rows." />
        </>
      )}
    </section>
  );
}

const DIALECT_LABEL = { sqlite: 'SQLite', postgres: 'PostgreSQL', tsql: 'T-SQL', duckdb: 'DuckDB', databricks: 'Databricks SQL' } as const;

function QueryHistory(props: { entries: HistoryEntry[]; onPick(sql: string): void; onClear(): void }) {
  return (
    <details className="sql-history" data-testid="sql-history">
      <summary>History ({props.entries.length})</summary>
      {props.entries.length > 0 && (
        <>
          <ul>
            {props.entries.map((e) => (
              <li key={`${e.at}-${e.sql}`}>
                <button type="button" className="link mono" onClick={() => props.onPick(e.sql)} title={e.sql}>
                  {e.sql.replace(/\s+/g, ' ').slice(0, 120)}
                </button>{' '}
                <span className="muted">
                  {formatTime(e.at)} · {e.rows === null ? 'failed' : `${e.rows} rows`}
                </span>
              </li>
            ))}
          </ul>
          <button type="button" className="small" onClick={props.onClear}>
            Clear history
          </button>
        </>
      )}
    </details>
  );
}

/** Exports carry JSON values only; anything structured goes as its JSON text. */
function cellForExport(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** The connection's tables, the columns loaded so far, and both as a completion namespace. */
function useSchema(connectionId: string) {
  const tables = useAsync(() => api.sql.tables({ connection_id: connectionId || undefined }), [connectionId]);
  const [columns, setColumns] = useState<Record<string, TreeColumn[] | undefined>>({});
  const requested = useRef(new Set<string>());
  useEffect(() => {
    setColumns({});
    requested.current = new Set();
  }, [connectionId]);

  const load = useCallback(
    (wanted: TreeTable[]) => {
      for (const t of wanted) {
        const key = tableKey(t);
        if (requested.current.has(key)) continue;
        requested.current.add(key);
        api.sql.columns({ connection_id: connectionId || undefined, table: key }).then(
          (out) => setColumns((prev) => ({ ...prev, [key]: out.columns })),
          () => requested.current.delete(key),
        );
      }
    },
    [connectionId],
  );

  const info = tables.data;
  const loadMentioned = useCallback(
    (text: string) => {
      if (!info) return;
      const words = new Set(text.toLowerCase().match(/[a-z_][a-z0-9_$]*/g) ?? []);
      load(info.tables.filter((t) => words.has(t.name.toLowerCase())).slice(0, MAX_COLUMN_FETCHES));
    },
    [info, load],
  );

  const completion = useMemo(() => {
    const namespace: Record<string, Record<string, string[]>> = {};
    const schemaCounts = new Map<string, number>();
    for (const t of info?.tables ?? []) {
      (namespace[t.schema] ??= {})[t.name] = (columns[tableKey(t)] ?? []).map((c) => c.name);
      schemaCounts.set(t.schema, (schemaCounts.get(t.schema) ?? 0) + 1);
    }
    const defaultSchema = [...schemaCounts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    return { namespace: namespace as SQLNamespace, defaultSchema };
  }, [info, columns]);

  return { info, columns, load, loadMentioned, completion, error: tables.error };
}
