/**
 * Pieces of the cookie-delivery integration tests: the service on a test environment's topics with
 * its own database (SQLite file or PostgreSQL schema), request samples, a dead-letter reader and
 * the edge read.
 */
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../libs/config/index.ts';
import { listen } from '../../libs/runtime/service.ts';
import { createProducer, type Producer } from '../../libs/kafka/index.ts';
import type {
  CookieDeliveryRequest,
  CookieSettings,
  DeadLetter,
  DestinationConfig,
} from '../../libs/schema/index.ts';
import type { StoreDialect } from '../../libs/store/index.ts';
import {
  cookieDeliveryConfigSchema,
  type CookieDeliveryConfig,
} from '../../services/cookie-delivery/config.ts';
import {
  startCookieDelivery,
  type CookieDeliveryInstance,
} from '../../services/cookie-delivery/start-cookie-delivery.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { cookieDestination } from './destinations.ts';
import { sampleUuid } from './samples.ts';
import { brokers, registryUrl, testLogger, type TestEnvironment } from './stack.ts';

export type CookieSegment = CookieDeliveryRequest['segments'][number];

export const seg = (
  sid: number,
  value = String(sid),
  key: string | null = null,
  priority: number | null = null,
) => ({
  sid,
  value,
  key,
  priority,
});

export function cookieRequest(
  destinationId: number,
  segments: CookieSegment[],
  overrides: Partial<CookieDeliveryRequest> = {},
): CookieDeliveryRequest {
  const now = Date.now();
  const eventId = randomUUID();
  return {
    deliveryId: `${eventId}:${destinationId}`,
    eventId,
    eventTime: now,
    routedAt: now,
    uuid: sampleUuid(),
    destinationId,
    destinationVersion: 1,
    region: 9,
    pageProtocol: 'HTTPS',
    mcid: null,
    partnerIds: [],
    gdprApplies: false,
    tcString: null,
    segments,
    ...overrides,
  };
}

/** A cookie destination with some cookie settings replaced. */
export function cookieConfig(id: number, settings: Partial<CookieSettings>): DestinationConfig {
  const base = cookieDestination(id, [1, 2, 3, 4, 5]);
  return { ...base, cookie: { ...base.cookie!, ...settings } };
}

export interface CookieRead {
  status: number;
  body: {
    cookies?: { name: string; value: string; domain: string; ttlDays: number }[];
    message?: string;
  };
  setCookie: string[];
}

export interface CookieHarness {
  env: TestEnvironment;
  database: TestDatabase;
  producer: Producer;
  /** The running service, with the base URL it listens on. */
  service: CookieDeliveryInstance & { url: string };
  deadLetters: DeadLetter[];
  publish(configs: DestinationConfig[]): Promise<void>;
  produce(requests: CookieDeliveryRequest[]): Promise<void>;
  read(path: string): Promise<CookieRead>;
  /** The cookies served to `domain` for `uuid` (JSON body), after a successful read. */
  cookies(uuid: string, domain: string): Promise<NonNullable<CookieRead['body']['cookies']>>;
  /** Starts the service again on the same database (a restart). */
  restart(overrides?: Partial<CookieDeliveryConfig>): Promise<void>;
  stop(): Promise<void>;
}

export async function startCookieHarness(
  env: TestEnvironment,
  dialect: StoreDialect,
  destinations: DestinationConfig[],
  overrides: Partial<CookieDeliveryConfig> = {},
): Promise<CookieHarness> {
  const database = await createTestDatabase(dialect, 'cookie');
  const producer = createProducer(env.kafka);
  await producer.connect();
  const publish = async (configs: DestinationConfig[]) => {
    await producer.send({
      topic: env.topics.destinations,
      messages: configs.map((c) => ({ key: String(c.id), value: env.serdes.destinationConfig.encode(c) })),
    });
  };
  await publish(destinations);
  const config = (more: Partial<CookieDeliveryConfig>): CookieDeliveryConfig => ({
    ...loadConfig(cookieDeliveryConfigSchema, {}),
    kafkaBrokers: brokers,
    schemaRegistryUrl: registryUrl,
    topicPrefix: env.prefix,
    groupId: `${env.prefix}cookie-delivery`,
    databaseUrl: database.url,
    httpHost: '127.0.0.1',
    httpPort: 0,
    ...overrides,
    ...more,
  });
  const start = async (more: Partial<CookieDeliveryConfig>) => {
    const instance = await startCookieDelivery(config(more), {
      logger: testLogger,
      clientId: `${env.prefix}cookie`,
    });
    return Object.assign(instance, { url: await listen(instance.app, '127.0.0.1', 0) });
  };
  let service = await start({});

  const deadLetters: DeadLetter[] = [];
  const dlq = env.kafka.consumer({ groupId: `${env.prefix}dlq-reader`, maxWaitTimeInMs: 100 });
  await dlq.connect();
  await dlq.subscribe({ topic: env.topics.deadLetters, fromBeginning: true });
  await dlq.run({
    eachMessage: async ({ message }) => {
      deadLetters.push(await env.serdes.deadLetter.decode(message.value));
    },
  });

  const read = async (path: string): Promise<CookieRead> => {
    const response = await fetch(`${harness.service.url}${path}`);
    return {
      status: response.status,
      body: (await response.json()) as CookieRead['body'],
      setCookie: response.headers.getSetCookie(),
    };
  };
  const harness: CookieHarness = {
    env,
    database,
    producer,
    service,
    deadLetters,
    publish,
    async produce(requests) {
      await producer.send({
        topic: env.topics.deliveriesCookie,
        messages: requests.map((r) => ({ key: r.uuid, value: env.serdes.cookieDeliveryRequest.encode(r) })),
      });
    },
    read,
    async cookies(uuid, domain) {
      const result = await read(`/v1/cookies/${uuid}?domain=${encodeURIComponent(domain)}`);
      if (result.status !== 200)
        throw new Error(`read failed: ${result.status} ${JSON.stringify(result.body)}`);
      return result.body.cookies ?? [];
    },
    async restart(more = {}) {
      await service.stop();
      service = await start(more);
      harness.service = service;
    },
    async stop() {
      await dlq.disconnect();
      await harness.service.stop();
      await producer.disconnect();
      await database.drop();
    },
  };
  return harness;
}

export { metricValue } from './metric-value.ts';
