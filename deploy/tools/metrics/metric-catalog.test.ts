import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMetrics, METRIC_LABELS } from '../../../libs/metrics/create-metrics.ts';
import { consumerMetrics } from '../../../libs/metrics/consumer-metrics.ts';
import { cookieMetrics } from '../../../services/cookie-delivery/metrics.ts';
import { deliveryMetrics } from '../../../libs/metrics/delivery-metrics.ts';
import { exportMetrics } from '../../../libs/metrics/export-metrics.ts';
import { kafkaClientMetrics } from '../../../libs/metrics/kafka-client-metrics.ts';
import { lagMetrics } from '../../../services/lag-exporter/metrics.ts';
import { isCatalogSeries, METRIC_CATALOG } from '../../../services/metric-catalog.ts';
import { routerMetrics } from '../../../services/router/metrics.ts';

const GAUGE_UNITS = [
  '_seconds',
  '_bytes',
  '_messages',
  '_offset',
  '_state',
  '_members',
  '_requests',
  '_partitions',
  '_rows',
  '_users',
  '_connected',
  '_info',
];

function registerAll() {
  const registry = createMetrics('test');
  consumerMetrics(registry);
  routerMetrics(registry);
  deliveryMetrics(registry);
  cookieMetrics(registry);
  exportMetrics(registry);
  kafkaClientMetrics(registry);
  lagMetrics(registry);
  return registry;
}

describe('metric catalog', () => {
  it('has unique names with the product prefix', () => {
    const names = METRIC_CATALOG.map((spec) => spec.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^segdest_[a-z0-9_]+$/);
  });

  it('carries units in names: counters _total, histograms a unit, gauges a unit or noun', () => {
    for (const spec of METRIC_CATALOG) {
      if (spec.type === 'counter') expect(spec.name, spec.name).toMatch(/_total$/);
      if (spec.type === 'histogram') expect(spec.name, spec.name).toMatch(/_(seconds|bytes|records)$/);
      if (spec.type === 'gauge') {
        expect(spec.name, spec.name).not.toMatch(/_total$/);
        expect(
          GAUGE_UNITS.some((unit) => spec.name.endsWith(unit)),
          spec.name,
        ).toBe(true);
      }
    }
  });

  it('uses labels only from METRIC_LABELS and never the service label (a default label)', () => {
    for (const spec of METRIC_CATALOG) {
      for (const label of spec.labels) {
        expect(METRIC_LABELS).toContain(label);
        expect(label).not.toBe('service');
      }
    }
  });

  it('registers every factory on one registry, twice, without conflicts', async () => {
    const registry = registerAll();
    expect(() => {
      consumerMetrics(registry);
      deliveryMetrics(registry);
      lagMetrics(registry);
    }).not.toThrow();
    const registered = (await registry.getMetricsAsJSON()).map((metric) => metric.name);
    for (const spec of METRIC_CATALOG) expect(registered).toContain(spec.name);
  });

  it('returns the same metric objects for the same registry', () => {
    const registry = createMetrics('test');
    expect(routerMetrics(registry).eventsIn).toBe(routerMetrics(registry).eventsIn);
    expect(routerMetrics(createMetrics('other')).eventsIn).not.toBe(routerMetrics(registry).eventsIn);
  });

  it('knows histogram series, default metrics and up', () => {
    expect(isCatalogSeries('segdest_delivery_latency_seconds_bucket')).toBe(true);
    expect(isCatalogSeries('segdest_delivery_latency_seconds')).toBe(false);
    expect(isCatalogSeries('segdest_router_events_total')).toBe(true);
    expect(isCatalogSeries('process_cpu_seconds_total')).toBe(true);
    expect(isCatalogSeries('up')).toBe(true);
    expect(isCatalogSeries('nodejs_eventloop_lag_p99_seconds')).toBe(true);
    expect(isCatalogSeries('nodejs_gc_duration_seconds_bucket')).toBe(true);
    expect(isCatalogSeries('nodejs_made_up_seconds')).toBe(false);
    expect(isCatalogSeries('segdest_unknown_total')).toBe(false);
  });

  it('is documented row by row in docs/metrics.md', () => {
    const doc = readFileSync(new URL('../../../docs/metrics.md', import.meta.url), 'utf8');
    const rows = new Map<string, string[]>();
    for (const line of doc.split('\n')) {
      const match = /^\|\s*`(segdest_[a-z0-9_]+)`\s*\|(.*)\|\s*$/.exec(line);
      if (match?.[1] && match[2])
        rows.set(
          match[1],
          match[2].split('|').map((cell) => cell.trim()),
        );
    }
    for (const spec of METRIC_CATALOG) {
      const row = rows.get(spec.name);
      expect(row, `docs/metrics.md lacks a row for ${spec.name} (see metricsTable())`).toBeDefined();
      expect(row?.[0]).toBe(spec.type);
      const labels = spec.labels.length > 0 ? spec.labels.map((l) => `\`${l}\``).join(', ') : '-';
      expect(row?.[1], spec.name).toBe(labels);
    }
    const declared = new Set(METRIC_CATALOG.map((spec) => spec.name));
    for (const name of rows.keys()) expect(declared, `${name} documented but not declared`).toContain(name);
  });
});
