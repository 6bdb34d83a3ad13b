/**
 * Every PromQL expression of deploy/ with the metric names it references: Grafana dashboard panels
 * and query variables (deploy/grafana/dashboards/*.json) and Prometheus rules
 * (deploy/prometheus/rules/*.yml). Used to check them against the catalog (unit test) and against
 * the live /metrics of the running services (end-to-end test).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { promqlMetricNames } from './promql-metric-names.ts';

export interface MetricReference {
  file: string;
  expression: string;
  metrics: string[];
}

const DEPLOY = new URL('../../', import.meta.url);

export function deployMetricReferences(deployDir: URL = DEPLOY): MetricReference[] {
  const refs: MetricReference[] = [];
  const add = (file: string, expression: string) =>
    refs.push({ file, expression, metrics: promqlMetricNames(expression) });
  for (const { path, text } of files(new URL('grafana/dashboards/', deployDir), '.json')) {
    for (const q of dashboardQueries(JSON.parse(text))) add(path, q);
  }
  for (const { path, text } of files(new URL('prometheus/rules/', deployDir), '.yml')) {
    for (const e of ruleExpressions(text)) add(path, e);
  }
  return refs;
}

function files(dir: URL, ext: string): { path: string; text: string }[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(ext))
    .sort()
    .map((name) => ({ path: new URL(name, dir).pathname, text: readFileSync(new URL(name, dir), 'utf8') }));
}

/** PromQL strings of a dashboard: panel targets (`expr`) and query variables (`query`). */
export function dashboardQueries(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) dashboardQueries(item, out);
  } else if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (typeof record.expr === 'string') out.push(record.expr);
    if (record.type === 'query') {
      const query = record.query;
      if (typeof query === 'string') out.push(query);
      else if (query && typeof (query as { query?: unknown }).query === 'string') {
        out.push((query as { query: string }).query);
      }
    }
    for (const value of Object.values(record)) dashboardQueries(value, out);
  }
  return out;
}

/** `expr:` values of a rules file: plain or quoted scalars and `|` / `>` blocks. */
export function ruleExpressions(yaml: string): string[] {
  const lines = yaml.split('\n');
  const out: string[] = [];
  lines.forEach((line, index) => {
    const match = /^(\s*)expr:\s*(.*)$/.exec(line);
    if (!match) return;
    const indent = match[1]?.length ?? 0;
    const value = (match[2] ?? '').trim();
    if (/^[|>][-+]?$/.test(value)) {
      const block: string[] = [];
      for (const next of lines.slice(index + 1)) {
        if (next.trim() !== '' && next.length - next.trimStart().length <= indent) break;
        block.push(next);
      }
      out.push(block.join('\n').trim());
    } else {
      out.push(value.replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1'));
    }
  });
  return out;
}
