/**
 * The whole product in-process against the real broker, registry and SQLite, each service on its
 * own ops server (port 0) as its main.ts serves it: destination-builder, router, url-delivery,
 * cookie-delivery, s2s-delivery and lag-exporter. A local partner answers 503 on /fail and 200
 * elsewhere (/ok pixels, /s2s real-time POSTs). `driveTraffic` configures destinations on the destinations topic and sends qualification
 * events, poison records and ID syncs, so every dashboard metric has something to show.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Env } from '../../libs/config/index.ts';
import { createProducer, type Producer } from '../../libs/kafka/index.ts';
import { launchService, type ServiceInstance } from '../../libs/runtime/service.ts';
import type { DestinationConfig, QualificationEvent } from '../../libs/schema/index.ts';
import type { LagExporterConfig } from '../../services/lag-exporter/config.ts';
import type { LagExporter } from '../../services/lag-exporter/start-lag-exporter.ts';
import type { S2sDeliveryInstance } from '../../services/s2s-delivery/start-s2s-delivery.ts';
import {
  DATA_PLANE,
  SERVICE_DEFINITIONS,
  SERVICES,
  type ServiceName,
} from '../../services/service-definitions.ts';
import { ADMIN_TOKEN, SECRET_KEYS } from './builder.ts';
import { cookieDestination, s2sDestination, urlDestination } from './destinations.ts';
import { sampleEvent } from './samples.ts';
import { brokers, registryUrl, testEnvironment, testLogger, type TestEnvironment } from './stack.ts';
import { startSink, type Sink } from './url-delivery-harness.ts';

export { SERVICES, type ServiceName };
export const CONSUMER_SERVICES = DATA_PLANE;

/** Destination ids and the segments mapped to them. */
export const DESTINATIONS = { urlOk: 7, urlFailing: 8, cookie: 2, s2s: 3 } as const;
const SID = { all: 101, failing: 201, unmapped: 999 } as const;
const DPID = 20915;

export interface LiveServices {
  env: TestEnvironment;
  sink: Sink;
  producer: Producer;
  /** Base URL of each service's ops server (GET /metrics, /healthz, /readyz). */
  urls: Record<ServiceName, string>;
  /** Consumer group of each consumer service (prefixed per test). */
  groups: Record<(typeof CONSUMER_SERVICES)[number], string>;
  /** A group the lag exporter is told about but nobody uses (group_missing). */
  missingGroup: string;
  lagExporter: LagExporter;
  /** Runs the S2S destination's FULL export now (what the export API's trigger does). */
  exportNow(): Promise<unknown>;
  stop(): Promise<void>;
}

export interface LiveOptions {
  /** Extra lag-exporter config, given the other services' ops URLs (e.g. the status page's targets). */
  lagExporter?: (urls: Omit<Record<ServiceName, string>, 'lag-exporter'>) => Partial<LagExporterConfig>;
}

