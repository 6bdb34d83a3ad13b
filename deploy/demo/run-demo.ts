/**
 * The demo flow, start to summary: topics and schemas, a local partner (HTTP + HTTPS), the
 * all-in-one as a child process, the sample destinations through the builder API, a warm-up event
 * that proves every service applied them, the traffic, the wait until every consumer caught up
 * (read from /metrics, no fixed sleeps), then the evidence (sink, cookie edge reads, dead-letter
 * topic, export files, metrics, lag) compared with the oracle. main.ts adds printing and signals;
 * the e2e test calls runDemo directly.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  TopicReader,
  bootstrapTopics,
  createKafka,
  createProducer,
  topicCatalog,
  topicNames,
  type TopicNames,
} from '../../libs/kafka/index.ts';
import type { Logger } from '../../libs/runtime/logger.ts';
import {
  SchemaRegistryClient,
  createSerdes,
  registerSerdes,
  type DataExportLabel,
  type QualificationEvent,
} from '../../libs/schema/index.ts';
import type { ServiceName } from '../../services/all-in-one/start-all-in-one.ts';
import { BuilderClient } from './builder-client.ts';
import { checkDeliveries, checkS2sRealTime, type Check } from './check-deliveries.ts';
import type { DemoConfig } from './config.ts';
import {
  COOKIE_READ_DOMAIN,
  DEMO_OAUTH_SECRET,
  PARTNER_DPID,
  RESTRICTED_DATA_SOURCE,
  SEGMENT_CATALOG,
  demoDestinations,
  type DemoDestinationKey,
} from './demo-destinations.ts';
import { expectDeliveries, type OracleDestination } from './expect-deliveries.ts';
import { startPartnerSink, type PartnerSink } from './partner-sink.ts';
import { caughtUp, progressOf, readMetrics, total, type Snapshot } from './pipeline-metrics.ts';
import { publishTraffic } from './publish-traffic.ts';
import { deviceUuid } from './sample-traffic.ts';
import { spawnAllInOne, type RunningAllInOne } from './spawn-all-in-one.ts';
import { tlsCertificate } from './tls-certificate.ts';
import { verifyExports, type ExportReport } from './verify-exports.ts';

export interface DemoDestinationRow {
  key: DemoDestinationKey;
  id: number;
  name: string;
  type: string;
  routed: number;
  atSink: number;
  metric: string;
}

export interface DemoResult {
  runId: string;
  prefix: string;
  published: {
    events: number;
    badRecords: number;
    idSyncs: number;
    seconds: number;
    eventsPerSecond: number;
    /** From the first traffic record published to the last delivery processed. */
    processingSeconds: number;
    endToEndEventsPerSecond: number;
  };
  destinations: DemoDestinationRow[];
  deadLetters: Record<string, number>;
  exports: ExportReport;
  lag: { group: string; messages: number; seconds: number }[];
  urls: Record<ServiceName, string> & { docs: string; ui: string; status: string; cookieExample: string };
  adminToken: string;
  checks: Check[];
  ok: boolean;
  seconds: number;
}

export interface DemoHooks {
  logger: Logger;
  say(line: string): void;
  progress(done: number, total: number): void;
  stopping(): boolean;
  /** Called once the all-in-one runs, so the caller can stop it on a signal. */
  started?(allInOne: RunningAllInOne, sink: PartnerSink): void;
}

const PORTS = {
  BUILDER_PORT: 8080,
  ROUTER_PORT: 8082,
  URL_DELIVERY_PORT: 8083,
  COOKIE_DELIVERY_PORT: 8084,
  S2S_DELIVERY_PORT: 8085,
  LAG_EXPORTER_PORT: 8086,
};

