/**
 * Delivery figures of one destination from GET /v1/delivery-stats (the builder reads the delivery
 * services' /metrics): requests sent, attempts succeeded / retried / failed (given up), latency
 * histogram, HTTP status classes, circuit state, and the batch exports per mode. Counters are
 * totals since each service started; the "per poll" chart shows increases while this page is open.
 * Without configured or reachable metrics it says so and shows nothing else.
 */
import { useEffect, useRef, useState } from 'react';
import type { Api } from './api-client.ts';
import type { DeliveryStats, Destination } from './api-types.ts';
import { BarChart, Histogram, LineChart } from './charts.tsx';
import { dateTime } from './display.ts';
import { ExportRuns } from './export-runs.tsx';

const POLL_MS = 10_000;
const CIRCUIT = ['closed', 'half-open', 'open'];

interface Point {
  sent: number;
  retried: number;
  failed: number;
}

function bucketLabel(le: number | null) {
  if (le === null) return '+∞';
  return le < 1 ? `${Math.round(le * 1000)}ms` : `${le}s`;
}

export function DeliveryPanel({ api, destination: d }: { api: Api; destination: Destination }) {
  const [stats, setStats] = useState<DeliveryStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const history = useRef<Point[]>([]);
  const [, setTick] = useState(0);

  useEffect(() => {
    let cancelled = false;
    const read = () =>
      api.deliveryStats().then(
        ({ data }) => {
          if (cancelled) return;
          const f = data.destinations[String(d.id)]?.delivery;
          if (f)
            history.current = [
              ...history.current,
              { sent: f.sent, retried: f.retried, failed: f.failed },
            ].slice(-60);
          setStats(data);
          setError(null);
          setTick((t) => t + 1);
        },
        (e: Error) => !cancelled && setError(e.message),
      );
    void read();
    const timer = setInterval(() => void read(), POLL_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [api, d.id]);

  if (error)
    return (
      <p className="error-box" role="alert">
        Could not read delivery figures: {error}
      </p>
    );
  if (stats === null) return <p role="status">Reading delivery figures…</p>;
  const sources = (
    <p className="hint">
      Read at {dateTime(stats.readAt)} from{' '}
      {stats.sources.length === 0
        ? 'no source (set DELIVERY_METRICS_URLS on the builder)'
        : stats.sources.map((s) => `${s.url} ${s.ok ? '(ok)' : `(${s.error ?? 'failed'})`}`).join(', ')}
      .
    </p>
  );
  if (!stats.available) {
    return (
      <section className="panel" aria-labelledby="delivery-title">
        <h2 id="delivery-title">Delivery</h2>
        <p role="status">
          Delivery figures are not available: the builder reads no delivery service metrics right now.
        </p>
        {sources}
        {d.type === 'S2S' && d.s2s?.batch ? (
          <>
            <h3>Export history</h3>
            <ExportRuns api={api} id={d.id} />
          </>
        ) : null}
      </section>
    );
  }
  const figures = stats.destinations[String(d.id)];
  const f = figures?.delivery;
  const increments = history.current.slice(1).map((p, i) => {
    const prev = history.current[i] as Point;
    return { sent: p.sent - prev.sent, retried: p.retried - prev.retried, failed: p.failed - prev.failed };
  });
  let cumulative = 0;
  const perBucket = (f?.latency.buckets ?? []).map((b) => {
    const count = b.count - cumulative;
    cumulative = b.count;
    return { label: bucketLabel(b.le), count };
  });
  // Only the range that holds observations, with one empty bucket on each side for context.
  const first = perBucket.findIndex((b) => b.count > 0);
  const last = perBucket.length - 1 - [...perBucket].reverse().findIndex((b) => b.count > 0);
  const histogram =
    first < 0 ? [] : perBucket.slice(Math.max(0, first - 1), Math.min(perBucket.length, last + 2));
  return (
    <section className="panel" aria-labelledby="delivery-title">
      <h2 id="delivery-title">Delivery</h2>
      {sources}
      {!f || (f.sent === 0 && f.succeeded === 0 && f.failed === 0 && f.latency.count === 0) ? (
        <p role="status">No delivery recorded for this destination since the delivery services started.</p>
      ) : (
        <div className="charts">
          <BarChart
            title="Deliveries since the services started"
            bars={[
              { label: 'sent', value: f.sent, tone: 'info' },
              { label: 'succeeded', value: f.succeeded, tone: 'ok' },
              { label: 'retried', value: f.retried, tone: 'warn' },
              { label: 'failed', value: f.failed, tone: 'bad' },
            ]}
          />
          <Histogram title="Latency, qualification to partner answer" buckets={histogram} unit="or less" />
          <dl className="figures">
            <dt>Mean latency</dt>
            <dd data-testid="mean-latency">
              {f.latency.count > 0
                ? `${((f.latency.sumSeconds / f.latency.count) * 1000).toFixed(0)} ms`
                : '—'}
            </dd>
            <dt>HTTP status classes</dt>
            <dd>
              {Object.entries(f.byStatusClass)
                .map(([cls, n]) => `${cls}: ${n}`)
                .join(', ') || '—'}
            </dd>
            <dt>Circuit breaker</dt>
            <dd>{f.circuitState === null ? '—' : (CIRCUIT[f.circuitState] ?? String(f.circuitState))}</dd>
          </dl>
          <LineChart
            title={`Per ${POLL_MS / 1000} s while this page is open`}
            series={[
              { label: 'sent', tone: 'info', points: increments.map((p) => p.sent) },
              { label: 'retried', tone: 'warn', points: increments.map((p) => p.retried) },
              { label: 'failed', tone: 'bad', points: increments.map((p) => p.failed) },
            ]}
            footer={increments.length === 0 ? <p className="muted">Collecting samples…</p> : null}
          />
        </div>
      )}
      <h3>Export history</h3>
      {d.type === 'S2S' && d.s2s?.batch ? <ExportRuns api={api} id={d.id} /> : null}
      <h4>Export totals</h4>
      {figures && figures.exports.length > 0 ? (
        <table className="exports">
          <thead>
            <tr>
              <th scope="col">Mode</th>
              <th scope="col">Runs succeeded</th>
              <th scope="col">Runs failed</th>
              <th scope="col">Rows</th>
              <th scope="col">Bytes</th>
              <th scope="col">Last success</th>
              <th scope="col">Next due</th>
            </tr>
          </thead>
          <tbody>
            {figures.exports.map((e) => (
              <tr key={e.mode}>
                <th scope="row">{e.mode}</th>
                <td>{e.runsSucceeded}</td>
                <td>{e.runsFailed}</td>
                <td>{e.rows}</td>
                <td>{e.bytes}</td>
                <td>{dateTime(e.lastSuccessAt)}</td>
                <td>{dateTime(e.nextDueAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>
          {d.type === 'S2S' && d.s2s?.batch
            ? 'No export run recorded since the exporter started.'
            : 'This destination has no batch export.'}
        </p>
      )}
      <p className="hint">
        Export totals are the exporter’s metrics (per mode, since it started); the run history above comes
        from the exporter’s export API.
      </p>
    </section>
  );
}
