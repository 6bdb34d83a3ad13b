/**
 * The metrics registry of a service: prom-client with the default process and Node.js metrics and a
 * constant `service` label. Every metric of the product is registered on the registry passed in
 * (never prom-client's global one), with units in names and labels from METRIC_LABELS only.
 */
import { Registry, collectDefaultMetrics } from 'prom-client';

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
] as const;

export type MetricLabel = (typeof METRIC_LABELS)[number];

export function createMetrics(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}
