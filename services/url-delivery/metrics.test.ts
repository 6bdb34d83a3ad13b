import { describe, expect, it } from 'vitest';
import { createMetrics, parseExposition, sampleValue } from '../../libs/metrics/index.ts';
import type { HttpOutcome } from '../../libs/http-delivery/index.ts';
import { createUrlDeliveryMetrics } from './metrics.ts';

const outcome = (status: number | null, failure: HttpOutcome['failure'] = null): HttpOutcome => ({
  status,
  failure,
  retryAfter: null,
  detail: '',
  durationMs: 3,
});

describe('createUrlDeliveryMetrics', () => {
  it('adds the tallied counters to the registry when read, once, and samples in-flight requests', async () => {
    const registry = createMetrics('url-delivery');
    const m = createUrlDeliveryMetrics(registry);
    for (let i = 0; i < 3; i += 1) {
      m.sent(7);
      m.attempt(7, 'succeeded', outcome(204));
    }
    m.sent(7);
    m.attempt(7, 'retried', outcome(null, 'timeout'));
    m.attempt(8, 'retried', 'circuit_open');
    m.sent(9);
    m.attempt(9, 'given_up', outcome(404));
    const dest = (id: number) => ({ destination_type: 'url', destination_id: String(id) });

    m.sampleInFlight(() => [[7, 5]]);
    const first = parseExposition(await registry.metrics());
    expect(sampleValue(first, 'segdest_delivery_requests_sent_total', dest(7))).toBe(4);
    // A second read must not add the same tallies again.
    const s = parseExposition(await registry.metrics());
    const attempts = (id: number, outcome: string, status_class: string) =>
      sampleValue(s, 'segdest_delivery_attempts_total', { ...dest(id), outcome, status_class });
    expect(sampleValue(s, 'segdest_delivery_requests_sent_total', dest(7))).toBe(4);
    expect(attempts(7, 'succeeded', '2xx')).toBe(3);
    expect(attempts(7, 'retried', 'timeout')).toBe(1);
    expect(attempts(8, 'retried', 'refused')).toBe(1);
    expect(attempts(9, 'given_up', '4xx')).toBe(1);
    expect(sampleValue(s, 'segdest_delivery_requests_sent_total', dest(8))).toBeUndefined();
    expect(sampleValue(s, 'segdest_delivery_in_flight_requests', dest(7))).toBe(5);
  });
});
