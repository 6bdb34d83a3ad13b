/**
 * Every metric the product declares, in one list: what docs/metrics.md documents and what dashboards
 * and alert rules may reference (checked by deploy/metric-references.test.ts). Process and Node
 * default metrics of prom-client are listed by prefix only.
 */
import { CONSUMER_METRICS } from './consumer-metrics.ts';
import { DELIVERY_METRICS } from './delivery-metrics.ts';
import { EXPORT_METRICS } from './export-metrics.ts';
import { KAFKA_CLIENT_METRICS } from './kafka-client-metrics.ts';
import { LAG_METRICS } from './lag-metrics.ts';
import type { MetricSpec } from './metric-spec.ts';
import { ROUTER_METRICS } from './router-metrics.ts';

export const METRIC_GROUPS: Record<string, Record<string, MetricSpec>> = {
  consumerMetrics: CONSUMER_METRICS,
  routerMetrics: ROUTER_METRICS,
  deliveryMetrics: DELIVERY_METRICS,
  exportMetrics: EXPORT_METRICS,
  kafkaClientMetrics: KAFKA_CLIENT_METRICS,
  lagMetrics: LAG_METRICS,
};

export const METRIC_CATALOG: MetricSpec[] = Object.values(METRIC_GROUPS).flatMap((group) =>
  Object.values(group),
);

/** prom-client default metrics (collectDefaultMetrics) start with one of these. */
export const DEFAULT_METRIC_PREFIXES = ['process_', 'nodejs_'] as const;

/** Series names a metric exposes: histograms add _bucket, _sum and _count. */
export function seriesNames(spec: MetricSpec): string[] {
  return spec.type === 'histogram'
    ? [`${spec.name}_bucket`, `${spec.name}_sum`, `${spec.name}_count`]
    : [spec.name];
}

/** True when a series name (as used in PromQL) belongs to a declared or default metric. */
export function isCatalogSeries(series: string): boolean {
  if (series === 'up') return true;
  if (DEFAULT_METRIC_PREFIXES.some((prefix) => series.startsWith(prefix))) return true;
  return METRIC_CATALOG.some((spec) => seriesNames(spec).includes(series));
}
