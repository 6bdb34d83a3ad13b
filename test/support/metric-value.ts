/** Value of one series in a service instance's metrics registry (summed over matching series; 0 when absent). */
import type { Registry } from 'prom-client';

export async function metricValue(
  instance: { registry: Registry },
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  const metric = instance.registry.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  return values
    .filter((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want))
    .reduce((sum, v) => sum + v.value, 0);
}
