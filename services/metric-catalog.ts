/**
 * Every metric the product declares, in one list: what docs/metrics.md documents and what dashboards
 * and alert rules may reference (deploy/tools/metrics/ checks both). Specs shared by several services
 * live in libs/metrics/, the others in their service's metrics.ts; this file sits beside
 * service-configs.ts, the same kind of list for config. Process and Node
 * default metrics of prom-client are taken from prom-client itself.
 */
import { collectDefaultMetrics, Registry } from 'prom-client';
import { BUILD_INFO_METRICS } from '../libs/metrics/build-info-metrics.ts';
import { CONSUMER_METRICS } from '../libs/metrics/consumer-metrics.ts';
import { COOKIE_METRICS } from './cookie-delivery/metrics.ts';
import { DELIVERY_METRICS } from '../libs/metrics/delivery-metrics.ts';
import { EXPORT_METRICS } from '../libs/metrics/export-metrics.ts';
import { KAFKA_CLIENT_METRICS } from '../libs/metrics/kafka-client-metrics.ts';
import { LAG_METRICS } from './lag-exporter/metrics.ts';
import type { MetricSpec } from '../libs/metrics/metric-spec.ts';
import { ROUTER_METRICS } from './router/metrics.ts';

export const METRIC_GROUPS: Record<string, Record<string, MetricSpec>> = {
  consumerMetrics: CONSUMER_METRICS,
  routerMetrics: ROUTER_METRICS,
  deliveryMetrics: DELIVERY_METRICS,
  cookieMetrics: COOKIE_METRICS,
  exportMetrics: EXPORT_METRICS,
  kafkaClientMetrics: KAFKA_CLIENT_METRICS,
  lagMetrics: LAG_METRICS,
  buildInfoMetrics: BUILD_INFO_METRICS,
};

export const METRIC_CATALOG: MetricSpec[] = Object.values(METRIC_GROUPS).flatMap((group) =>
  Object.values(group),
);

let defaults: Set<string> | undefined;

/** Series of prom-client's default process and Node.js metrics (collectDefaultMetrics), as exposed. */
export function defaultSeriesNames(): Set<string> {
  if (!defaults) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    defaults = new Set(
      registry.getMetricsAsArray().flatMap((metric) => {
        const { name, type } = metric as unknown as { name: string; type: string };
        return type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name];
      }),
    );
  }
  return defaults;
}

/** Series names a metric exposes: histograms add _bucket, _sum and _count. */
export function seriesNames(spec: MetricSpec): string[] {
  return spec.type === 'histogram'
    ? [`${spec.name}_bucket`, `${spec.name}_sum`, `${spec.name}_count`]
    : [spec.name];
}

/** True when a series name (as used in PromQL) belongs to a declared or default metric. */
export function isCatalogSeries(series: string): boolean {
  if (series === 'up') return true;
  if (defaultSeriesNames().has(series)) return true;
  return METRIC_CATALOG.some((spec) => seriesNames(spec).includes(series));
}
