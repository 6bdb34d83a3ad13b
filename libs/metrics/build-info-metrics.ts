/**
 * `segdest_build_info`: 1, with the version, commit and Node.js version the process runs (the
 * Prometheus `_info` convention: join it on `service` to see which build served a series).
 * Registered by createMetrics on every service's registry.
 */
import type { Registry } from 'prom-client';
import { buildInfo } from '../runtime/build-info.ts';
import { defineMetrics } from './define-metrics.ts';
import type { MetricSpecs } from './metric-spec.ts';

export const BUILD_INFO_METRICS = {
  buildInfo: {
    name: 'segdest_build_info',
    type: 'gauge',
    help: 'Always 1; the labels say which build runs: product version, commit, Node.js version.',
    labels: ['version', 'commit', 'node_version'],
  },
} as const satisfies MetricSpecs;

export function buildInfoMetrics(registry: Registry) {
  const metrics = defineMetrics(registry, BUILD_INFO_METRICS);
  const info = buildInfo();
  metrics.buildInfo.set({ version: info.version, commit: info.commit, node_version: info.node }, 1);
  return metrics;
}
