/**
 * Per-destination delivery and export figures for the UI, from the Prometheus samples of the
 * delivery services (libs/metrics: DELIVERY_METRICS, EXPORT_METRICS), summed over every instance
 * read. Pure: reading the /metrics endpoints is read-metrics-sources.ts. Counters are totals since
 * each instance started; "failed" is the attempts the classifier gave up on.
 */
import { DELIVERY_METRICS, EXPORT_METRICS, type Sample } from '../../libs/metrics/index.ts';

export interface LatencyBucket {
  /** Upper bound in seconds; null for +Inf (JSON has no Infinity). */
  le: number | null;
  count: number;
}

export interface DeliveryFigures {
  type: string | null;
  sent: number;
  succeeded: number;
  retried: number;
  failed: number;
  byStatusClass: Record<string, number>;
  latency: { count: number; sumSeconds: number; buckets: LatencyBucket[] };
  circuitState: number | null;
}

export interface ExportFigures {
  mode: string;
  runsSucceeded: number;
  runsFailed: number;
  rows: number;
  bytes: number;
  /** ISO time of the last successful export, null when none since the exporter started. */
  lastSuccessAt: string | null;
  nextDueAt: string | null;
}

export interface DestinationFigures {
  delivery: DeliveryFigures;
  exports: ExportFigures[];
}

const D = DELIVERY_METRICS;
const E = EXPORT_METRICS;

function emptyDelivery(): DeliveryFigures {
  return {
    type: null,
    sent: 0,
    succeeded: 0,
    retried: 0,
    failed: 0,
    byStatusClass: {},
    latency: { count: 0, sumSeconds: 0, buckets: [] },
    circuitState: null,
  };
}

function emptyExport(mode: string): ExportFigures {
  return { mode, runsSucceeded: 0, runsFailed: 0, rows: 0, bytes: 0, lastSuccessAt: null, nextDueAt: null };
}

const iso = (seconds: number) => (seconds > 0 ? new Date(seconds * 1000).toISOString() : null);

export function deliveryStats(samples: readonly Sample[]): Record<string, DestinationFigures> {
  const out: Record<string, DestinationFigures> = {};
  const buckets = new Map<string, Map<number, number>>();
  const of = (id: string) => (out[id] ??= { delivery: emptyDelivery(), exports: [] });
  const exportOf = (id: string, mode: string) => {
    const figures = of(id);
    let found = figures.exports.find((e) => e.mode === mode);
    if (!found) figures.exports.push((found = emptyExport(mode)));
    return found;
  };
  for (const s of samples) {
    const id = s.labels.destination_id;
    if (id === undefined || !Number.isFinite(s.value)) continue;
    const d = () => {
      const delivery = of(id).delivery;
      delivery.type ??= s.labels.destination_type ?? null;
      return delivery;
    };
    const mode = s.labels.mode ?? 'unknown';
    switch (s.name) {
      case D.sent.name:
        d().sent += s.value;
        break;
      case D.attempts.name: {
        const delivery = d();
        if (s.labels.outcome === 'succeeded') delivery.succeeded += s.value;
        if (s.labels.outcome === 'retried') delivery.retried += s.value;
        if (s.labels.outcome === 'given_up') delivery.failed += s.value;
        const cls = s.labels.status_class ?? 'unknown';
        delivery.byStatusClass[cls] = (delivery.byStatusClass[cls] ?? 0) + s.value;
        break;
      }
      case `${D.latency.name}_count`:
        d().latency.count += s.value;
        break;
      case `${D.latency.name}_sum`:
        d().latency.sumSeconds += s.value;
        break;
      case `${D.latency.name}_bucket`: {
        d();
        const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
        const byLe = buckets.get(id) ?? new Map<number, number>();
        byLe.set(le, (byLe.get(le) ?? 0) + s.value);
        buckets.set(id, byLe);
        break;
      }
      case D.circuitState.name:
        d().circuitState = Math.max(d().circuitState ?? 0, s.value);
        break;
      case E.runs.name: {
        const e = exportOf(id, mode);
        if (s.labels.outcome === 'succeeded') e.runsSucceeded += s.value;
        else e.runsFailed += s.value;
        break;
      }
      case E.rows.name:
        exportOf(id, mode).rows += s.value;
        break;
      case E.bytes.name:
        exportOf(id, mode).bytes += s.value;
        break;
      case E.lastSuccess.name: {
        const e = exportOf(id, mode);
        const at = iso(s.value);
        if (at !== null && (e.lastSuccessAt === null || at > e.lastSuccessAt)) e.lastSuccessAt = at;
        break;
      }
      case E.nextDue.name: {
        const e = exportOf(id, mode);
        const at = iso(s.value);
        if (at !== null && (e.nextDueAt === null || at < e.nextDueAt)) e.nextDueAt = at;
        break;
      }
    }
  }
  for (const [id, byLe] of buckets) {
    (out[id] as DestinationFigures).delivery.latency.buckets = [...byLe]
      .sort(([a], [b]) => a - b)
      .map(([le, count]) => ({ le: Number.isFinite(le) ? le : null, count }));
  }
  return out;
}
