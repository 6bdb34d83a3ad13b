/**
 * Dashboards and alert rules may only use declared metrics: every metric name in a Grafana panel
 * or variable query and in a Prometheus rule expression must be in the catalog (or a prom-client
 * default metric, or `up`), so renaming a metric cannot silently blank a panel or mute an alert.
 * Also checks that every alert has a promtool unit test in which it fires.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deployMetricReferences, ruleExpressions } from './deploy-metric-references.ts';
import { isCatalogSeries } from '../../../services/metric-catalog.ts';

const deploy = new URL('../../', import.meta.url);
const read = (dir: string, ext: string) =>
  readdirSync(new URL(dir, deploy))
    .filter((name) => name.endsWith(ext))
    .map((name) => ({ name, text: readFileSync(new URL(`${dir}${name}`, deploy), 'utf8') }));

describe('metric references in deploy/', () => {
  const refs = deployMetricReferences();
  const dashboards = read('grafana/dashboards/', '.json');
  const rules = read('prometheus/rules/', '.yml');

  it('reads every dashboard and rule file', () => {
    expect(dashboards.map((d) => d.name).sort()).toEqual([
      'segdest-destination.json',
      'segdest-lag.json',
      'segdest-overview.json',
    ]);
    for (const d of dashboards) {
      expect((JSON.parse(d.text) as { uid?: string }).uid).toBeTruthy();
      expect(refs.filter((r) => r.file.endsWith(d.name)).length, d.name).toBeGreaterThan(5);
    }
    for (const r of rules) {
      expect(ruleExpressions(r.text).length, r.name).toBe((r.text.match(/^\s*- alert:/gm) ?? []).length);
    }
  });

  it('finds a metric in every expression (except label-only variables)', () => {
    const empty = refs.filter((r) => r.metrics.length === 0 && !/^label_values\(\w+\)$/.test(r.expression));
    expect(empty).toEqual([]);
  });

  it('uses only metrics declared in the catalog', () => {
    const unknown = refs.flatMap((r) =>
      r.metrics
        .filter((name) => !isCatalogSeries(name))
        .map((name) => `${name} in ${r.file}: ${r.expression}`),
    );
    expect(unknown).toEqual([]);
  });

  it('has a promtool test in which each alert fires', () => {
    const alerts = rules.flatMap(({ text }) => [...text.matchAll(/^\s*- alert:\s*(\w+)/gm)].map((m) => m[1]));
    expect(alerts.length).toBeGreaterThan(0);
    const tested = new Set(
      read('prometheus/tests/', '.yml').flatMap(({ text }) =>
        [...text.matchAll(/alertname:\s*(\w+)\n\s*exp_alerts:\n\s*- exp_labels/g)].map((m) => m[1]),
      ),
    );
    expect(alerts.filter((alert) => !tested.has(alert))).toEqual([]);
  });
});
