/**
 * Every metric a Grafana panel or a Prometheus rule uses (deployMetricReferences()) must exist in the
 * live /metrics of the service that owns it, with the real services running in-process against the
 * real broker, registry and SQLite and traffic that provokes the event-driven series (retries, dead
 * letters, an open circuit, drops, a missing consumer group). A renamed metric, a factory no longer
 * called, or a service that stops registering a family fails here, not on a blank dashboard.
 *
 * Owner of a metric = the services that register its catalog factory (OWNERS below); prom-client's
 * default process/Node metrics belong to every service. Metrics that cannot be produced yet are listed
 * in NOT_PRODUCED_YET with the reason; the test fails as soon as one of them appears, so the list
 * cannot go stale. The S2S destination has real-time delivery and its FULL export is triggered, so
 * s2s-delivery's delivery and export metrics are provoked too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExposition, sampleValue, type Sample } from '../../libs/metrics/index.ts';
import { defaultSeriesNames, METRIC_GROUPS, seriesNames } from '../../services/metric-catalog.ts';
import { deployMetricReferences } from '../../deploy/tools/metrics/deploy-metric-references.ts';
import {
  CONSUMER_SERVICES,
  DESTINATIONS,
  SERVICES,
  driveTraffic,
  startLiveServices,
  type LiveServices,
  type ServiceName,
} from '../support/live-services.ts';
import { waitFor } from '../support/stack.ts';

type Factory = keyof typeof METRIC_GROUPS;

/** Catalog factory -> the services whose /metrics must show its metrics. */
const OWNERS: Record<Factory, readonly ServiceName[]> = {
  consumerMetrics: CONSUMER_SERVICES,
  kafkaClientMetrics: CONSUMER_SERVICES,
  routerMetrics: ['router'],
  deliveryMetrics: ['url-delivery', 's2s-delivery'],
  cookieMetrics: ['cookie-delivery'],
  exportMetrics: ['s2s-delivery'],
  lagMetrics: ['lag-exporter'],
  buildInfoMetrics: SERVICES,
};

/**
 * (series, owner) pairs that cannot show up yet, and why. Each is re-checked: once the series appears
 * in that service's output the last test fails and asks for the entry to be removed.
 */
const NOT_PRODUCED_YET: Record<`${string}@${ServiceName}`, string> = {};
/** Referenced series no service exposes by design. */
const NEVER_IN_METRICS: Record<string, string> = {
  up: 'synthesised by Prometheus per scrape target; instead every service must answer GET /metrics with 200',
};

function factoryOf(series: string): Factory | undefined {
  return (Object.keys(METRIC_GROUPS) as Factory[]).find((factory) =>
    Object.values(METRIC_GROUPS[factory] ?? {}).some((spec) => seriesNames(spec).includes(series)),
  );
}

/** Services that must expose a series now, and those excused for now (with the reason). */
function ownersOf(series: string): {
  due: ServiceName[];
  pending: { service: ServiceName; reason: string }[];
} {
  if (series in NEVER_IN_METRICS) return { due: [], pending: [] };
  if (defaultSeriesNames().has(series)) return { due: [...SERVICES], pending: [] };
  const factory = factoryOf(series);
  const due: ServiceName[] = [];
  const pending: { service: ServiceName; reason: string }[] = [];
  if (factory === undefined) return { due, pending };
  for (const service of OWNERS[factory] ?? []) {
    const reason = NOT_PRODUCED_YET[`${series}@${service}`];
    if (reason) pending.push({ service, reason });
    else due.push(service);
  }
  return { due, pending };
}

