import { formatSigned } from '../format';

/** Axis labels: whole numbers once values are in the hundreds. */
const label = (v: number) => formatSigned(Math.abs(v) >= 100 ? Math.round(v) : v);

export interface Bucket {
  from: number;
  to: number;
  count: number;
}

const W = 640;
const H = 200;
const PAD = { left: 48, right: 12, top: 12, bottom: 36 };

/** Value deltas bucketed: decreases in one colour, increases in another, zero marked. SVG, no library. */
export function Histogram(props: { buckets: Bucket[]; title: string }) {
  const { buckets } = props;
  if (buckets.length === 0) return <p className="muted">No numeric changes to chart.</p>;
  const maxCount = Math.max(...buckets.map((b) => b.count), 1);
  const lo = buckets[0].from;
  const hi = buckets[buckets.length - 1].to;
  const span = hi - lo || 1;
  const x = (v: number) => PAD.left + ((v - lo) / span) * (W - PAD.left - PAD.right);
  const y = (c: number) => H - PAD.bottom - (c / maxCount) * (H - PAD.top - PAD.bottom);
  const zeroInside = lo < 0 && hi > 0;
  return (
    <figure className="chart" data-testid="delta-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${props.title}: ${buckets.reduce((s, b) => s + b.count, 0).toLocaleString()} changes from ${formatSigned(lo)} to ${formatSigned(hi)}`}>
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} className="axis" />
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} className="axis" />
        <text x={PAD.left - 6} y={PAD.top + 8} className="tick" textAnchor="end">
          {maxCount.toLocaleString()}
        </text>
        <text x={PAD.left - 6} y={H - PAD.bottom} className="tick" textAnchor="end">
          0
        </text>
        {buckets.map((b, i) => {
          const x0 = x(b.from);
          const width = Math.max(1, x(b.to) - x0 - 1);
          const top = y(b.count);
          const kind = b.to <= 0 ? 'bar-down' : b.from >= 0 ? 'bar-up' : 'bar-mixed';
          return (
            <rect key={i} x={x0} y={top} width={width} height={H - PAD.bottom - top} className={kind}>
              <title>{`${formatSigned(b.from)} to ${formatSigned(b.to)}: ${b.count.toLocaleString()}`}</title>
            </rect>
          );
        })}
        {zeroInside && <line x1={x(0)} x2={x(0)} y1={PAD.top} y2={H - PAD.bottom} className="zero" />}
        <text x={PAD.left} y={H - 12} className="tick">
          {label(lo)}
        </text>
        <text x={W - PAD.right} y={H - 12} className="tick" textAnchor="end">
          {label(hi)}
        </text>
        {zeroInside && (
          <text x={x(0)} y={H - 12} className="tick" textAnchor="middle">
            0
          </text>
        )}
      </svg>
      <figcaption>{props.title}</figcaption>
    </figure>
  );
}