export async function startLiveServices(label: string, options: LiveOptions = {}): Promise<LiveServices> {
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const fn of stops.splice(0).reverse()) await fn().catch(() => undefined);
  };
  try {
    const env = await testEnvironment(label);
    const dir = await mkdtemp(join(tmpdir(), `${label}-`));
    stops.push(() => rm(dir, { recursive: true, force: true }));
    const sink = await startSink(({ path }) => ({ status: path.startsWith('/fail') ? 503 : 200 }));
    stops.push(() => sink.close());
    const producer = createProducer(env.kafka);
    await producer.connect();
    stops.push(() => producer.disconnect());
    await publishDestinations(env, producer, destinations(sink, dir));

    const common: Env = {
      KAFKA_BROKERS: brokers.join(','),
      SCHEMA_REGISTRY_URL: registryUrl,
      TOPIC_PREFIX: env.prefix,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: '0',
    };
    const groups = {
      router: `${env.prefix}router`,
      'url-delivery': `${env.prefix}url-delivery`,
      'cookie-delivery': `${env.prefix}cookie-delivery`,
      's2s-delivery': `${env.prefix}s2s-delivery`,
    };
    // Each service from the list all-in-one starts, with the environment its main.ts would read.
    const urls: Partial<Record<ServiceName, string>> = {};
    const instances: Partial<Record<ServiceName, ServiceInstance>> = {};
    const launch = async (name: ServiceName, vars: Env, overrides: object = {}) => {
      const definition = SERVICE_DEFINITIONS[name] as (typeof SERVICE_DEFINITIONS)['router'];
      const { instance, url } = await launchService(
        definition,
        { ...common, ...vars },
        { logger: testLogger, clientId: `${env.prefix}${name}`, overrides },
      );
      stops.push(() => instance.stop());
      urls[name] = url;
      instances[name] = instance;
    };

    await launch('destination-builder', {
      HOST: '127.0.0.1',
      PORT: '0',
      SECRET_KEYS: SECRET_KEYS.join(','),
      BOOTSTRAP_ADMIN_TOKEN: ADMIN_TOKEN,
      LOCAL_EXPORT_ROOTS: [...new Set(['/tmp', tmpdir()])].join(','),
    });
    await launch('router', {
      GROUP_ID: groups.router,
      TRANSACTIONAL_ID_PREFIX: `${env.prefix}router`,
      SESSION_TIMEOUT_MS: '10000',
    });
    await launch(
      'url-delivery',
      { GROUP_ID: groups['url-delivery'] },
      {
        outboundAllowList: ['127.0.0.1'],
        connectTimeoutMs: 500,
        responseTimeoutMs: 500,
        retryJitter: 0,
        maxAttempts: 2,
        breakerVolumeThreshold: 2,
        // Calls refused by the open circuit are not attempts: the failing destination spends its
        // second attempt on the circuit's trial call, 1 s after it opened, and is then given up.
        breakerResetMs: 1000,
      },
    );
    await launch('cookie-delivery', {
      GROUP_ID: groups['cookie-delivery'],
      DATABASE_URL: `sqlite://${join(dir, 'cookie.db')}`,
    });
    await launch('s2s-delivery', {
      GROUP_ID: groups['s2s-delivery'],
      DATABASE_URL: `sqlite://${join(dir, 's2s.db')}`,
      SESSION_TIMEOUT_MS: '10000',
      AUDIENCE_REFRESH_MS: '1000',
      EXPORT_STAGING_DIR: join(dir, 'staging'),
      EXPORT_CHECK_MS: '200',
      OUTBOUND_ALLOW_LIST: '127.0.0.1',
      LOCAL_EXPORT_ROOTS: dir,
    });
    const dataPlaneUrls = { ...urls } as Omit<Record<ServiceName, string>, 'lag-exporter'>;
    const missingGroup = `${env.prefix}missing-group`;
    await launch(
      'lag-exporter',
      {},
      {
        consumerGroups: [...Object.values(groups), missingGroup],
        cacheTtlMs: 500,
        ...options.lagExporter?.(dataPlaneUrls),
      },
    );
    const s2s = instances['s2s-delivery'] as S2sDeliveryInstance;

    return {
      env,
      sink,
      producer,
      urls: urls as Record<ServiceName, string>,
      groups,
      missingGroup,
      lagExporter: instances['lag-exporter'] as LagExporter,
      exportNow: () => s2s.exportNow(DESTINATIONS.s2s, 'full'),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The destinations of the live run: a healthy and a failing URL partner, a cookie and an S2S one. */
function destinations(sink: Sink, dir: string): DestinationConfig[] {
  const pixel = (path: string) => ({
    serialize: true,
    baseUrl: `${sink.base}${path}?s=%alias%&u=%did%`,
    secureUrl: null,
    delimiter: ',',
    referrerPolicy: 'HIDE' as const,
  });
  const s2s = s2sDestination(DESTINATIONS.s2s, [SID.all]);
  return [
    urlDestination(DESTINATIONS.urlOk, [SID.all], { url: pixel('/ok') }),
    urlDestination(DESTINATIONS.urlFailing, [SID.failing], { url: pixel('/fail') }),
    cookieDestination(DESTINATIONS.cookie, [SID.all]),
    {
      ...s2s,
      s2s: s2s.s2s && {
        ...s2s.s2s,
        dpid: DPID,
        realTime: {
          endpoint: `${sink.base}/s2s`,
          auth: 'NONE',
          oauthTokenUrl: null,
          oauthClientId: null,
          oauthClientSecret: null,
          hmacAlgorithm: 'SHA256',
          hmacHeader: null,
          hmacKey: null,
          hmacKeyEncoding: 'UTF8',
          usersPerRequest: 10,
          flushIntervalMs: 100,
          timeoutMs: 1000,
        },
        batch: s2s.s2s.batch && {
          ...s2s.s2s.batch,
          syncModes: ['FULL'],
          localDir: join(dir, 'exports'),
        },
      },
    },
  ];
}

async function publishDestinations(env: TestEnvironment, producer: Producer, configs: DestinationConfig[]) {
  await producer.send({
    topic: env.topics.destinations,
    messages: configs.map((c) => ({ key: String(c.id), value: env.serdes.destinationConfig.encode(c) })),
  });
}

/**
 * One round of traffic: `events` qualifications mapped to every destination (one in four also to
 * the failing partner, one in five only to an unmapped segment, which the router drops), their ID
 * syncs, and with `poison` one undecodable record on each consumed topic (dead letters everywhere).
 */
export async function driveTraffic(live: LiveServices, events = 20, poison = true): Promise<void> {
  const { env, producer } = live;
  const batch: QualificationEvent[] = Array.from({ length: events }, (_, i) => {
    const now = Date.now();
    const sids = i % 5 === 4 ? [SID.unmapped] : i % 4 === 0 ? [SID.all, SID.failing] : [SID.all];
    return sampleEvent({
      pageProtocol: 'HTTP',
      segments: sids.map((sid) => ({ sid, status: 'QUALIFIED', updatedAt: now, dataSourceIds: [] })),
    });
  });
  const garbage = { key: 'poison', value: Buffer.from('not avro at all') };
  await producer.sendBatch({
    topicMessages: [
      {
        topic: env.topics.qualifications,
        messages: [
          ...batch.map((e) => ({ key: e.uuid, value: env.serdes.qualificationEvent.encode(e) })),
          ...(poison ? [garbage] : []),
        ],
      },
      {
        topic: env.topics.idSyncs,
        messages: batch.map((e) => ({
          key: `${e.uuid}|${DPID}`,
          value: env.serdes.idSync.encode({
            uuid: e.uuid,
            dpid: DPID,
            dpuuid: `p-${e.uuid}`,
            seenAt: Date.now(),
          }),
        })),
      },
      ...(poison
        ? [env.topics.deliveriesUrl, env.topics.deliveriesCookie, env.topics.deliveriesS2s]
        : []
      ).map((topic) => ({ topic, messages: [garbage] })),
    ],
  });
}

/** Steady traffic without poison until the returned function is called (pages that plot rates). */
export function keepDriving(live: LiveServices, everyMs = 250, events = 5): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => driveTraffic(live, events, false)).catch(() => undefined);
  }, everyMs);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
