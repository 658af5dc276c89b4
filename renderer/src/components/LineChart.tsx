import { formatMoney } from '../format';

export interface Series {
  name: string;
  className: string;
  points: { x: number; y: number }[];
}

const W = 640;
const H = 220;
const PAD = { left: 72, right: 16, top: 14, bottom: 30 };

/** Values over years, one line per series, each point labelled for hover and screen readers. */
export function LineChart(props: { series: Series[]; title: string }) {
  const all = props.series.flatMap((s) => s.points);
  if (all.length === 0) return <p className="muted">No values to chart.</p>;
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(0, ...ys), Math.max(...ys, 1)];
  const x = (v: number) => PAD.left + (x1 === x0 ? 0.5 : (v - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - ((v - y0) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  const years = [...new Set(xs)].sort((a, b) => a - b);
  return (
    <figure className="chart" data-testid="timeline-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.title}>
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} className="axis" />
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} className="axis" />
        {[y0, (y0 + y1) / 2, y1].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="grid" />
            <text x={PAD.left - 6} y={y(v) + 4} className="tick" textAnchor="end">
              {formatMoney(Math.round(v))}
            </text>
          </g>
        ))}
        {years.map((yr) => (
          <text key={yr} x={x(yr)} y={H - 10} className="tick" textAnchor="middle">
            {yr}
          </text>
        ))}
        {props.series.map((s) => (
          <g key={s.name} className={s.className}>
            <polyline fill="none" points={s.points.map((p) => `${x(p.x)},${y(p.y)}`).join(' ')} />
            {s.points.map((p) => (
              <circle key={p.x} cx={x(p.x)} cy={y(p.y)} r={3.5}>
                <title>{`${s.name} ${p.x}: ${formatMoney(p.y)}`}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      <figcaption>
        {props.title}
        <span className="legend">
          {props.series.map((s) => (
            <span key={s.name} className={`legend-item ${s.className}`}>
              {s.name}
            </span>
          ))}
        </span>
      </figcaption>
    </figure>
  );
}
