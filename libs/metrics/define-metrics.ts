/**
 * Registers a group of declared metrics on the registry passed in and returns them typed by their
 * labels. Idempotent per registry: asking twice for the same metric (two components of one service
 * both calling consumerMetrics(registry)) returns the metric registered first, never throws.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { BUCKETS } from './buckets.ts';
import type { MetricSpec, MetricSpecs } from './metric-spec.ts';

type LabelsOf<S> = S extends { labels: readonly (infer L extends string)[] } ? L : never;

export type MetricOf<S> = S extends { type: 'counter' }
  ? Counter<LabelsOf<S>>
  : S extends { type: 'gauge' }
    ? Gauge<LabelsOf<S>>
    : S extends { type: 'histogram' }
      ? Histogram<LabelsOf<S>>
      : never;

export type MetricsOf<T extends MetricSpecs> = { [K in keyof T]: MetricOf<T[K]> };

export interface DefineOptions {
  /** Runs before each metric of the group is read on a scrape (e.g. refresh from a cached source). */
  collect?: () => Promise<void> | void;
}

export function defineMetrics<T extends MetricSpecs>(
  registry: Registry,
  specs: T,
  options: DefineOptions = {},
): MetricsOf<T> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    out[key] = registry.getSingleMetric(spec.name) ?? create(registry, spec, options);
  }
  return out as MetricsOf<T>;
}

function create(registry: Registry, spec: MetricSpec, options: DefineOptions): Counter | Gauge | Histogram {
  const { collect } = options;
  const base = {
    name: spec.name,
    help: spec.help,
    labelNames: [...spec.labels],
    registers: [registry],
    ...(collect ? { collect: async () => collect() } : {}),
  };
  switch (spec.type) {
    case 'counter':
      return new Counter(base);
    case 'gauge':
      return new Gauge(base);
    case 'histogram':
      return new Histogram({ ...base, buckets: [...(spec.buckets ?? BUCKETS.fast)] });
  }
}
