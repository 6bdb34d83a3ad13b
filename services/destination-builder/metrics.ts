/** Metrics of the destination builder: config writes by outcome and the size of the config. */
import { defineMetrics, type MetricSpecs, type MetricsOf, type Registry } from '../../libs/metrics/index.ts';

export const BUILDER_METRICS = {
  writes: {
    name: 'segdest_builder_writes_total',
    type: 'counter',
    help: 'Configuration write requests by outcome (committed, rejected = 4xx, failed = 5xx).',
    labels: ['outcome'],
  },
  destinations: {
    name: 'segdest_builder_destinations',
    type: 'gauge',
    help: 'Destinations in the live configuration.',
    labels: [],
  },
} as const satisfies MetricSpecs;

export function createBuilderMetrics(
  registry: Registry,
  destinationCount: () => number,
): MetricsOf<typeof BUILDER_METRICS> {
  const metrics: MetricsOf<typeof BUILDER_METRICS> = defineMetrics(registry, BUILDER_METRICS, {
    collect: () => {
      metrics.destinations.set(destinationCount());
    },
  });
  return metrics;
}
