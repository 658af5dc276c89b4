import type { Out } from '../api';

type Report = NonNullable<Out<'connections', 'test'>['compatibility']>;

const STATUS_TEXT = { works: 'works', fails: 'will not work', not_here: 'not on this connection' } as const;
const STATUS_CLASS = { works: 'ok-text', fails: 'error-text', not_here: 'muted' } as const;

/** What doctor found on one connection: which PACS operations work there and why not, its settings, what to know. */
export function CompatibilityReport({ report }: { report: Report }) {
  const failing = report.operations.filter((o) => o.status === 'fails').length;
  return (
    <div data-testid="compatibility-report">
      <p>
        {report.version ?? report.kind} · {report.role} ·{' '}
        <span className={failing ? 'error-text' : 'ok-text'}>
          {failing ? `${failing} PACS operation${failing === 1 ? '' : 's'} will not work here` : 'every PACS operation for this connection works'}
        </span>
      </p>
      <table className="table" data-testid="compatibility-operations">
        <thead>
          <tr>
            <th scope="col">Operation</th>
            <th scope="col">Here</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {report.operations.map((op) => (
            <tr key={op.name} data-testid={`compatibility-${op.name}`}>
              <th scope="row" className="mono">
                {op.name}
              </th>
              <td className={STATUS_CLASS[op.status]}>{STATUS_TEXT[op.status]}</td>
              <td className="wrap">{op.reasons.join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.settings.length > 0 && (
        <>
          <h3>Settings</h3>
          <ul>
            {report.settings.map((s) => (
              <li key={s.name} className={s.ok ? undefined : 'warn-text'}>
                <b>{s.name}</b>: {s.value}
                {s.note ? ` — ${s.note}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.warnings.length > 0 && (
        <>
          <h3>Worth knowing</h3>
          <ul>
            {report.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </>
      )}
      <p className="muted small-text">
        Checked {report.checked.tables} tables, {report.checked.columns} columns and {report.checked.rights} rights. The same check from a terminal: pacs-mcp doctor {report.connection_id}
      </p>
    </div>
  );
}
