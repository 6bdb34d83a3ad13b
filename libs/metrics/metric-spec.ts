/**
 * The declaration of one metric in the catalog: name (with its unit), type, help text, labels (only
 * from METRIC_LABELS) and histogram buckets. Every factory in this folder builds its metrics from
 * these declarations (`{...} as const satisfies MetricSpecs`), so the catalog, docs/metrics.md and
 * the dashboard/alert checks share one source.
 */
import type { MetricLabel } from './create-metrics.ts';

export type MetricType = 'counter' | 'gauge' | 'histogram';

export interface MetricSpec {
  name: string;
  type: MetricType;
  help: string;
  labels: readonly MetricLabel[];
  buckets?: readonly number[];
}

export type MetricSpecs = Record<string, MetricSpec>;
