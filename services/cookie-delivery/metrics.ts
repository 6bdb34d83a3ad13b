/**
 * cookie-delivery metrics (docs/metrics.md): per destination, cookie states written (stored |
 * removed), requests rejected (by reason), segments dropped by the size cap and cookies served; the
 * latency of one edge read (histogram, by outcome hit | miss | invalid); plus the consume loop's
 * metrics (records, batches, dead letters). The specs are collected in services/metric-catalog.ts.
 *
 * outcome (written): stored | removed (no live segment left, the row is deleted)
 * reason (rejected): unknown_destination | render_failed | paused | not_cookie
 * outcome (read):    hit (at least one cookie) | miss (none applies) | invalid (400)
 */
import { consumerMetrics, defineMetrics, type MetricSpecs, type Registry } from '../../libs/metrics/index.ts';
import type { RejectReason } from './decide-cookie-request.ts';

/** Edge reads are sub-millisecond: 50 µs .. 1 s. */
const READ_BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 1] as const;

export const COOKIE_METRICS = {
  written: {
    name: 'segdest_cookie_states_written_total',
    type: 'counter',
    help: 'Cookie states written to the store per destination, outcome stored|removed.',
    labels: ['destination_id', 'outcome'],
  },
  rejected: {
    name: 'segdest_cookie_requests_rejected_total',
    type: 'counter',
    help: 'Cookie delivery requests not stored, per destination and reason.',
    labels: ['destination_id', 'reason'],
  },
  segmentsDropped: {
    name: 'segdest_cookie_segments_dropped_total',
    type: 'counter',
    help: 'Segments left out of a cookie value to respect its max size (lowest priority first).',
    labels: ['destination_id'],
  },
  served: {
    name: 'segdest_cookie_served_total',
    type: 'counter',
    help: 'Cookies returned to the edge by the read endpoint, per destination.',
    labels: ['destination_id'],
  },
  readDuration: {
    name: 'segdest_cookie_read_duration_seconds',
    type: 'histogram',
    help: 'Duration of one edge cookie read (validate, query, filter, render), outcome hit|miss|invalid.',
    labels: ['outcome'],
    buckets: READ_BUCKETS,
  },
} as const satisfies MetricSpecs;

export function cookieMetrics(registry: Registry) {
  return defineMetrics(registry, COOKIE_METRICS);
}

export type CookieDeliveryMetrics = ReturnType<typeof createCookieDeliveryMetrics>;
export type ReadOutcome = 'hit' | 'miss' | 'invalid';

export function createCookieDeliveryMetrics(registry: Registry) {
  const m = cookieMetrics(registry);
  const consumer = consumerMetrics(registry);
  return {
    consumer,
    written(destinationId: number, outcome: 'stored' | 'removed'): void {
      m.written.inc({ destination_id: String(destinationId), outcome });
    },
    rejected(destinationId: number, reason: RejectReason): void {
      m.rejected.inc({ destination_id: String(destinationId), reason });
    },
    segmentsDropped(destinationId: number, count: number): void {
      if (count > 0) m.segmentsDropped.inc({ destination_id: String(destinationId) }, count);
    },
    served(destinationId: number): void {
      m.served.inc({ destination_id: String(destinationId) });
    },
    read(outcome: ReadOutcome, seconds: number): void {
      m.readDuration.observe({ outcome }, seconds);
    },
  };
}
