import { describe, expect, it } from 'vitest';
import { promqlMetricNames } from './promql-metric-names.ts';

describe('promqlMetricNames', () => {
  it('finds metric names and skips functions, labels, ranges, keywords and variables', () => {
    expect(
      promqlMetricNames(
        'histogram_quantile(0.99, sum by (le, destination_id) (rate(segdest_delivery_latency_seconds_bucket{destination_id=~"$destination_id",x="a b"}[$__rate_interval])))',
      ),
    ).toEqual(['segdest_delivery_latency_seconds_bucket']);
    expect(
      promqlMetricNames(
        '(delta(a_offset[10m]) == 0) and on (group) (delta(b_messages[10m]) > 0) or vector(0) unless c_total offset 5m',
      ),
    ).toEqual(['a_offset', 'b_messages', 'c_total']);
    expect(
      promqlMetricNames('time() - max by (job) (segdest_lag_last_read_timestamp_seconds) > 120'),
    ).toEqual(['segdest_lag_last_read_timestamp_seconds']);
    expect(promqlMetricNames('count(x == 2) or vector(0)')).toEqual(['x']);
    expect(
      promqlMetricNames('sum(rate(foo_total[5m])) / sum without (instance) (rate(bar_total[5m]))'),
    ).toEqual(['foo_total', 'bar_total']);
  });

  it('reads Grafana label_values variables', () => {
    expect(
      promqlMetricNames(
        'label_values(segdest_router_deliveries_total{destination_type=~"$t"}, destination_id)',
      ),
    ).toEqual(['segdest_router_deliveries_total']);
    expect(promqlMetricNames('label_values(group)')).toEqual([]);
  });
});
