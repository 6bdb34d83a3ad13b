/**
 * Wires one cookie-delivery instance: metrics registry, the state store (migrated; SQLite gets a
 * second connection for edge reads so they never queue behind a write transaction), Kafka clients,
 * the live destination config, the consume loop over deliveries.cookie, and the HTTP app (not
 * listening) with the edge read endpoint and /metrics /healthz /readyz. main.ts runs the definition;
 * tests and the benchmark start it in-process.
 */
import type { LiveConfig } from '../../libs/destinations/live-config.ts';
import { ConsumerRunner } from '../../libs/kafka/index.ts';
import type { ServiceHealth } from '../../libs/runtime/ops-routes.ts';
import {
  opsApp,
  readyOf,
  type ServiceDefinition,
  type ServiceInstance,
  type StartOptions as RuntimeStartOptions,
} from '../../libs/runtime/service.ts';
import { openServiceContext } from '../../libs/runtime/service-context.ts';
import { validateLimits } from '../../libs/schema/index.ts';
import {
  databaseProbe,
  migrateToLatest,
  openStore,
  parseDatabaseUrl,
  type Store,
} from '../../libs/store/index.ts';
import { cookieDeliveryConfigSchema, type CookieDeliveryConfig } from './config.ts';
import { registerCookieRoutes } from './cookie-routes.ts';
import { COOKIE_MIGRATIONS } from './migrations.ts';
import { createHandler, type CookieRecord } from './handler.ts';
import { createCookieDeliveryMetrics } from './metrics.ts';

export const SERVICE = 'cookie-delivery';

export interface CookieDeliveryInstance extends ServiceInstance {
  store: Store;
  live: LiveConfig;
}

export interface StartOptions extends RuntimeStartOptions {
  /** Start only the store, config view and HTTP server (benchmarks that fill the store directly). */
  consume?: boolean;
}

export async function startCookieDelivery(
  config: CookieDeliveryConfig,
  options: StartOptions,
): Promise<CookieDeliveryInstance> {
  const store = openStore(config.databaseUrl, { poolSize: config.databasePoolSize });
  await migrateToLatest(store, COOKIE_MIGRATIONS);
  const target = parseDatabaseUrl(config.databaseUrl);
  const separateReader = target.dialect === 'sqlite' && target.filename !== ':memory:';
  const readStore = separateReader ? openStore(config.databaseUrl) : store;

  const context = await openServiceContext(SERVICE, config, options);
  const { topics, serdes, registry, logger } = context;
  const metrics = createCookieDeliveryMetrics(registry);
  const live = await context.liveConfig();

  const consume = options.consume ?? true;
  const database = databaseProbe(store);
  await database.start();
  const producer = await context.outputProducer([], { connect: false });
  const supervised = context.groupConsumer({
    groupId: config.groupId,
    maxWaitTimeInMs: 100,
    sessionTimeoutMs: 30_000,
  });
  if (consume) {
    await producer.connect();
    const runner = new ConsumerRunner<CookieRecord>({
      service: SERVICE,
      consumer: supervised.consumer,
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
      broker: () => context.probe.reachable(),
      database: () => database.reachable(),
    },
    liveness: { consumer: () => !consume || supervised.live() },
  };
  const app = opsApp(registry, health);
  registerCookieRoutes(app, { store: readStore, destinations: live, metrics });

  return {
    app,
    registry,
    store,
    live,
    health,
    ready: readyOf(health),
    async stop() {
      await app.close();
      if (consume) await supervised.stop();
      await database.stop();
      await context.close();
      if (readStore !== store) await readStore.close();
      await store.close();
    },
  };
}

export const cookieDeliveryService: ServiceDefinition<CookieDeliveryConfig, CookieDeliveryInstance> = {
  name: SERVICE,
  configSchema: cookieDeliveryConfigSchema,
  start: startCookieDelivery,
  address: (config) => ({ host: config.httpHost, port: config.httpPort }),
  stopping: 'stopping: finishing the batch in flight',
};
