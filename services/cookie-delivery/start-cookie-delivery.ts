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
  BrokerProbe,
  ConsumerRunner,
  OutputProducer,
  SupervisedConsumer,
  createKafka,
  instrumentKafka,
  readProduceLimit,
  topicNames,
} from '../../libs/kafka/index.ts';
import { createMetrics, type Registry } from '../../libs/metrics/index.ts';
import type { Logger } from '../../libs/runtime/logger.ts';
import { registerOpsRoutes, type ServiceHealth } from '../../libs/runtime/ops-routes.ts';
import {
  SchemaRegistryClient,
  createSerdes,
  registerSerdes,
  validateLimits,
} from '../../libs/schema/index.ts';
import {
  databaseProbe,
  migrateToLatest,
  openStore,
  parseDatabaseUrl,
  type Store,
} from '../../libs/store/index.ts';
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
  health: ServiceHealth;
  stop(): Promise<void>;
}

export interface StartOptions {
  logger: Logger;
  clientId?: string;
  /** Start only the store, config view and HTTP server (benchmarks that fill the store directly). */
  consume?: boolean;
  /** The consumer gave up restarting (main.ts exits for the process supervisor). */
  onGiveUp?(error: unknown): void;
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

  const consume = options.consume ?? true;
  const probe = new BrokerProbe({ kafka, registry });
  const database = databaseProbe(store);
  await Promise.all([probe.start(), database.start()]);
  const producer = new OutputProducer({
    kafka,
    logger,
    service: SERVICE,
    maxRequestBytes: await readProduceLimit(kafka, [topics.deadLetters], logger),
    deadLetterTopic: topics.deadLetters,
    deadLetterEncoder: serdes.deadLetter,
    instrument: (p) => instrumentKafka(registry, { producer: p }),
  });
  const supervised = new SupervisedConsumer({
    kafka,
    registry,
    logger,
    settings: { groupId: config.groupId, maxWaitTimeInMs: 100, sessionTimeoutMs: 30_000 },
    ...(options.onGiveUp ? { onGiveUp: options.onGiveUp } : {}),
  });
  const { consumer } = supervised;
  const stopInstrumenting = instrumentKafka(registry, { consumer });
  if (consume) {
    await producer.connect();
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
    await supervised.start(() => runner.start());
  }

  const health: ServiceHealth = {
    readiness: {
      config: () => live.ready,
      consumer: () => !consume || supervised.ready(),
      broker: () => probe.reachable(),
      database: () => database.reachable(),
    },
    liveness: { consumer: () => !consume || supervised.live() },
  };
  const app = Fastify({ logger: false });
  registerOpsRoutes(app, registry, health.readiness, health.liveness);
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
    ready: () => Object.values(health.readiness).every((check) => check() === true),
    health,
    async stop() {
      await app.close();
      if (consume) await supervised.stop();
      await producer.disconnect();
      await Promise.all([probe.stop(), database.stop()]);
      stopInstrumenting();
      await live.stop();
      if (readStore !== store) await readStore.close();
      await store.close();
    },
  };
}
