import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { deliveryMetrics, exportMetrics, parseExposition } from '../../libs/metrics/index.ts';
import { deliveryStats } from './delivery-stats.ts';

async function samplesOf(fill: (r: Registry) => void) {
  const registry = new Registry();
  fill(registry);
  return parseExposition(await registry.metrics());
}

describe('deliveryStats', () => {
  it('sums delivery counters, latency buckets and export figures per destination over instances', async () => {
    const instance = (sent: number) =>
      samplesOf((registry) => {
        const d = deliveryMetrics(registry);
        const labels = { destination_type: 'url', destination_id: '7' };
        d.sent.inc(labels, sent);
        d.attempts.inc({ ...labels, outcome: 'succeeded', status_class: '2xx' }, sent - 1);
        d.attempts.inc({ ...labels, outcome: 'retried', status_class: '5xx' }, 2);
        d.attempts.inc({ ...labels, outcome: 'given_up', status_class: 'timeout' }, 1);
        d.latency.observe(labels, 0.3);
        d.setCircuitState('url', '7', sent > 5 ? 'open' : 'closed');
        const e = exportMetrics(registry);
        e.runs.inc({ destination_id: '8', mode: 'full', outcome: 'succeeded' });
        e.runs.inc({ destination_id: '8', mode: 'full', outcome: 'failed' });
        e.lastSuccess.set({ destination_id: '8', mode: 'full' }, 1_800_000_000 + sent);
      });
    const stats = deliveryStats([...(await instance(3)), ...(await instance(10))]);
    const d = stats['7']?.delivery;
    expect(d).toMatchObject({
      type: 'url',
      sent: 13,
      succeeded: 11,
      retried: 4,
      failed: 2,
      byStatusClass: { '2xx': 11, '5xx': 4, timeout: 2 },
      circuitState: 2,
    });
    expect(d?.latency.count).toBe(2);
    expect(d?.latency.sumSeconds).toBeCloseTo(0.6);
    expect(d?.latency.buckets.at(-1)).toEqual({ le: null, count: 2 });
    expect(stats['8']?.exports).toEqual([
      {
        mode: 'full',
        runsSucceeded: 2,
        runsFailed: 2,
        rows: 0,
        bytes: 0,
        lastSuccessAt: new Date((1_800_000_000 + 10) * 1000).toISOString(),
        nextDueAt: null,
      },
    ]);
  });

  it('ignores samples without a destination', () => {
    expect(deliveryStats([{ name: 'process_cpu_seconds_total', labels: {}, value: 1 }])).toEqual({});
  });
});
