/**
 * Metrics of the real-time delivery services (url, cookie, s2s real-time): one attempt counter with
 * its outcome and status class, latencies, circuit breaker state and requests in flight, all per
 * destination. destination_id is bounded by the number of configured destinations, never a URL.
 *
 * outcome: succeeded | retried | given_up (what the classifier decided for the attempt)
 * status_class: 2xx | 3xx | 4xx | 5xx | timeout | network
 * circuit state value: 0 closed, 1 half-open, 2 open
 */
import type { Registry } from 'prom-client';
import { BUCKETS } from './buckets.ts';
import { defineMetrics } from './define-metrics.ts';
import { onCollect } from './on-collect.ts';
import type { MetricSpecs } from './metric-spec.ts';

export const DELIVERY_METRICS = {
  sent: {
    name: 'segdest_delivery_requests_sent_total',
    type: 'counter',
    help: 'HTTP requests sent to partners (first attempts and retries).',
    labels: ['destination_type', 'destination_id'],
  },
  attempts: {
    name: 'segdest_delivery_attempts_total',
    type: 'counter',
    help: 'Finished delivery attempts by outcome (succeeded|retried|given_up) and status class.',
    labels: ['destination_type', 'destination_id', 'outcome', 'status_class'],
  },
  latency: {
    name: 'segdest_delivery_latency_seconds',
    type: 'histogram',
    help: 'Event time of the qualification to the partner response that completed the delivery.',
    labels: ['destination_type', 'destination_id'],
    buckets: BUCKETS.endToEnd,
  },
  requestDuration: {
    name: 'segdest_delivery_request_duration_seconds',
    type: 'histogram',
    help: 'Duration of one HTTP request to the partner, whatever its result.',
    labels: ['destination_type', 'destination_id'],
    buckets: BUCKETS.fast,
  },
  circuitState: {
    name: 'segdest_delivery_circuit_state',
    type: 'gauge',
    help: 'Circuit breaker per destination: 0 closed, 1 half-open, 2 open.',
    labels: ['destination_type', 'destination_id'],
  },
  inFlight: {
    name: 'segdest_delivery_in_flight_requests',
    type: 'gauge',
    help: 'HTTP requests currently waiting for a partner response.',
    labels: ['destination_type', 'destination_id'],
  },
} as const satisfies MetricSpecs;

export const CIRCUIT_STATE = { closed: 0, half_open: 1, open: 2 } as const;
export type CircuitState = keyof typeof CIRCUIT_STATE;

export type DeliveryOutcome = 'succeeded' | 'retried' | 'given_up';

export function deliveryMetrics(registry: Registry) {
  const m = defineMetrics(registry, DELIVERY_METRICS);
  return {
    ...m,
    /**
     * Requests in flight are read from the caller on each scrape instead of being set on every
     * request start and end (two label lookups per call on the hot path).
     */
    sampleInFlight(type: string, read: () => Iterable<[destinationId: number, inFlight: number]>): void {
      onCollect(m.inFlight, () => {
        for (const [id, value] of read())
          m.inFlight.set({ destination_type: type, destination_id: String(id) }, value);
      });
    },
    setCircuitState(destination_type: string, destination_id: string, state: CircuitState): void {
      m.circuitState.set({ destination_type, destination_id }, CIRCUIT_STATE[state]);
    },
  };
}