export async function runDemo(
  config: DemoConfig,
  hooks: DemoHooks,
): Promise<{ result: DemoResult; allInOne: RunningAllInOne; sink: PartnerSink }> {
  const started = Date.now();
  const runId = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14) + '-' + randomUUID().slice(0, 4);
  const prefix = config.demoTopicPrefix || `demo-${runId}.`;
  const runDir = resolve(config.demoDir, runId);
  const exportDir = resolve(config.demoExportDir, runId);
  mkdirSync(runDir, { recursive: true });
  mkdirSync(exportDir, { recursive: true });
  const topics = topicNames(prefix);
  const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'demo', logger: hooks.logger });
  const serdes = createSerdes(new SchemaRegistryClient(config.schemaRegistryUrl), topics);
  const admin = kafka.admin();
  await admin.connect();
  await bootstrapTopics(admin, topicCatalog(prefix));
  await admin.disconnect();
  await registerSerdes(serdes);
  hooks.say(
    `topics ${prefix}* ready on ${config.kafkaBrokers.join(',')}, schemas registered in ${config.schemaRegistryUrl}`,
  );

  const tls = tlsCertificate(runDir);
  const sink = await startPartnerSink({ tls, clientId: 'demo-client', clientSecret: DEMO_OAUTH_SECRET });
  hooks.say(`partner sink listening on ${sink.http} and ${sink.https}`);
  const adminToken = `demo-${randomBytes(18).toString('hex')}`;
  const ports = Object.fromEntries(
    Object.entries(PORTS).map(([name, port]) => [name, config.demoPorts === 'free' ? '0' : String(port)]),
  );
  const allInOne = await spawnAllInOne(
    {
      KAFKA_BROKERS: config.kafkaBrokers.join(','),
      SCHEMA_REGISTRY_URL: config.schemaRegistryUrl,
      TOPIC_PREFIX: prefix,
      LOG_LEVEL: 'info',
      STATE_DIR: join(runDir, 'state'),
      BOOTSTRAP_ADMIN_TOKEN: adminToken,
      OUTBOUND_ALLOW_LIST: '127.0.0.1',
      ALLOW_HTTP_ENDPOINTS: 'true',
      LOCAL_EXPORT_ROOTS: exportDir,
      NODE_EXTRA_CA_CERTS: tls.certFile,
      SECRET_KEYS: undefined,
      ...ports,
    },
    { logFile: join(runDir, 'all-in-one.log') },
  );
  hooks.started?.(allInOne, sink);
  hooks.say(`all-in-one running (pid ${allInOne.pid}), logs in ${join(runDir, 'all-in-one.log')}`);
  await waitUntil(
    async () => (await Promise.all(Object.values(allInOne.urls).map(isReady))).every(Boolean),
    60_000,
    'every service /readyz',
  );

  const api = new BuilderClient(allInOne.urls['destination-builder'], adminToken);
  const prohibited = new Map<number, DataExportLabel[]>([[RESTRICTED_DATA_SOURCE, ['OFFSITE_TARGETING']]]);
  for (const [id, labels] of prohibited) await api.setExportControls(id, labels);
  const bodies = demoDestinations(sink, exportDir, runId);
  const created = new Map<DemoDestinationKey, OracleDestination & { name: string }>();
  for (const [key, body] of Object.entries(bodies) as [
    DemoDestinationKey,
    (typeof bodies)[DemoDestinationKey],
  ][]) {
    const view = await api.createDestination(body);
    created.set(key, { ...(view as unknown as OracleDestination), name: view.name });
  }
  hooks.say(
    `created ${created.size} destinations through ${allInOne.urls['destination-builder']}/v1/destinations`,
  );

  const producer = createProducer(kafka);
  await producer.connect();
  const events: QualificationEvent[] = [];
  const ids = [...created.values()].map((d) => d.id);
  await warmUp(producer, serdes, topics, config, events, allInOne, sink, ids);

  const publishStarted = Date.now();
  const published = await publishTraffic(
    producer,
    serdes,
    topics,
    {
      events: config.demoEvents,
      devices: config.demoDevices,
      segmentCatalog: SEGMENT_CATALOG,
      partnerDpid: PARTNER_DPID,
      idSyncShare: config.demoIdSyncShare,
    },
    hooks.progress,
    hooks.stopping,
  );
  await producer.disconnect();
  events.push(...published.events);
  const records = events.length + published.badTotal;
  hooks.say(
    `published ${published.events.length} events, ${published.badTotal} bad records, ${published.idSyncs.size} ID syncs in ${published.seconds.toFixed(1)} s`,
  );

  let snapshot: Snapshot = await readMetrics(allInOne.urls);
  await waitUntil(
    async () => {
      snapshot = await readMetrics(allInOne.urls);
      return (
        caughtUp(progressOf(snapshot, topics), { records, idSyncs: published.idSyncs.size }) ||
        hooks.stopping()
      );
    },
    config.demoTimeoutMs,
    'the pipeline to catch up',
  );
  const expected = expectDeliveries(events, [...created.values()], prohibited);
  const s2sRealTimeId = created.get('s2sRealTime')!.id;
  const s2sBatchId = created.get('s2sBatch')!.id;
  const context = {
    names: new Map([...created.values()].map((d) => [d.id, d.name])),
    s2sRealTimeId,
    s2sBatchId,
    partnerDpid: PARTNER_DPID,
    idSyncs: published.idSyncs,
  };
  // Real-time S2S batches leave on their flush interval: wait until the partner saw every user's final state.
  await waitUntil(
    async () => checkS2sRealTime(expected, sink, context).status === 'pass' || hooks.stopping(),
    Math.max(10_000, config.demoTimeoutMs - (Date.now() - publishStarted)),
    'the S2S real-time batches',
  ).catch((error: unknown) => hooks.say(`warning: ${(error as Error).message}`));
  const processedAt = Date.now();
  const triggered = await triggerExports(allInOne.urls['s2s-delivery'], s2sBatchId);
  snapshot = await readMetrics(allInOne.urls);
  hooks.say(
    `batch exports run through ${allInOne.urls['s2s-delivery']}/v1/destinations/${s2sBatchId}/exports: ${triggered}`,
  );

  const cookieIds = new Map(
    [...created.values()].filter((d) => d.type === 'COOKIE').map((d) => [d.cookie!.name, d.id]),
  );
  const uuids = [...new Set(events.map((e) => e.uuid))];
  const cookies = await readCookies(allInOne.urls['cookie-delivery'], uuids, cookieIds);
  const deadLetters = await readDeadLetters(kafka, topics, serdes, hooks.logger);
  const exports = verifyExports(exportDir, expected.s2sState.get(s2sBatchId) ?? new Map(), published.idSyncs);
  const routed = new Map(
    ids.map((id) => [
      id,
      total(snapshot.router, 'segdest_router_deliveries_total', { destination_id: String(id) }),
    ]),
  );
  const checks = checkDeliveries(
    expected,
    {
      routed,
      pixels: sink.pixels,
      pixelRetriesWithoutAnswer: ['timeout', 'network'].reduce(
        (sum, status_class) =>
          sum +
          total(snapshot['url-delivery'], 'segdest_delivery_attempts_total', {
            outcome: 'retried',
            status_class,
          }),
        0,
      ),
      cookies,
      cookieUuidsRead: uuids.length,
      deadLetters,
      expectedDeadLetters: new Map(published.bad.map((b) => [b.reason, b.count])),
      s2sPosts: sink.s2sPosts,
      tokenRequests: sink.tokenRequests,
      exports,
    },
    context,
  );

  const lagSamples = (
    await readMetrics({ 'lag-exporter': allInOne.urls['lag-exporter'] } as Record<ServiceName, string>)
  )['lag-exporter'];
  const seconds = (processedAt - started) / 1000;
  const result: DemoResult = {
    runId,
    prefix,
    published: {
      events: events.length,
      badRecords: published.badTotal,
      idSyncs: published.idSyncs.size,
      seconds: published.seconds,
      eventsPerSecond: Math.round(published.events.length / published.seconds),
      processingSeconds: (processedAt - publishStarted) / 1000,
      endToEndEventsPerSecond: Math.round(published.events.length / ((processedAt - publishStarted) / 1000)),
    },
    destinations: [...created].map(([key, d]) => ({
      key,
      id: d.id,
      name: d.name,
      type: d.type,
      routed: routed.get(d.id) ?? 0,
      atSink: key === 's2sBatch' ? exports.lines : atSink(key, d.id, sink, cookies),
      metric: deliveryMetric(snapshot, d.type, d.id),
    })),
    deadLetters: Object.fromEntries(deadLetters),
    exports,
    lag: Object.values(allInOne.groups).map((group) => ({
      group,
      messages: total(lagSamples, 'segdest_consumer_group_lag_messages', { group }),
      seconds: Math.max(
        0,
        ...lagSamples
          .filter((s) => s.name === 'segdest_consumer_group_lag_seconds' && s.labels.group === group)
          .map((s) => s.value),
      ),
    })),
    urls: {
      ...allInOne.urls,
      docs: `${allInOne.urls['destination-builder']}/docs`,
      ui: `${allInOne.urls['destination-builder']}/ui/`,
      status: `${allInOne.urls['lag-exporter']}/status`,
      cookieExample: `${allInOne.urls['cookie-delivery']}/v1/cookies/${[...expected.cookies.keys()][0] ?? deviceUuid(0)}?domain=${COOKIE_READ_DOMAIN}`,
    },
    adminToken,
    checks,
    ok: checks.every((c) => c.status !== 'fail'),
    seconds,
  };
  return { result, allInOne, sink };
}

