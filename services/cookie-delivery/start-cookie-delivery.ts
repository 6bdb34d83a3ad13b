/**
 * Wires one cookie-delivery instance: metrics registry, the state store (migrated; SQLite gets a
 * second connection for edge reads so they never queue behind a write transaction), Kafka clients,
 * the live destination config, the consume loop over deliveries.cookie, and the HTTP server with the
 * edge read endpoint and /metrics /healthz /readyz. main.ts adds env and signals; tests and the
 * benchmark start it in-process.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { LiveConfig } from '../../libs/destinations/live-config.ts';
import {
  ConsumerRunner,
  createKafka,
  createProducer,
  instrumentKafka,
  topicNames,
} from '../../libs/kafka/index.ts';
import { createMetrics, type Registry } from '../../libs/metrics/index.ts';
import type { Logger } from '../../libs/runtime/logger.ts';
import { registerOpsRoutes } from '../../libs/runtime/ops-routes.ts';
import {
  SchemaRegistryClient,
  createSerdes,
  registerSerdes,
  validateLimits,
} from '../../libs/schema/index.ts';
import { migrateToLatest, openStore, parseDatabaseUrl, type Store } from '../../libs/store/index.ts';
import type { CookieDeliveryConfig } from './config.ts';
import { registerCookieRoutes } from './cookie-routes.ts';
import { createHandler, type CookieRecord } from './handler.ts';
import { cookieDeliveryMetrics } from './metrics.ts';

export const SERVICE = 'cookie-delivery';

export interface CookieDeliveryInstance {
  registry: Registry;
  app: FastifyInstance;
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:8084. */
  url: string;
  store: Store;
  live: LiveConfig;
  ready(): boolean;
  stop(): Promise<void>;
}

export interface StartOptions {
  logger: Logger;
  clientId?: string;
  /** Start only the store, config view and HTTP server (benchmarks that fill the store directly). */
  consume?: boolean;
}

export async function startCookieDelivery(
  config: CookieDeliveryConfig,
  options: StartOptions,
): Promise<CookieDeliveryInstance> {
  const { logger } = options;
  const registry = createMetrics(SERVICE);
  const metrics = cookieDeliveryMetrics(registry);
  const topics = topicNames(config.topicPrefix);

  const store = openStore(config.databaseUrl, { poolSize: config.databasePoolSize });
  await migrateToLatest(store);
  const target = parseDatabaseUrl(config.databaseUrl);
  const separateReader = target.dialect === 'sqlite' && target.filename !== ':memory:';
  const readStore = separateReader ? openStore(config.databaseUrl) : store;

  const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: options.clientId ?? SERVICE, logger });
  const serdes = createSerdes(new SchemaRegistryClient(config.schemaRegistryUrl), topics);
  await registerSerdes(serdes);
  const live = new LiveConfig({
    kafka,
    topic: topics.destinations,
    serde: serdes.destinationConfig,
    logger,
    service: SERVICE,
  });
  await live.start();

  const producer = createProducer(kafka);
  const consumer = kafka.consumer({ groupId: config.groupId, maxWaitTimeInMs: 100, sessionTimeout: 30_000 });
  const stopInstrumenting = instrumentKafka(registry, { consumer, producer });
  let assigned = false;
  let crashed = false;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    assigned = true;
  });
  consumer.on(consumer.events.CRASH, (event) => {
    if (!event.payload.restart) crashed = true;
  });
  const consume = options.consume ?? true;
  if (consume) {
    await producer.connect();
    await consumer.connect();
    const runner = new ConsumerRunner<CookieRecord>({
      service: SERVICE,
      consumer,
      groupId: config.groupId,
      topics: [topics.deliveriesCookie],
      decode: async (value) => ({ raw: value, request: await serdes.cookieDeliveryRequest.decode(value) }),
      validate: ({ request }) => validateLimits.cookieDeliveryRequest(request),
      handle: createHandler({
        service: SERVICE,
        groupId: config.groupId,
        store,
        destinations: live,
        metrics,
        deadLetterTopic: topics.deadLetters,
        deadLetterEncoder: serdes.deadLetter,
      }),
      producer,
      exactlyOnce: false,
      partitionsConsumedConcurrently: config.partitionsConsumedConcurrently,
      deadLetterTopic: topics.deadLetters,
      deadLetterEncoder: serdes.deadLetter,
      logger,
      hooks: metrics.consumer.hooks,
    });
    await runner.start();
  }

  const app = Fastify({ logger: false });
  registerOpsRoutes(app, registry, {
    config: () => live.ready,
    consumer: () => !consume || (assigned && !crashed),
  });
  registerCookieRoutes(app, { store: readStore, destinations: live, metrics });
  await app.listen({ host: config.httpHost, port: config.httpPort });
  const { port } = app.server.address() as AddressInfo;
  const host = config.httpHost === '0.0.0.0' ? '127.0.0.1' : config.httpHost;

  return {
    registry,
    app,
    url: `http://${host}:${port}`,
    store,
    live,
    ready: () => live.ready && (!consume || (assigned && !crashed)),
    async stop() {
      await app.close();
      if (consume) {
        await consumer.disconnect();
        await producer.disconnect();
      }
      stopInstrumenting();
      await live.stop();
      if (readStore !== store) await readStore.close();
      await store.close();
    },
  };
}
