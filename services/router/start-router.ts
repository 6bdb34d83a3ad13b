/**
 * Wires one router instance: metrics, Kafka clients, the live views of destinations and data
 * sources, the handler, and the exactly-once consume loop (one transaction per partition batch,
 * one transactional producer per input partition). main.ts adds the process concerns; tests, the
 * benchmark and the all-in-one demo start it in-process.
 */
import { KeyedTopicView } from '../../libs/destinations/keyed-topic-view.ts';
import { LiveConfig } from '../../libs/destinations/live-config.ts';
import {
  ConsumerRunner,
  PartitionProducers,
  createKafka,
  instrumentKafka,
  topicNames,
} from '../../libs/kafka/index.ts';
import { createMetrics, type Registry } from '../../libs/metrics/index.ts';
import type { Logger } from '../../libs/runtime/logger.ts';
import {
  SchemaRegistryClient,
  createSerdes,
  registerSerdes,
  type DataSource,
} from '../../libs/schema/index.ts';
import type { RouterConfig } from './config.ts';
import { createRouterHandler } from './handler.ts';
import { createRouterMetrics } from './metrics.ts';
import type { RoutingView } from './route-event.ts';
import { validateEvent } from '../../libs/schema/index.ts';

export const SERVICE = 'router';

export interface RouterInstance {
  registry: Registry;
  live: LiveConfig;
  ready(): boolean;
  stop(): Promise<void>;
}

export async function startRouter(
  config: RouterConfig,
  options: { logger: Logger; clientId?: string },
): Promise<RouterInstance> {
  const { logger } = options;
  const registry = createMetrics(SERVICE);
  const metrics = createRouterMetrics(registry);
  const topics = topicNames(config.topicPrefix);
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
  const dataSources = new KeyedTopicView<DataSource>({
    kafka,
    topic: topics.dataSources,
    name: `${SERVICE}-data-sources`,
    logger,
    decode: (value) => serdes.dataSource.decode(value),
  });
  await Promise.all([live.start(), dataSources.start()]);
  const view: RoutingView = {
    mappingsForSegment: (sid) => live.mappingsForSegment(sid),
    destination: (id) => live.destination(id),
    prohibitedLabels: (id) => dataSources.get(String(id))?.exportControls,
  };

  const admin = kafka.admin();
  await admin.connect();
  const { topics: metadata } = await admin.fetchTopicMetadata({
    topics: [topics.qualifications, topics.deliveriesUrl, topics.deliveriesCookie, topics.deliveriesS2s],
  });
  await admin.disconnect();
  const samePartitioning = new Set(metadata.map((t) => t.partitions.length)).size === 1;

  const producers = new PartitionProducers(kafka, config.transactionalIdPrefix, config.transactionTimeoutMs);
  const consumer = kafka.consumer({
    groupId: config.groupId,
    maxBytesPerPartition: config.maxBytesPerPartition,
    maxBytes: config.maxBytesPerPartition * config.partitionsConsumedConcurrently,
    readUncommitted: false,
    sessionTimeout: config.sessionTimeoutMs,
    heartbeatInterval: Math.min(3_000, Math.floor(config.sessionTimeoutMs / 5)),
  });
  instrumentKafka(registry, { consumer });
  let assigned = false;
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    assigned = true;
    void producers.retain(payload.memberAssignment);
  });
  // Not ready while the consumer is down (it rejoins, or the process must be restarted).
  consumer.on(consumer.events.CRASH, () => {
    assigned = false;
  });
  consumer.on(consumer.events.STOP, () => {
    assigned = false;
  });
  await consumer.connect();

  const runner = new ConsumerRunner({
    service: SERVICE,
    consumer,
    groupId: config.groupId,
    topics: [topics.qualifications],
    decode: (value) => serdes.qualificationEvent.decodeFast(value),
    validate: (event) => validateEvent(event, config.maxSegmentsPerEvent),
    handle: createRouterHandler({ view, serdes, topics, metrics, samePartitioning }),
    exactlyOnce: true,
    producerFor: (topic, partition) => producers.get(topic, partition),
    partitionsConsumedConcurrently: config.partitionsConsumedConcurrently,
    deadLetterTopic: topics.deadLetters,
    deadLetterEncoder: serdes.deadLetter,
    logger,
    hooks: {
      ...metrics.consumer.hooks,
      onTransaction: (outcome, seconds) => metrics.router.transactionDuration.observe({ outcome }, seconds),
    },
  });
  await runner.start();

  return {
    registry,
    live,
    ready: () => live.ready && dataSources.ready && assigned,
    async stop() {
      await consumer.disconnect();
      await producers.disconnectAll();
      await Promise.allSettled([live.stop(), dataSources.stop()]);
    },
  };
}
