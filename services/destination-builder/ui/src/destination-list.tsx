/**
 * The destinations list: name, type, status, platform, mapped segments (live / all), last export
 * and last change, with search and filters kept in the URL. The API has no per-destination "last
 * delivery" time; the last successful batch export comes from the exporter's metrics through
 * GET /v1/delivery-stats when the builder is configured to read them.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { Api } from './api-client.ts';
import type { DeliveryStats, DestinationPage } from './api-types.ts';
import { TYPE_NAME, dateTime, mappingState } from './display.ts';
import { navigate } from './use-route.ts';

const PAGE = 50;

function lastExport(stats: DeliveryStats | null, id: number): string | null {
  const exports = stats?.destinations[String(id)]?.exports ?? [];
  return exports
    .map((e) => e.lastSuccessAt)
    .reduce<string | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);
}

export function DestinationList({ api, query }: { api: Api; query: URLSearchParams }) {
  const [page, setPage] = useState<DestinationPage | null>(null);
  const [stats, setStats] = useState<DeliveryStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [q, setQ] = useState(query.get('q') ?? '');
  const [type, setType] = useState(query.get('type') ?? '');
  const [status, setStatus] = useState(query.get('status') ?? '');
  const [segment, setSegment] = useState(query.get('segment') ?? '');
  const offset = Number(query.get('offset') ?? 0);
  const key = query.toString();

  useEffect(() => {
    let cancelled = false;
    const params: Record<string, string> = { limit: String(PAGE), offset: String(offset) };
    for (const [name, value] of [
      ['q', query.get('q')],
      ['type', query.get('type')],
      ['status', query.get('status')],
      ['containsSegment', query.get('segment')],
    ] as const) {
      if (value) params[name] = value;
    }
    api.listDestinations(params).then(
      ({ data }) => {
        if (!cancelled) {
          setPage(data);
          setError(null);
        }
      },
      (e: Error) => !cancelled && setError(e.message),
    );
    api.deliveryStats().then(
      ({ data }) => !cancelled && setStats(data),
      () => !cancelled && setStats(null),
    );
    return () => {
      cancelled = true;
    };
  }, [api, key]);

  const apply = (event: FormEvent, nextOffset = 0) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (q.trim()) next.set('q', q.trim());
    if (type) next.set('type', type);
    if (status) next.set('status', status);
    if (segment.trim()) next.set('segment', segment.trim());
    if (nextOffset > 0) next.set('offset', String(nextOffset));
    navigate(`#/?${next.toString()}`);
  };

  return (
    <>
      <h1>Destinations</h1>
      <form className="filters" onSubmit={apply} role="search" aria-label="Filter destinations">
        <div className="field">
          <label htmlFor="filter-q">Name contains</label>
          <input id="filter-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="filter-type">Type</label>
          <select id="filter-type" value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">Any</option>
            <option value="URL">URL</option>
            <option value="COOKIE">Cookie</option>
            <option value="S2S">Server-to-server</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Any</option>
            <option value="ACTIVE">Active</option>
            <option value="PAUSED">Paused</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-segment">Maps segment id</label>
          <input
            id="filter-segment"
            inputMode="numeric"
            value={segment}
            onChange={(e) => setSegment(e.target.value)}
          />
        </div>
        <button type="submit">Apply filters</button>
      </form>
      {error ? (
        <p className="error-box" role="alert">
          Could not load the destinations: {error}
        </p>
      ) : null}
      {page === null && !error ? <p role="status">Loading…</p> : null}
      {page !== null ? (
        <>
          <p role="status" className="count">
            {page.total} destination{page.total === 1 ? '' : 's'}
            {page.total > PAGE ? `, showing ${offset + 1}-${Math.min(offset + PAGE, page.total)}` : ''}
          </p>
          <table className="list">
            <caption className="visually-hidden">Destinations</caption>
            <thead>
              <tr>
                <th scope="col">Id</th>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col">Platform</th>
                <th scope="col">Mapped segments (live / all)</th>
                <th scope="col">Last export</th>
                <th scope="col">Last changed</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((d) => (
                <tr key={d.id}>
                  <td>{d.id}</td>
                  <td>
                    <a href={`#/destinations/${d.id}`}>{d.name}</a>
                  </td>
                  <td>{TYPE_NAME[d.type]}</td>
                  <td>
                    <span className={`badge ${d.status.toLowerCase()}`}>
                      {d.status === 'ACTIVE' ? 'Active' : 'Paused'}
                    </span>
                  </td>
                  <td>{d.platform}</td>
                  <td>
                    {d.mappings.filter((m) => mappingState(m) === 'live').length} / {d.mappings.length}
                  </td>
                  <td>{d.type === 'S2S' ? dateTime(lastExport(stats, d.id)) : 'n/a'}</td>
                  <td>
                    {dateTime(d.updatedAt)} <span className="muted">by {d.updatedBy}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {page.items.length === 0 ? <p>No destination matches these filters.</p> : null}
          <div className="pager">
            {offset > 0 ? (
              <button type="button" onClick={(e) => apply(e, Math.max(0, offset - PAGE))}>
                Previous page
              </button>
            ) : null}
            {offset + PAGE < page.total ? (
              <button type="button" onClick={(e) => apply(e, offset + PAGE)}>
                Next page
              </button>
            ) : null}
          </div>
          <p className="hint">
            Last export: the last successful batch export, read from the exporter’s metrics
            {stats?.available ? '' : ' (not available: the builder reads no delivery metrics right now)'}. The
            API has no per-destination last-delivery time for real-time deliveries; see each destination’s
            Delivery tab for its counts.
          </p>
        </>
      ) : null}
    </>
  );
}
