export { createMetrics, METRIC_LABELS, type MetricLabel } from './create-metrics.ts';
export type { Registry } from 'prom-client';
