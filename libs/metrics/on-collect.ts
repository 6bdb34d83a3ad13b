/**
 * Runs `fn` whenever `metric` is read (a scrape, or a test reading the registry), before its values
 * are taken: the place to move values kept outside prom-client (cheap per-call tallies, gauges read
 * from live state) into the metric. Several callers may hook one metric (services sharing a
 * registry in the all-in-one); each hook runs on every read.
 */
import type { Metric } from 'prom-client';

type Collectable = Metric & { collect?: () => void | Promise<void> };

const hooks = new WeakMap<Metric, (() => void)[]>();

export function onCollect(metric: Metric, fn: () => void): void {
  let list = hooks.get(metric);
  if (!list) {
    const created: (() => void)[] = [];
    list = created;
    hooks.set(metric, created);
    (metric as Collectable).collect = () => {
      for (const hook of created) hook();
    };
  }
  list.push(fn);
}
