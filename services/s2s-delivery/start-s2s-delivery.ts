/**
 * Wires one s2s-delivery instance: metrics registry, state store (migrated), Kafka clients and the
 * stored-offset consume loop over deliveries.s2s + id-syncs. main.ts adds the process concerns
 * (env, HTTP ops server, signals); tests start it in-process or as a child process.
 * Real-time HTTP delivery and scheduled batch exports build on this state and are not wired yet.
 */
import { createKafka, createProducer, StoredOffsetConsumer, topicNames } from '../../libs/kafka/index.ts';
import { createMetrics, type Registry } from '../../libs/metrics/index.ts';
import { SchemaRegistryClient, createSerdes, registerSerdes } from '../../libs/schema/index.ts';
import type { Logger } from '../../libs/runtime/logger.ts';
import {
  countAudience,
  loadOffsets,
  migrateToLatest,
  openStore,
  type Store,
} from '../../libs/store/index.ts';
import type { S2sDeliveryConfig } from './config.ts';
import { createHandler } from './handler.ts';
import { createS2sDeliveryMetrics, type S2sDeliveryMetrics } from './metrics.ts';
import type { S2sInput } from './to-state-batch.ts';

export const SERVICE = 's2s-delivery';
const DAY_MS = 24 * 3600 * 1000;

export interface S2sDeliveryInstance {
  registry: Registry;
  store: Store;
  ready(): boolean;
  stop(): Promise<void>;
}

export interface StartOptions {
  logger: Logger;
  clientId?: string;
}

export async function startS2sDelivery(
  config: S2sDeliveryConfig,
  options: StartOptions,
): Promise<S2sDeliveryInstance> {
  const { logger } = options;
  const registry = createMetrics(SERVICE);
  const metrics = createS2sDeliveryMetrics(registry);
  const store = openStore(config.databaseUrl);
  await migrateToLatest(store);

  const topics = topicNames(config.topicPrefix);
  const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: options.clientId ?? SERVICE, logger });
  const serdes = createSerdes(new SchemaRegistryClient(config.schemaRegistryUrl), topics);
  await registerSerdes(serdes);
  const producer = createProducer(kafka);
  const admin = kafka.admin();
  const consumer = kafka.consumer({
    groupId: config.groupId,
    maxWaitTimeInMs: 100,
    sessionTimeout: config.sessionTimeoutMs,
    heartbeatInterval: Math.min(3000, Math.floor(config.sessionTimeoutMs / 3)),
    maxBytesPerPartition: config.maxBytesPerPartition,
  });
  await Promise.all([producer.connect(), admin.connect(), consumer.connect()]);

  const loop = new StoredOffsetConsumer<S2sInput>({
    service: SERVICE,
    consumer,
    admin,
    topics: [topics.deliveriesS2s, topics.idSyncs],
    loadOffsets: (topic) => loadOffsets(store, config.groupId, topic),
    decode: async (topic, value): Promise<S2sInput> =>
      topic === topics.idSyncs
        ? { kind: 'idSync', value: await serdes.idSync.decode(value) }
        : { kind: 'delivery', value: await serdes.s2sDeliveryRequest.decode(value) },
    handle: createHandler({ store, groupId: config.groupId, metrics }),
    producer,
    deadLetterTopic: topics.deadLetters,
    deadLetterEncoder: serdes.deadLetter,
    logger,
    hooks: metrics.consumer.hooks,
    partitionsConsumedConcurrently: config.partitionsConsumedConcurrently,
  });
  let running = false;
  let crashed = false;
  consumer.on(consumer.events.CRASH, (event) => {
    if (!event.payload.restart) crashed = true;
  });
  await loop.start();
  running = true;

  const refresh = setInterval(() => {
    void refreshAudience(store, metrics, config.idSyncMaxAgeDays).catch((error: unknown) =>
      logger.warn({ err: error }, 'audience count failed'),
    );
  }, config.audienceRefreshMs);
  refresh.unref();

  return {
    registry,
    store,
    ready: () => running && !crashed,
    async stop() {
      running = false;
      clearInterval(refresh);
      await loop.stop();
      await Promise.all([producer.disconnect(), admin.disconnect()]);
      await store.close();
    },
  };
}

async function refreshAudience(store: Store, metrics: S2sDeliveryMetrics, maxAgeDays: number): Promise<void> {
  const counts = await countAudience(store, { syncCutoff: Date.now() - maxAgeDays * DAY_MS });
  for (const { destinationId, addressable, unaddressable } of counts) {
    metrics.audience.set({ destination_id: String(destinationId), state: 'addressable' }, addressable);
    metrics.audience.set({ destination_id: String(destinationId), state: 'unaddressable' }, unaddressable);
  }
}
