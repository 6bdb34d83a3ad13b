/** The catalog as the markdown table of docs/metrics.md (a unit test keeps the doc in sync). */
import { METRIC_GROUPS } from '../../../services/metric-catalog.ts';

export function metricsTable(): string {
  const lines = ['| Metric | Type | Labels | Factory | Meaning |', '|---|---|---|---|---|'];
  for (const [factory, group] of Object.entries(METRIC_GROUPS)) {
    for (const spec of Object.values(group)) {
      const labels = spec.labels.length > 0 ? spec.labels.map((l) => `\`${l}\``).join(', ') : '-';
      lines.push(
        `| \`${spec.name}\` | ${spec.type} | ${labels} | \`${factory}\` | ${spec.help.replace(/\|/g, '\\|')} |`,
      );
    }
  }
  return lines.join('\n');
}
