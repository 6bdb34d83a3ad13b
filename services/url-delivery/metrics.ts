/**
 * url-delivery metrics: the shared delivery metrics (libs/metrics/delivery-metrics.ts) with
 * destination_type="url", plus the consumer loop metrics. Per destination: requests sent, attempts by
 * outcome (succeeded | retried | given_up) and status class, event-to-partner-response latency
 * (seconds, histogram), request duration, circuit state, requests in flight.
 */
import { consumerMetrics, deliveryMetrics, statusClass, type Registry } from '../../libs/metrics/index.ts';
import type { CircuitState } from '../../libs/http-delivery/index.ts';
import type { HttpOutcome } from '../../libs/http-delivery/index.ts';

const TYPE = 'url';

export type UrlDeliveryMetrics = ReturnType<typeof urlDeliveryMetrics>;

export function urlDeliveryMetrics(registry: Registry) {
  const d = deliveryMetrics(registry);
  const consumer = consumerMetrics(registry);
  const labels = (destinationId: number) => ({
    destination_type: TYPE,
    destination_id: String(destinationId),
  });
  return {
    consumer,
    sent(destinationId: number, outcome: HttpOutcome): void {
      d.sent.inc(labels(destinationId));
      d.requestDuration.observe(labels(destinationId), outcome.durationMs / 1000);
    },
    attempt(
      destinationId: number,
      outcome: 'succeeded' | 'retried' | 'given_up',
      result: HttpOutcome | 'circuit_open' | null,
    ): void {
      const status =
        result === null || result === 'circuit_open'
          ? 'network'
          : statusClass(result.status ?? (result.failure === 'timeout' ? 'timeout' : 'network'));
      d.attempts.inc({ ...labels(destinationId), outcome, status_class: status });
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
