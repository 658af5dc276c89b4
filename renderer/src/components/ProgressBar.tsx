/** A determinate bar when the total is known, an indeterminate one otherwise. */
export function ProgressBar(props: { done: number; total: number | null; label: string }) {
  const pct = props.total ? Math.min(100, Math.round((props.done / props.total) * 100)) : null;
  return (
    <div className="progress" role="progressbar" aria-label={props.label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct ?? undefined} aria-valuetext={pct === null ? `${props.done} done` : `${pct}%`}>
      <div className={pct === null ? 'progress-fill indeterminate' : 'progress-fill'} style={pct === null ? undefined : { width: `${pct}%` }} />
      <span className="progress-text">{pct === null ? `${props.done.toLocaleString()} rows` : `${pct}% · ${props.done.toLocaleString()} of ${props.total!.toLocaleString()}`}</span>
    </div>
  );
}
