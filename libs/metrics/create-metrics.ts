/**
 * The metrics registry of a service: prom-client with the default process and Node.js metrics and a
 * constant `service` label, and `segdest_build_info` (build-info-metrics.ts). Every metric of the product is registered on the registry passed in
 * (never prom-client's global one), with units in names and labels from METRIC_LABELS only.
 */
import { Registry, collectDefaultMetrics } from 'prom-client';
import { buildInfoMetrics } from './build-info-metrics.ts';

/** The only label names metrics may use (bounded cardinality: never uuids or URLs). */
export const METRIC_LABELS = [
  'service',
  'destination_id',
  'destination_type',
  'topic',
  'partition',
  'group',
  'outcome',
  'reason',
  'status_class',
  'mode',
  'state',
  'client',
  'api',
  // segdest_build_info only: one value per process
  'version',
  'commit',
  'node_version',
] as const;

export type MetricLabel = (typeof METRIC_LABELS)[number];

export function createMetrics(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  buildInfoMetrics(registry);
  return registry;
}
