/**
 * The fault suite's product under test: the all-in-one as its own process (as a laptop or a single
 * host runs it; kill -9 takes every service down at once), with a URL pixel destination, a cookie
 * destination and an S2S real-time destination, all fed by one segment, partners on 127.0.0.1.
 * `publish` sends qualification events (with the ID syncs S2S needs); `outcome` says, per event,
 * whether each destination got it at the partner (the pixel sink, the cookie edge endpoint, the
 * S2S partner) and how many duplicates arrived, and what the router wrote (read_committed).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProducer, type KafkaMessage, type Producer } from '../../libs/kafka/index.ts';
import type { QualificationEvent } from '../../libs/schema/index.ts';
import { cookieDestination, urlDestination } from './destinations.ts';
import { freePort, opsStatus } from './free-port.ts';
import { sampleEvent } from './samples.ts';
import {
  DPID,
  realTimeDestination,
  realTimeSettings,
  startPartner,
  type Partner,
} from './s2s-delivery-harness.ts';
import { ServiceProcess } from './service-process.ts';
import { readTopic } from './builder.ts';
import { readRetryState } from '../../services/url-delivery/retry-state.ts';
import { brokers, registryUrl, testEnvironment, waitFor, type TestEnvironment } from './stack.ts';
import { startSink, type Sink } from './url-delivery-harness.ts';

const SID = 101;
export const FAULT_SERVICES = ['router', 'url-delivery', 'cookie-delivery', 's2s-delivery'] as const;
type FaultService = (typeof FAULT_SERVICES)[number];

export interface FaultOutcome {
  events: number;
  lost: { url: number; cookie: number; s2s: number };
  /** Pixel calls beyond the first per user / S2S requests re-sent with the same X-Delivery-Id. */
  duplicated: { url: number; s2s: number };
  /** Router outputs beyond one per event and destination type (must be 0: exactly-once). */
  routerDuplicates: number;
  /**
   * Pixel calls not yet made because their retry is due only after the settle window (a retry
   * tier of 10 min after an overloaded partner opened its circuit): waiting, not lost; counted.
   */
  waitingRetry: { url: number };
  /**
   * Where the pipeline stands when something is missing: per topic and partition, the high
   * watermark, the records a read_committed reader sees and each group's committed offset.
   */
  positions?: Record<string, string>;
}

export interface FaultRun {
  env: TestEnvironment;
  producer: Producer;
  allInOne: ServiceProcess;
  ports: Record<FaultService | 'builder' | 'lag', number>;
  start(): void;
  publish(count: number): Promise<QualificationEvent[]>;
  /** Waits until every published event reached every partner (or the timeout), then counts. */
  settle(timeoutMs?: number): Promise<FaultOutcome>;
  /** Status of /healthz or /readyz of every service. */
  statuses(path: '/healthz' | '/readyz'): Promise<Record<FaultService, number>>;
  cleanups: (() => Promise<unknown>)[];
}

