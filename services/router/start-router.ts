/**
 * Wires one router instance: the service context (metrics, Kafka, serdes, broker probe), the live
 * views of destinations and data sources, the handler, and the exactly-once consume loop (one
 * transaction per partition batch, one transactional producer per input partition). main.ts runs
 * the definition; tests, the benchmark and the all-in-one demo start it in-process.
 */
import { KeyedTopicView } from '../../libs/destinations/keyed-topic-view.ts';
import type { LiveConfig } from '../../libs/destinations/live-config.ts';
import {
  CommittedOffsets,
  ConsumerRunner,
  PartitionProducers,
  readProduceLimit,
} from '../../libs/kafka/index.ts';
import type { ServiceHealth } from '../../libs/runtime/ops-routes.ts';
import {
  opsApp,
  readyOf,
  type ServiceDefinition,
  type ServiceInstance,
  type StartOptions,
} from '../../libs/runtime/service.ts';
import { openServiceContext } from '../../libs/runtime/service-context.ts';
import { validateEvent, type DataSource } from '../../libs/schema/index.ts';
import { routerConfigSchema, type RouterConfig } from './config.ts';
import { createRouterHandler } from './handler.ts';
import { createRouterMetrics } from './metrics.ts';
import type { RoutingView } from './route-event.ts';

export const SERVICE = 'router';

export interface RouterInstance extends ServiceInstance {
  live: LiveConfig;
}

export async function startRouter(config: RouterConfig, options: StartOptions): Promise<RouterInstance> {
  const context = await openServiceContext(SERVICE, config, options);
  const { kafka, topics, serdes, registry, logger } = context;
  const metrics = createRouterMetrics(registry);

  const dataSources = new KeyedTopicView<DataSource>({
    kafka,
    topic: topics.dataSources,
    name: `${SERVICE}-data-sources`,
    logger,
    decode: (value) => serdes.dataSource.decode(value),
  });
  const [live] = await Promise.all([context.liveConfig(), dataSources.start()]);
  const view: RoutingView = {
    mappingsForSegment: (sid) => live.mappingsForSegment(sid),
    destination: (id) => live.destination(id),
    prohibitedLabels: (id) => dataSources.get(String(id))?.exportControls,
  };
  const outputs = [topics.deliveriesUrl, topics.deliveriesCookie, topics.deliveriesS2s];
  const samePartitioning = await context.samePartitioning([topics.qualifications, ...outputs]);
  const maxRequestBytes = await readProduceLimit(kafka, [...outputs, topics.deadLetters], logger);

  const producers = new PartitionProducers(kafka, config.transactionalIdPrefix, config.transactionTimeoutMs);
  const committedOffsets = new CommittedOffsets(kafka, config.groupId);
  const supervised = context.groupConsumer({
    groupId: config.groupId,
    sessionTimeoutMs: config.sessionTimeoutMs,
    maxBytesPerPartition: config.maxBytesPerPartition,
    maxBytes: config.maxBytesPerPartition * config.partitionsConsumedConcurrently,
    onAssignment: (assignment) => void producers.retain(assignment),
  });
  const runner = new ConsumerRunner({
    service: SERVICE,
    consumer: supervised.consumer,
    groupId: config.groupId,
    topics: [topics.qualifications],
    decode: (value) => serdes.qualificationEvent.decodeFast(value),
    validate: (event) => validateEvent(event, config.maxSegmentsPerEvent),
    handle: createRouterHandler({ view, serdes, topics, metrics, samePartitioning }),
    exactlyOnce: true,
    producers,
    committedOffsets,
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

  const health: ServiceHealth = {
    readiness: {
      config: () => live.ready && dataSources.ready,
      consumer: () => supervised.ready(),
      broker: () => context.probe.reachable(),
    },
    liveness: { consumer: () => supervised.live() },
  };
  const app = opsApp(registry, health);
  return {
    app,
    registry,
    live,
    health,
    ready: readyOf(health),
    async stop() {
      await app.close();
      await supervised.stop();
      await producers.disconnectAll();
      await committedOffsets.close();
      await dataSources.stop().catch(() => undefined);
      await context.close();
    },
  };
}

export const routerService: ServiceDefinition<RouterConfig, RouterInstance> = {
  name: SERVICE,
  configSchema: routerConfigSchema,
  start: startRouter,
  address: (config) => ({ host: config.httpHost, port: config.httpPort }),
  stopping: 'stopping: finishing the batch in flight, leaving the group',
};
