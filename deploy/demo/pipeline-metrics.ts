/**
 * Reads the services' /metrics (Prometheus text) during the demo: counters summed over label
 * subsets, and the "has everything published been processed?" test the demo waits on (no fixed
 * sleeps): each consumer has consumed what its upstream produced.
 */
import { parseExposition, type Sample } from '../../libs/metrics/index.ts';
import type { TopicNames } from '../../libs/kafka/index.ts';
import type { ServiceName } from '../../services/all-in-one/start-all-in-one.ts';

export type Snapshot = Record<ServiceName, Sample[]>;

export async function readMetrics(urls: Record<ServiceName, string>): Promise<Snapshot> {
  const entries = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      const response = await fetch(`${url}/metrics`);
      return [name, parseExposition(await response.text())] as const;
    }),
  );
  return Object.fromEntries(entries) as Snapshot;
}

export function total(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

export interface Progress {
  routerRead: number;
  routed: { url: number; cookie: number; s2s: number };
  consumed: { url: number; cookie: number; s2s: number; idSyncs: number };
}

export function progressOf(snapshot: Snapshot, topics: TopicNames): Progress {
  const records = (service: ServiceName, topic: string) =>
    total(snapshot[service], 'segdest_consumer_records_total', { topic });
  const routed = (type: string) =>
    total(snapshot.router, 'segdest_router_deliveries_total', { destination_type: type });
  return {
    routerRead: records('router', topics.qualifications),
    routed: { url: routed('url'), cookie: routed('cookie'), s2s: routed('s2s') },
    consumed: {
      url: records('url-delivery', topics.deliveriesUrl),
      cookie: records('cookie-delivery', topics.deliveriesCookie),
      s2s: records('s2s-delivery', topics.deliveriesS2s),
      idSyncs: records('s2s-delivery', topics.idSyncs),
    },
  };
}

/** True when the router read every published record and each delivery service caught up with it. */
export function caughtUp(progress: Progress, published: { records: number; idSyncs: number }): boolean {
  return (
    progress.routerRead >= published.records &&
    progress.consumed.url >= progress.routed.url &&
    progress.consumed.cookie >= progress.routed.cookie &&
    progress.consumed.s2s >= progress.routed.s2s &&
    progress.consumed.idSyncs >= published.idSyncs
  );
}