export async function startFaultRun(
  label: string,
  options: { databaseUrl?: (service: 'cookie' | 's2s') => Promise<string> } = {},
): Promise<FaultRun> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const env = await testEnvironment(label, 3);
  const producer = createProducer(env.kafka);
  await producer.connect();
  cleanups.push(() => producer.disconnect());
  const sink: Sink = await startSink();
  const partner: Partner = await startPartner();
  cleanups.push(
    () => sink.close(),
    () => partner.close(),
  );
  const destinations = [
    urlDestination(1, [SID], {
      url: {
        serialize: true,
        baseUrl: `${sink.base}/pixel?segs=%alias%&uid=%did%`,
        secureUrl: `${sink.base}/pixel?segs=%alias%&uid=%did%`,
        delimiter: ',',
        referrerPolicy: 'HIDE',
      },
    }),
    cookieDestination(2, [SID]),
    realTimeDestination(3, [SID], realTimeSettings(`${partner.endpoint}`, { usersPerRequest: 100 })),
  ];
  await producer.send({
    topic: env.topics.destinations,
    messages: destinations.map((d) => ({ key: String(d.id), value: env.serdes.destinationConfig.encode(d) })),
  });

  const stateDir = await mkdtemp(join(tmpdir(), `segdest-${label}-`));
  cleanups.push(() => rm(stateDir, { recursive: true, force: true }));
  const ports = {
    builder: await freePort(),
    router: await freePort(),
    'url-delivery': await freePort(),
    'cookie-delivery': await freePort(),
    's2s-delivery': await freePort(),
    lag: await freePort(),
  };
  const allInOne = new ServiceProcess(
    'services/all-in-one/main.ts',
    {
      ...process.env,
      KAFKA_BROKERS: brokers.join(','),
      SCHEMA_REGISTRY_URL: registryUrl,
      TOPIC_PREFIX: env.prefix,
      STATE_DIR: stateDir,
      LOG_LEVEL: 'warn',
      BUILDER_PORT: String(ports.builder),
      ROUTER_PORT: String(ports.router),
      URL_DELIVERY_PORT: String(ports['url-delivery']),
      COOKIE_DELIVERY_PORT: String(ports['cookie-delivery']),
      S2S_DELIVERY_PORT: String(ports['s2s-delivery']),
      LAG_EXPORTER_PORT: String(ports.lag),
      OUTBOUND_ALLOW_LIST: '127.0.0.1/32',
      ALLOW_HTTP_ENDPOINTS: 'true',
      BOOTSTRAP: 'false',
      ...(options.databaseUrl
        ? {
            COOKIE_DATABASE_URL: await options.databaseUrl('cookie'),
            S2S_DATABASE_URL: await options.databaseUrl('s2s'),
          }
        : {}),
    },
    cleanups,
  );
  const published: QualificationEvent[] = [];

  const statuses = async (path: '/healthz' | '/readyz') =>
    Object.fromEntries(
      await Promise.all(FAULT_SERVICES.map(async (s) => [s, await opsStatus(ports[s], path)] as const)),
    ) as Record<FaultService, number>;

  const cookiesOf = async (uuid: string): Promise<boolean> => {
    try {
      const response = await fetch(
        `http://127.0.0.1:${ports['cookie-delivery']}/v1/cookies/${uuid}?domain=example.com`,
        // an edge read that hangs counts as not seen, and the count goes on
        { signal: AbortSignal.timeout(5000) },
      );
      const body = (await response.json()) as { cookies?: unknown[] };
      return (body.cookies?.length ?? 0) > 0;
    } catch {
      return false;
    }
  };

  const positions = async (
    committed: Map<string, Set<string>>,
    lost: Record<'url' | 'cookie' | 's2s', string[]>,
  ): Promise<Record<string, string>> => {
    const admin = env.kafka.admin();
    await admin.connect();
    try {
      const topics = [
        env.topics.qualifications,
        env.topics.deliveriesUrl,
        env.topics.deliveriesCookie,
        env.topics.deliveriesS2s,
      ];
      const { groups } = await admin.listGroups();
      const out: Record<string, string> = {};
      for (const topic of topics) {
        const high = await admin.fetchTopicOffsets(topic);
        const parts = [`high ${high.map((o) => `${o.partition}:${o.high}`).join(',')}`];
        const seen = committed.get(topic);
        const kind =
          topic === env.topics.deliveriesUrl
            ? 'url'
            : topic === env.topics.deliveriesCookie
              ? 'cookie'
              : 's2s';
        if (seen) {
          const missing = lost[kind];
          const routed = missing.filter((uuid) => seen.has(uuid)).length;
          parts.push(`read_committed ${seen.size}; of ${missing.length} lost ${routed} were routed`);
        }
        for (const { groupId } of groups.filter((g) => g.groupId.startsWith(env.prefix))) {
          const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
          const list = offsets?.partitions.filter((p) => p.offset !== '-1') ?? [];
          if (list.length > 0) {
            parts.push(
              `${groupId.slice(env.prefix.length)} ${list.map((p) => `${p.partition}:${p.offset}`).join(',')}`,
            );
          }
        }
        out[topic.slice(env.prefix.length)] = parts.join(' | ');
      }
      return out;
    } finally {
      await admin.disconnect();
    }
  };

  /** Of these undelivered pixel users, those whose latest retry is due after `after` (epoch ms). */
  const waitingUrlRetries = async (uuids: string[], after: number): Promise<Set<string>> => {
    const waiting = new Set<string>();
    if (uuids.length === 0) return waiting;
    const wanted = new Set(uuids);
    const latest = new Map<string, { attempts: number; dueAt: number }>();
    for (const topic of env.topics.deliveriesUrlRetry) {
      for (const message of await readTopic(env, topic)) {
        const uuid = String(message.key);
        const state = readRetryState(message.headers);
        if (!wanted.has(uuid) || !state) continue;
        if (state.attempts > (latest.get(uuid)?.attempts ?? 0)) latest.set(uuid, state);
      }
    }
    for (const [uuid, state] of latest) if (state.dueAt > after) waiting.add(uuid);
    return waiting;
  };

  const count = async (withPositions = false, retriesDueAfter = Infinity): Promise<FaultOutcome> => {
    const pixels = new Map<string, number>();
    for (const hit of sink.hits) {
      const uid = /[?&]uid=([^&]+)/.exec(hit.path)?.[1];
      if (uid && hit.status === 200) pixels.set(uid, (pixels.get(uid) ?? 0) + 1);
    }
    // S2S: a user is delivered when a 200 request carried it; a duplicate is a request re-sent with
    // the same X-Delivery-Id (a batch sent again after a crash or a lost answer).
    const s2sUsers = new Set<string>();
    const s2sBatches = new Map<string, number>();
    for (const request of partner.requests) {
      if (request.status !== 200) continue;
      const id = String(request.headers['x-delivery-id'] ?? '');
      s2sBatches.set(id, (s2sBatches.get(id) ?? 0) + 1);
      // The device id, not the partner id "p-<uuid>" next to it.
      for (const uuid of request.body.match(/(?<![-\w])\d{38}(?!\w)/g) ?? []) s2sUsers.add(uuid);
    }
    const missingCookie = published.filter((e) => !cookieSeen.has(e.uuid));
    for (let i = 0; i < missingCookie.length; i += 50) {
      const slice = missingCookie.slice(i, i + 50);
      const found = await Promise.all(slice.map((e) => cookiesOf(e.uuid)));
      slice.forEach((e, j) => found[j] && cookieSeen.add(e.uuid));
    }
    // Read after the fact (read_committed, to the end): a collector running through the fault could
    // itself be stopped by it.
    let routerDuplicates = 0;
    const committed = new Map<string, Set<string>>();
    for (const topic of [env.topics.deliveriesUrl, env.topics.deliveriesCookie, env.topics.deliveriesS2s]) {
      const messages: KafkaMessage[] = await readTopic(env, topic);
      routerDuplicates += messages.length - new Set(messages.map((m) => String(m.key))).size;
      if (withPositions) committed.set(topic, new Set(messages.map((m) => String(m.key))));
    }
    const undeliveredUrl = published.filter((e) => !pixels.has(e.uuid)).map((e) => e.uuid);
    // Only the last few are looked up in the retry topics (reading them is not cheap).
    const waiting =
      undeliveredUrl.length <= 50 ? await waitingUrlRetries(undeliveredUrl, retriesDueAfter) : new Set();
    const lostUrl = undeliveredUrl.filter((uuid) => !waiting.has(uuid));
    const lostCookie = published.filter((e) => !cookieSeen.has(e.uuid)).map((e) => e.uuid);
    const lostS2s = published.filter((e) => !s2sUsers.has(e.uuid)).map((e) => e.uuid);
    const lost = { url: lostUrl.length, cookie: lostCookie.length, s2s: lostS2s.length };
    return {
      events: published.length,
      ...(withPositions && lost.url + lost.cookie + lost.s2s > 0
        ? { positions: await positions(committed, { url: lostUrl, cookie: lostCookie, s2s: lostS2s }) }
        : {}),
      lost,
      waitingRetry: { url: waiting.size },
      duplicated: {
        url: [...pixels.values()].reduce((sum, n) => sum + n - 1, 0),
        s2s: [...s2sBatches.values()].reduce((sum, n) => sum + n - 1, 0),
      },
      routerDuplicates,
    };
  };
  const cookieSeen = new Set<string>();

  return {
    env,
    producer,
    allInOne,
    ports,
    cleanups,
    statuses,
    start: () => void allInOne.start(),
    async publish(n) {
      const now = Date.now();
      const events = Array.from({ length: n }, () =>
        sampleEvent({
          pageProtocol: 'HTTP',
          segments: [{ sid: SID, status: 'QUALIFIED', updatedAt: now, dataSourceIds: [] }],
        }),
      );
      for (let i = 0; i < events.length; i += 250) {
        const slice = events.slice(i, i + 250);
        await producer.sendBatch({
          topicMessages: [
            {
              topic: env.topics.idSyncs,
              messages: slice.map((e) => ({
                key: `${e.uuid}|${DPID}`,
                value: env.serdes.idSync.encode({
                  uuid: e.uuid,
                  dpid: DPID,
                  dpuuid: `p-${e.uuid}`,
                  seenAt: now,
                }),
              })),
            },
            {
              topic: env.topics.qualifications,
              messages: slice.map((e) => ({ key: e.uuid, value: env.serdes.qualificationEvent.encode(e) })),
            },
          ],
        });
      }
      published.push(...events);
      return events;
    },
    async settle(timeoutMs = 180_000) {
      let last: FaultOutcome | undefined;
      // A pixel whose retry is due after the window cannot be checked in it: it is waiting, and
      // counted so; one due inside the window must have arrived.
      const deadline = Date.now() + timeoutMs;
      await waitFor(
        async () => {
          last = await count(false, deadline);
          return last.lost.url + last.lost.cookie + last.lost.s2s === 0;
        },
        { timeoutMs, intervalMs: 1000, message: 'every event at every partner' },
      ).catch(() => undefined);
      // A late duplicate gets a moment to show before the final count.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return count(true, deadline);
    },
  };
}