/** One real-time event mapped to every destination, repeated until the router routed it to all of them and the URL and cookie services delivered it. */
async function warmUp(
  producer: ReturnType<typeof createProducer>,
  serdes: ReturnType<typeof createSerdes>,
  topics: TopicNames,
  config: DemoConfig,
  events: QualificationEvent[],
  allInOne: RunningAllInOne,
  sink: PartnerSink,
  ids: number[],
): Promise<void> {
  const uuid = deviceUuid(config.demoDevices + 1);
  await waitUntil(
    async () => {
      const now = Date.now() - config.demoEvents - 1000 + events.length;
      const event: QualificationEvent = {
        eventId: randomUUID(),
        eventTime: now,
        uuid,
        platform: 'browser',
        region: 9,
        pageProtocol: 'HTTPS',
        realTime: true,
        mcid: null,
        partnerIds: [],
        consent: null,
        optedOut: false,
        segments: [10_000, 10_045, 10_120].map((sid) => ({
          sid,
          status: 'QUALIFIED' as const,
          updatedAt: now,
          dataSourceIds: [1000 + (sid % 7)],
        })),
      };
      events.push(event);
      await producer.send({
        topic: topics.qualifications,
        messages: [{ key: uuid, value: serdes.qualificationEvent.encode(event) }],
      });
      const snapshot = await readMetrics(allInOne.urls);
      const routedAll = ids.every(
        (id) => total(snapshot.router, 'segdest_router_deliveries_total', { destination_id: String(id) }) > 0,
      );
      const cookies = total(snapshot['cookie-delivery'], 'segdest_cookie_states_written_total');
      return routedAll && sink.pixels.length > 0 && cookies > 0;
    },
    60_000,
    'the services to apply the new destinations',
    500,
  );
}