async function scrape(url: string): Promise<{ status: number; samples: Sample[]; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${url}/metrics`);
  const text = await response.text();
  return { status: response.status, samples: parseExposition(text), ms: performance.now() - started };
}

async function scrapeAll(live: LiveServices) {
  const entries = await Promise.all(SERVICES.map(async (s) => [s, await scrape(live.urls[s])] as const));
  return Object.fromEntries(entries) as Record<ServiceName, Awaited<ReturnType<typeof scrape>>>;
}

const referenced = [...new Set(deployMetricReferences().flatMap((r) => r.metrics))].sort();

describe('live metrics of the running product', () => {
  let live: LiveServices;

  beforeAll(async () => {
    live = await startLiveServices('metrics-live');
  });
  afterAll(async () => {
    await live?.stop();
  });

  it('every referenced metric has an owning service (or a reason it cannot exist yet)', () => {
    expect(referenced.length).toBeGreaterThan(30);
    const orphans = referenced.filter((m) => {
      const { due, pending } = ownersOf(m);
      return due.length + pending.length === 0 && !(m in NEVER_IN_METRICS);
    });
    expect(orphans).toEqual([]);
  });

  it('every service is ready and exposes every dashboard and alert metric it owns', async () => {
    for (const service of SERVICES) {
      await waitFor(async () => (await fetch(`${live.urls[service]}/readyz`)).ok, {
        message: `${service} /readyz`,
      });
      expect((await fetch(`${live.urls[service]}/healthz`)).status).toBe(200);
    }
    const started = Date.now();
    await driveTraffic(live);
    await live.exportNow();

    const expected = referenced.flatMap((metric) =>
      ownersOf(metric).due.map((service) => ({ metric, service })),
    );
    let missing: string[] = [];
    let scraped: Awaited<ReturnType<typeof scrapeAll>> | undefined;
    const complete = async () => {
      const now = await scrapeAll(live);
      scraped = now;
      missing = expected
        .filter(({ metric, service }) => !now[service].samples.some((s) => s.name === metric))
        .map(({ metric, service }) => `${metric} @ ${service}`);
      // Event-driven series, checked by value too: the failing partner's circuit opened and it gave up.
      const url = now['url-delivery'].samples;
      const failing = { destination_id: String(DESTINATIONS.urlFailing) };
      if (sampleValue(url, 'segdest_delivery_circuit_state', failing) !== 2) missing.push('circuit open');
      if (!sampleValue(url, 'segdest_delivery_attempts_total', { ...failing, outcome: 'given_up' }))
        missing.push('given_up attempt');
      return missing.length === 0;
    };
    await waitFor(complete, { timeoutMs: 60_000, intervalMs: 500, message: 'every owned metric' }).catch(
      () => undefined,
    );
    expect(missing).toEqual([]);
    const seconds = (Date.now() - started) / 1000;

    // What the other checks could not see.
    for (const service of SERVICES) expect(scraped?.[service].status, service).toBe(200);
    const lag = scraped!['lag-exporter'].samples;
    expect(
      sampleValue(lag, 'segdest_consumer_group_state', { group: live.missingGroup, state: 'Dead' }),
    ).toBe(1);
    expect(sampleValue(lag, 'segdest_lag_read_errors_total', { reason: 'group_missing' })).toBeGreaterThan(0);
    for (const group of Object.values(live.groups)) {
      expect(
        lag.some((s) => s.name === 'segdest_consumer_group_lag_seconds' && s.labels.group === group),
        group,
      ).toBe(true);
    }
    for (const service of CONSUMER_SERVICES) {
      const samples = scraped![service].samples;
      expect(
        samples.some((s) => s.name === 'segdest_dead_letters_total' && s.labels.reason === 'bad_magic_byte'),
        service,
      ).toBe(true);
      expect(samples.every((s) => s.labels.service === undefined || s.labels.service === service)).toBe(true);
    }

    const sizes = Object.fromEntries(
      SERVICES.map((s) => [s, `${scraped![s].samples.length} samples in ${scraped![s].ms.toFixed(0)} ms`]),
    );
    console.info(
      `metrics-live: ${referenced.length} referenced series, ${expected.length} (series, owner) pairs present ` +
        `${seconds.toFixed(1)} s after the traffic; not producible yet: ${pendingPairs().join(', ') || 'none'}; ` +
        `scrapes ${JSON.stringify(sizes)}`,
    );
  });

  it('the not-yet-producible list is still true (remove an entry once its metrics exist)', async () => {
    const now = await scrapeAll(live);
    const appeared = referenced.flatMap((metric) =>
      ownersOf(metric)
        .pending.filter(({ service }) => now[service].samples.some((s) => s.name === metric))
        .map(
          ({ service }) =>
            `${metric} @ ${service}: remove ${factoryOf(metric)}@${service} from NOT_PRODUCED_YET`,
        ),
    );
    expect(appeared).toEqual([]);
  });
});

/** "metric @ service" pairs excused for now. */
function pendingPairs(): string[] {
  return referenced.flatMap((metric) =>
    ownersOf(metric).pending.map(({ service }) => `${metric} @ ${service}`),
  );
}
