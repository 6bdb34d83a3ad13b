export { createMetrics, METRIC_LABELS, type MetricLabel } from './create-metrics.ts';
export type { Registry } from 'prom-client';
export type { MetricSpec, MetricSpecs, MetricType } from './metric-spec.ts';
export { defineMetrics, type MetricsOf, type DefineOptions } from './define-metrics.ts';
export { BUCKETS } from './buckets.ts';
export { consumerMetrics, CONSUMER_METRICS, type ConsumerHooks } from './consumer-metrics.ts';
export {
  deliveryMetrics,
  DELIVERY_METRICS,
  CIRCUIT_STATE,
  type CircuitState,
  type DeliveryOutcome,
} from './delivery-metrics.ts';
export { statusClass, type StatusClass } from './status-class.ts';
export { exportMetrics, EXPORT_METRICS } from './export-metrics.ts';
export { buildInfoMetrics, BUILD_INFO_METRICS } from './build-info-metrics.ts';
export { kafkaClientMetrics, KAFKA_CLIENT_METRICS } from './kafka-client-metrics.ts';
export { parseExposition, sampleValue, type Sample } from './parse-exposition.ts';
export { onCollect } from './on-collect.ts';
