import { describe, expect, it } from 'vitest';
import { createMetrics } from './create-metrics.ts';
import { deliveryMetrics } from './delivery-metrics.ts';
import { parseExposition, sampleValue } from './parse-exposition.ts';
import { statusClass } from './status-class.ts';

describe('deliveryMetrics', () => {
  it('exposes attempts by outcome and the circuit state as a number', async () => {
    const registry = createMetrics('url-delivery');
    const m = deliveryMetrics(registry);
    const labels = { destination_type: 'url', destination_id: '42' };
    m.sent.inc(labels);
    m.attempts.inc({ ...labels, outcome: 'retried', status_class: statusClass(503) });
    m.setCircuitState('url', '42', 'open');
    const s = parseExposition(await registry.metrics());
    expect(
      sampleValue(s, 'segdest_delivery_attempts_total', {
        ...labels,
        outcome: 'retried',
        status_class: '5xx',
      }),
    ).toBe(1);
    expect(sampleValue(s, 'segdest_delivery_circuit_state', labels)).toBe(2);
    expect(
      sampleValue(s, 'segdest_delivery_requests_sent_total', { ...labels, service: 'url-delivery' }),
    ).toBe(1);
  });
});

describe('statusClass', () => {
  it('maps statuses to families and keeps timeout/network', () => {
    expect(statusClass(200)).toBe('2xx');
    expect(statusClass(429)).toBe('4xx');
    expect(statusClass(599)).toBe('5xx');
    expect(statusClass(0)).toBe('network');
    expect(statusClass('timeout')).toBe('timeout');
  });
});
