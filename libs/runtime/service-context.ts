/**
 * What every service opens first, in one place (issue 15): its metrics registry, topic names, the
 * Kafka client, the registered serdes and the broker probe; and, on demand, the group consumer
 * (readiness, restart policy, session/heartbeat, client metrics: libs/kafka/supervised-consumer.ts),
 * the output producer sized to the broker's limit, an admin client, and the live view of the
 * destinations topic. Everything it opened is closed by `close()`, after the service's own parts.
 */
import { LiveConfig } from '../destinations/live-config.ts';
import {
  BrokerProbe,
  OutputProducer,
  SupervisedConsumer,
  createKafka,
  instrumentKafka,
  partitionCounts,
  readProduceLimit,
  topicNames,
  type Admin,
  type ConsumerSettings,
  type Kafka,
  type TopicNames,
} from '../kafka/index.ts';
import { createMetrics, type Registry } from '../metrics/index.ts';
import { SchemaRegistryClient, createSerdes, registerSerdes, type Serdes } from '../schema/index.ts';
import type { Logger } from './logger.ts';
import type { StartOptions } from './service.ts';

export interface ContextConfig {
  kafkaBrokers: string[];
  schemaRegistryUrl: string;
  topicPrefix: string;
}

export interface ServiceContext {
  service: string;
  logger: Logger;
  registry: Registry;
  topics: TopicNames;
  /** For the libs/kafka and libs/destinations parts a service builds; services call none of its methods. */
  kafka: Kafka;
  serdes: Serdes;
  probe: BrokerProbe;
  /** The service's consumer group member; call once. */
  groupConsumer(
    settings: ConsumerSettings & { onAssignment?(assignment: Assignment): void },
  ): SupervisedConsumer;
  /** A connected at-least-once producer whose requests fit the limit of `topics` (dead letters included). */
  outputProducer(topics: string[], options?: { connect?: boolean }): Promise<OutputProducer>;
  /** A connected, instrumented admin client. */
  admin(): Promise<Admin>;
  /** The live view of the destinations topic, started (caught up). */
  liveConfig(): Promise<LiveConfig>;
  /** The common partition count of `topics`, or false when they differ. */
  samePartitioning(topics: string[]): Promise<number | false>;
  /** Closes what the context opened (after the service stopped its own parts). */
  close(): Promise<void>;
}

export type Assignment = Record<string, number[]>;

export async function openServiceContext(
  service: string,
  config: ContextConfig,
  options: StartOptions,
): Promise<ServiceContext> {
  const { logger } = options;
  const registry = createMetrics(service);
  const topics = topicNames(config.topicPrefix);
  const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: options.clientId ?? service, logger });
  const serdes = createSerdes(new SchemaRegistryClient(config.schemaRegistryUrl), topics);
  await registerSerdes(serdes);
  const probe = new BrokerProbe({ kafka, registry });
  await probe.start();

  const closers: (() => Promise<unknown> | void)[] = [() => probe.stop()];
  return {
    service,
    logger,
    registry,
    topics,
    kafka,
    serdes,
    probe,
    groupConsumer({ onAssignment, ...settings }) {
      const supervised = new SupervisedConsumer({
        kafka,
        registry,
        logger,
        settings,
        ...(options.onGiveUp ? { onGiveUp: options.onGiveUp } : {}),
      });
      const { consumer } = supervised;
      closers.push(instrumentKafka(registry, { consumer }));
      if (onAssignment) {
        consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => onAssignment(payload.memberAssignment));
      }
      return supervised;
    },
    async outputProducer(outputTopics, { connect = true } = {}) {
      const producer = new OutputProducer({
        kafka,
        logger,
        service,
        maxRequestBytes: await readProduceLimit(kafka, [...outputTopics, topics.deadLetters], logger),
        deadLetterTopic: topics.deadLetters,
        deadLetterEncoder: serdes.deadLetter,
        instrument: (p) => instrumentKafka(registry, { producer: p }),
      });
      if (connect) await producer.connect();
      closers.push(() => producer.disconnect());
      return producer;
    },
    async admin() {
      const admin = kafka.admin();
      closers.push(instrumentKafka(registry, { admin }));
      await admin.connect();
      closers.push(() => admin.disconnect());
      return admin;
    },
    async liveConfig() {
      const live = new LiveConfig({
        kafka,
        topic: topics.destinations,
        serde: serdes.destinationConfig,
        logger,
        service,
      });
      await live.start();
      closers.push(() => live.stop());
      return live;
    },
    samePartitioning: (names) => partitionCounts(kafka, names).then(same),
    async close() {
      // Last opened, first closed; one failure does not keep the others open.
      for (const close of closers.splice(0).reverse()) {
        try {
          await close();
        } catch (error) {
          logger.warn({ err: error }, 'closing a client failed');
        }
      }
    },
  };
}

function same(counts: number[]): number | false {
  return new Set(counts).size === 1 ? counts[0]! : false;
}