async function readCookies(
  base: string,
  uuids: string[],
  ids: Map<string, number>,
): Promise<Map<string, Map<number, string>>> {
  const out = new Map<string, Map<number, string>>();
  let next = 0;
  const worker = async () => {
    while (next < uuids.length) {
      const uuid = uuids[next++]!;
      const response = await fetch(`${base}/v1/cookies/${uuid}?domain=${COOKIE_READ_DOMAIN}`);
      const body = (await response.json()) as { cookies?: { name: string; value: string }[] };
      const mine = (body.cookies ?? []).filter((c) => ids.has(c.name));
      if (mine.length > 0) out.set(uuid, new Map(mine.map((c) => [ids.get(c.name)!, c.value])));
      else out.set(uuid, new Map());
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  for (const [uuid, cookies] of out) if (cookies.size === 0) out.set(uuid, cookies);
  return out;
}

async function readDeadLetters(
  kafka: ReturnType<typeof createKafka>,
  topics: TopicNames,
  serdes: ReturnType<typeof createSerdes>,
  logger: Logger,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const decoded: Promise<void>[] = [];
  const reader = new TopicReader({
    kafka,
    topic: topics.deadLetters,
    name: `${topics.deadLetters}-demo-read`,
    logger,
    apply: (message) => {
      decoded.push(
        serdes.deadLetter.decode(message.value).then((dl) => {
          counts.set(dl.reason, (counts.get(dl.reason) ?? 0) + 1);
        }),
      );
    },
  });
  await reader.start();
  await reader.stop();
  await Promise.all(decoded);
  return counts;
}

function atSink(
  key: DemoDestinationKey,
  id: number,
  sink: PartnerSink,
  cookies: Map<string, Map<number, string>>,
): number {
  if (key === 'serializedUrl' || key === 'perSegmentUrl')
    return sink.pixels.filter((p) => p.deliveryId.endsWith(`:${id}`)).length;
  if (key === 'singleKeyCookie' || key === 'multiKeyCookie')
    return [...cookies.values()].filter((c) => c.has(id)).length;
  if (key === 's2sRealTime') return sink.s2sPosts.length;
  return 0;
}

function deliveryMetric(snapshot: Snapshot, type: string, id: number): string {
  const labels = { destination_id: String(id) };
  if (type === 'URL')
    return `${total(snapshot['url-delivery'], 'segdest_delivery_attempts_total', { ...labels, outcome: 'succeeded' })} calls succeeded`;
  if (type === 'COOKIE')
    return `${total(snapshot['cookie-delivery'], 'segdest_cookie_states_written_total', labels)} states written`;
  const exportsRun = total(snapshot['s2s-delivery'], 'segdest_export_runs_total', labels);
  const sent = total(snapshot['s2s-delivery'], 'segdest_delivery_requests_sent_total', labels);
  return `${sent} requests, ${exportsRun} export runs`;
}

/** Runs a full then an incremental export now (the batch schedule is hourly at best); the s2s-delivery export API. */
async function triggerExports(base: string, destinationId: number): Promise<string> {
  const outcomes: string[] = [];
  for (const mode of ['full', 'iter'] as const) {
    const response = await fetch(`${base}/v1/destinations/${destinationId}/exports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode }),
    });
    const body = (await response.json().catch(() => ({}))) as {
      outcome?: string;
      files?: string[];
      message?: string;
    };
    outcomes.push(
      `${mode} ${response.status} ${body.outcome ?? body.message ?? ''} ${(body.files ?? []).length} files`.trim(),
    );
  }
  return outcomes.join('; ');
}

async function isReady(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/readyz`)).ok;
  } catch {
    return false;
  }
}

async function waitUntil(
  probe: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
  intervalMs = 250,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolveTimer) => setTimeout(resolveTimer, intervalMs));
  }
}
