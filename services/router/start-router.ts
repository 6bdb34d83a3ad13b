/**
 * Wires one router instance: metrics, Kafka clients, the live views of destinations and data
 * sources, the handler, and the exactly-once consume loop (one transaction per partition batch,
 * one transactional producer per input partition). main.ts adds the process concerns; tests, the
 * benchmark and the all-in-one demo start it in-process.
 */
import { KeyedTopicView } from '../../libs/destinations/keyed-topic-view.ts';
import { LiveConfig } from '../../libs/destinations/live-config.ts';
import {
  BrokerProbe,
  ConsumerRunner,
  PartitionProducers,
  SupervisedConsumer,
  createKafka,
  instrumentKafka,
  readProduceLimit,
  topicNames,
} from '../../libs/kafka/index.ts';
import type { ServiceHealth } from '../../libs/runtime/ops-routes.ts';
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
  health: ServiceHealth;
  stop(): Promise<void>;
}

export async function startRouter(
  config: RouterConfig,
  options: { logger: Logger; clientId?: string; onGiveUp?(error: unknown): void },
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
  const samePartitioning =
    new Set(metadata.map((t) => t.partitions.length)).size === 1 ? metadata[0]!.partitions.length : false;

  const maxRequestBytes = await readProduceLimit(
    kafka,
    [topics.deliveriesUrl, topics.deliveriesCookie, topics.deliveriesS2s, topics.deadLetters],
    logger,
  );
  const probe = new BrokerProbe({ kafka, registry });
  await probe.start();
  const producers = new PartitionProducers(kafka, config.transactionalIdPrefix, config.transactionTimeoutMs);
  const supervised = new SupervisedConsumer({
    kafka,
    registry,
    logger,
    settings: {
      groupId: config.groupId,
      sessionTimeoutMs: config.sessionTimeoutMs,
      maxBytesPerPartition: config.maxBytesPerPartition,
      maxBytes: config.maxBytesPerPartition * config.partitionsConsumedConcurrently,
    },
    ...(options.onGiveUp ? { onGiveUp: options.onGiveUp } : {}),
  });
  const { consumer } = supervised;
  instrumentKafka(registry, { consumer });
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    void producers.retain(payload.memberAssignment);
  });

  const runner = new ConsumerRunner({
    service: SERVICE,
    consumer,
    groupId: config.groupId,
    topics: [topics.qualifications],
    decode: (value) => serdes.qualificationEvent.decodeFast(value),
    validate: (event) => validateEvent(event, config.maxSegmentsPerEvent),
    handle: createRouterHandler({ view, serdes, topics, metrics, samePartitioning }),
    exactlyOnce: true,
    producers,
    maxRequestBytes,
    partitionsConsumedConcurrently: config.partitionsConsumedConcurrently,
    deadLetterTopic: topics.deadLetters,
    deadLetterEncoder: serdes.deadLetter,
    logger,
    hooks: {
      ...metrics.consumer.hooks,
      onTransaction: (outcome, seconds) => metrics.router.transactionDuration.observe({ outcome }, seconds),
    },
  });
  await supervised.start(() => runner.start());

  const ready = () => live.ready && dataSources.ready && supervised.ready() && probe.reachable();
  return {
    registry,
    live,
    ready,
    health: {
      readiness: {
        config: () => live.ready && dataSources.ready,
        consumer: () => supervised.ready(),
        broker: () => probe.reachable(),
      },
      liveness: { consumer: () => supervised.live() },
    },
    async stop() {
      await supervised.stop();
      await probe.stop();
      await producers.disconnectAll();
      await Promise.allSettled([live.stop(), dataSources.stop()]);
    },
  };
}
