/** Router metrics: the catalog's router and consumer groups (docs/metrics.md). */
import { consumerMetrics, routerMetrics, type Registry } from '../../libs/metrics/index.ts';

export function createRouterMetrics(registry: Registry) {
  return { router: routerMetrics(registry), consumer: consumerMetrics(registry) };
}

export type RouterMetrics = ReturnType<typeof createRouterMetrics>;
