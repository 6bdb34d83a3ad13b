/**
 * url-delivery metrics: the shared delivery metrics (libs/metrics/delivery-metrics.ts) with
 * destination_type="url", plus the consumer loop metrics. Per destination: requests sent, attempts by
 * outcome (succeeded | retried | given_up) and status class, event-to-partner-response latency
 * (seconds, histogram), request duration, circuit state, requests in flight.
 * Counters are tallied in plain arrays per destination and added to prom-client when the metrics
 * are read (a scrape): prom-client hashes the label set on every call, which per pixel call was a
 * visible share of the service's CPU. Histograms are observed per call, with one label object per
 * destination.
 */
import {
  consumerMetrics,
  deliveryMetrics,
  onCollect,
  type Registry,
  type StatusClass,
} from '../../libs/metrics/index.ts';
import {
  statusClassOf,
  type CircuitState,
  type GateRefusal,
  type HttpOutcome,
} from '../../libs/http-delivery/index.ts';

const TYPE = 'url';
const OUTCOMES = ['succeeded', 'retried', 'given_up'] as const;
const STATUS_CLASSES: StatusClass[] = ['2xx', '3xx', '4xx', '5xx', 'timeout', 'network', 'refused'];

export type AttemptOutcome = (typeof OUTCOMES)[number];
export type UrlDeliveryMetrics = ReturnType<typeof createUrlDeliveryMetrics>;

export function createUrlDeliveryMetrics(registry: Registry) {
  const d = deliveryMetrics(registry);
  const consumer = consumerMetrics(registry);
  const labelCache = new Map<number, { destination_type: string; destination_id: string }>();
  const labels = (destinationId: number) => {
    let cached = labelCache.get(destinationId);
    if (!cached) {
      cached = { destination_type: TYPE, destination_id: String(destinationId) };
      labelCache.set(destinationId, cached);
    }
    return cached;
  };
  // Per destination: [requests sent, then one slot per (outcome, status class)], since the last read.
  const counts = new Map<number, number[]>();
  const slots = (id: number) => {
    let row = counts.get(id);
    if (!row) {
      row = new Array<number>(1 + OUTCOMES.length * STATUS_CLASSES.length).fill(0);
      counts.set(id, row);
    }
    return row;
  };
  const flush = () => {
    for (const [id, row] of counts) {
      if (row[0]! > 0) d.sent.inc(labels(id), row[0]);
      for (let slot = 1; slot < row.length; slot += 1) {
        if (row[slot] === 0) continue;
        const outcome = OUTCOMES[Math.floor((slot - 1) / STATUS_CLASSES.length)]!;
        const status_class = STATUS_CLASSES[(slot - 1) % STATUS_CLASSES.length]!;
        d.attempts.inc({ ...labels(id), outcome, status_class }, row[slot]);
      }
    }
    counts.clear();
  };
  onCollect(d.sent, flush);
  onCollect(d.attempts, flush);
  return {
    consumer,
    sent(destinationId: number): void {
      slots(destinationId)[0]! += 1;
    },
    attempt(destinationId: number, outcome: AttemptOutcome, result: HttpOutcome | GateRefusal): void {
      const status = statusClassOf(result);
      const slot = 1 + OUTCOMES.indexOf(outcome) * STATUS_CLASSES.length + STATUS_CLASSES.indexOf(status);
      slots(destinationId)[slot]! += 1;
    },
    requestDone(destinationId: number, outcome: HttpOutcome): void {
      d.requestDuration.observe(labels(destinationId), outcome.durationMs / 1000);
    },
    delivered(destinationId: number, eventTime: number, nowMs: number): void {
      d.latency.observe(labels(destinationId), Math.max(0, nowMs - eventTime) / 1000);
    },
    circuit(destinationId: number, state: CircuitState): void {
      d.setCircuitState(TYPE, String(destinationId), state);
    },
    sampleInFlight(read: () => Iterable<[destinationId: number, inFlight: number]>): void {
      d.sampleInFlight(TYPE, read);
    },
  };
}
