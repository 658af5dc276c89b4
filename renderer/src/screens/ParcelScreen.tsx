import { useState, type FormEvent } from 'react';
import { api, type Out } from '../api';
import { LineChart, type Series } from '../components/LineChart';
import { ErrorNotice } from '../components/Notice';
import { formatCell, formatMoney } from '../format';
import { useAction, useAsync } from '../hooks/useAsync';
import { navigate, useRoute } from '../router';

type SearchResult = Out<'parcels', 'search'>;
type Parcel = Out<'parcels', 'get'>;
type Timeline = Out<'parcels', 'timeline'>;

const VALUE_FIELDS = ['land_hstd_val', 'land_non_hstd_val', 'imprv_hstd_val', 'imprv_non_hstd_val', 'ag_use_val', 'ag_market', 'market', 'appraised_val', 'ten_percent_cap', 'assessed_val'];

export function ParcelScreen() {
  const route = useRoute();
  const selected = Number(route.params.get('prop_id')) || null;
  const [query, setQuery] = useState(route.params.get('q') ?? '');
  const [results, setResults] = useState<SearchResult | null>(null);
  const search = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const r = await search.run(() => api.parcels.search({ query, limit: 50 }));
    if (r) setResults(r);
  };

  return (
    <section className="screen" aria-label="Parcel">
      <form className="filters" onSubmit={submit} role="search" aria-label="Parcel search">
        <label className="grow">
          Find a parcel
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="prop_id, geo_id, owner name or street" name="parcel-query" autoFocus />
        </label>
        <button type="submit" className="primary" disabled={search.busy}>
          Search
        </button>
      </form>
      <ErrorNotice error={search.error} onDismiss={search.clearError} />
      <div className="split">
        {results && (
          <div className="card list-card" aria-label="Search results">
            <p className="muted">
              {results.parcels.length}
              {results.truncated ? '+' : ''} parcels, {results.year} values
            </p>
            <ul className="pick-list" data-testid="parcel-results">
              {results.parcels.map((p) => (
                <li key={p.prop_id}>
                  <a href={`#/parcel?prop_id=${p.prop_id}`} aria-current={p.prop_id === selected ? 'true' : undefined}>
                    <b>{p.prop_id}</b> <span className="muted">{p.geo_id}</span>
                    <br />
                    {p.owner_name ?? '—'} · {p.situs || 'no situs'}
                    <span className="num-right">{formatMoney(p.market)}</span>
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}
        {selected ? <ParcelDetail propId={selected} /> : !results && <p className="muted">Search by prop_id, geo_id, owner or street, then pick a parcel.</p>}
      </div>
    </section>
  );
}

function ParcelDetail({ propId }: { propId: number }) {
  const data = useAsync(async () => {
    const [parcel, timeline] = await Promise.all([api.parcels.get({ prop_id: propId }), api.parcels.timeline({ prop_id: propId })]);
    return { parcel, timeline };
  }, [propId]);
  if (data.error) return <ErrorNotice error={data.error} />;
  if (!data.data) return <p className="muted">Loading parcel {propId}…</p>;
  const { parcel, timeline } = data.data;
  return (
    <article className="card detail grow" aria-labelledby="parcel-title" data-testid="parcel-detail">
      <h2 id="parcel-title">
        Parcel {parcel.prop_id} <span className="muted">{parcel.geo_id}</span>
        <span className="badge">type {parcel.prop_type_cd}</span>
      </h2>
      <div className="three-col">
        <Facts title={`Values ${parcel.year}`} rows={parcel.value ? VALUE_FIELDS.filter((f) => parcel.value![f] !== undefined).map((f) => [f, formatMoney(parcel.value![f])]) : [['', 'No value layer for this year']]} />
        <Facts title="Owners" rows={parcel.owners.map((o) => [String(o.owner_name ?? '—'), `${formatCell(o.pct_ownership)}%${o.hs_prop === 'T' ? ' · homestead' : ''}`])} />
        <Facts title="Situs & exemptions" rows={[...parcel.situs.map((s) => ['situs', String(s.line ?? formatCell(s.situs_street))] as [string, string]), ...parcel.exemptions.map((e) => [String(e.exmpt_type_cd), String(e.exmpt_desc ?? '')] as [string, string])]} />
      </div>
      <TimelineChart timeline={timeline} />
      <TimelineTable timeline={timeline} />
      {parcel.protests.length > 0 && (
        <p className="muted">
          Protests: {parcel.protests.map((p) => `${formatCell(p.year)} case ${formatCell(p.case_id)} (${formatCell(p.status_desc ?? p.prot_status)})`).join('; ')}
        </p>
      )}
      <button type="button" className="small" onClick={() => navigate('parcel')}>
        Close parcel
      </button>
    </article>
  );
}

function Facts({ title, rows }: { title: string; rows: [string, string][] }) {
  return (
    <section>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="muted">None</p>
      ) : (
        <dl className="facts">
          {rows.map(([k, v], i) => (
            <div key={i} className="fact-row">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function TimelineChart({ timeline }: { timeline: Timeline }) {
  const official = timeline.values.filter((v) => v.official === true);
  const series = (name: string, field: string, className: string): Series => ({
    name,
    className,
    points: official.filter((v) => typeof v[field] === 'number').map((v) => ({ x: Number(v.year), y: Number(v[field]) })),
  });
  return <LineChart title="Official value by year" series={[series('Market', 'market', 's1'), series('Appraised', 'appraised_val', 's2'), series('Assessed', 'assessed_val', 's3')]} />;
}

function TimelineTable({ timeline }: { timeline: Timeline }) {
  return (
    <table className="table compact" aria-label="Value layers by year">
      <thead>
        <tr>
          <th scope="col">Year</th>
          <th scope="col">Supplement</th>
          <th scope="col">Layer</th>
          <th scope="col" className="num">Market</th>
          <th scope="col" className="num">Appraised</th>
          <th scope="col" className="num">Assessed</th>
        </tr>
      </thead>
      <tbody>
        {timeline.values.map((v) => (
          <tr key={`${formatCell(v.year)}-${formatCell(v.sup_num)}`} className={v.official ? undefined : 'muted'}>
            <td>{formatCell(v.year)}</td>
            <td>
              {formatCell(v.sup_num)} {v.sup_action ? `(${formatCell(v.sup_action)})` : ''}
            </td>
            <td>{typeof v.layer_status === 'string' ? v.layer_status.replace('_', ' ') : v.official ? 'official' : 'supplement'}</td>
            <td className="num">{formatMoney(v.market)}</td>
            <td className="num">{formatMoney(v.appraised_val)}</td>
            <td className="num">{formatMoney(v.assessed_val)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
