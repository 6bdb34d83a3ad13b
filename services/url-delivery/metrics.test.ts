import { describe, expect, it } from 'vitest';
import { createMetrics, parseExposition, sampleValue } from '../../libs/metrics/index.ts';
import type { HttpOutcome } from '../../libs/http-delivery/index.ts';
import { urlDeliveryMetrics } from './metrics.ts';

const outcome = (status: number | null, failure: HttpOutcome['failure'] = null): HttpOutcome => ({
  status,
  failure,
  retryAfter: null,
  detail: '',
  durationMs: 3,
});

describe('urlDeliveryMetrics', () => {
  it('adds a chunk tally per series on flush, and samples in-flight requests at scrape', async () => {
    const registry = createMetrics('url-delivery');
    const m = urlDeliveryMetrics(registry);
    const tally = m.tally();
    for (let i = 0; i < 3; i += 1) {
      tally.sent(7);
      tally.attempt(7, 'succeeded', outcome(204));
    }
    tally.sent(7);
    tally.attempt(7, 'retried', outcome(null, 'timeout'));
    tally.attempt(8, 'retried', 'circuit_open');
    tally.sent(9);
    tally.attempt(9, 'given_up', outcome(404));
    const dest = (id: number) => ({ destination_type: 'url', destination_id: String(id) });

    const before = parseExposition(await registry.metrics());
    expect(sampleValue(before, 'segdest_delivery_requests_sent_total', dest(7))).toBeUndefined();
    tally.flush();
    tally.flush(); // a second flush adds nothing
    m.sampleInFlight(() => [[7, 5]]);
    const s = parseExposition(await registry.metrics());
    const attempts = (id: number, outcome: string, status_class: string) =>
      sampleValue(s, 'segdest_delivery_attempts_total', { ...dest(id), outcome, status_class });
    expect(sampleValue(s, 'segdest_delivery_requests_sent_total', dest(7))).toBe(4);
    expect(attempts(7, 'succeeded', '2xx')).toBe(3);
    expect(attempts(7, 'retried', 'timeout')).toBe(1);
    expect(attempts(8, 'retried', 'network')).toBe(1);
    expect(attempts(9, 'given_up', '4xx')).toBe(1);
    expect(sampleValue(s, 'segdest_delivery_requests_sent_total', dest(8))).toBeUndefined();
    expect(sampleValue(s, 'segdest_delivery_in_flight_requests', dest(7))).toBe(5);
  });
});
