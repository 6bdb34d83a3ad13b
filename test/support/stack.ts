/** Test access to the real Kafka broker and schema registry (see global-setup.ts). */
import { randomUUID } from 'node:crypto';
import {
  createKafka,
  topicCatalog,
  topicNames,
  bootstrapTopics,
  type Kafka,
  type KafkaMessage,
  type TopicNames,
} from '../../libs/kafka/index.ts';
import { SchemaRegistryClient, createSerdes, registerSerdes, type Serdes } from '../../libs/schema/index.ts';
import { createLogger } from '../../libs/runtime/logger.ts';

export const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
export const registryUrl = process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:8081/apis/ccompat/v7';
export const testLogger = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'warn');

export function testKafka(clientId = 'test'): Kafka {
  return createKafka({ brokers, clientId, logger: testLogger });
}

/** A fresh topic prefix per test, so tests never share topics or subjects. */
export function uniquePrefix(label: string): string {
  return `t-${label}-${randomUUID().slice(0, 8)}.`;
}

export interface TestEnvironment {
  kafka: Kafka;
  prefix: string;
  topics: TopicNames;
  registry: SchemaRegistryClient;
  serdes: Serdes;
}

/** Creates the whole topic catalog under a fresh prefix and registers every schema. */
export async function testEnvironment(label: string, partitions = 3): Promise<TestEnvironment> {
  const kafka = testKafka(label);
  const prefix = uniquePrefix(label);
  const admin = kafka.admin();
  await admin.connect();
  await bootstrapTopics(admin, topicCatalog(prefix, partitions));
  await admin.disconnect();
  const registry = new SchemaRegistryClient(registryUrl);
  const topics = topicNames(prefix);
  const serdes = createSerdes(registry, topics);
  await registerSerdes(serdes);
  return { kafka, prefix, topics, registry, serdes };
}

/** Polls a condition until it holds or the timeout passes; never a fixed sleep. */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  { timeoutMs = 30_000, intervalMs = 50, message = 'condition' } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${message}${last ? `: ${String(last)}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Reads a topic from the beginning into an array that keeps filling as records arrive (a fresh
 * group per call); the consumer's disconnect is pushed onto `cleanups`.
 */
export async function collectTopic(
  env: TestEnvironment,
  topic: string,
  cleanups: (() => Promise<unknown>)[],
  { readUncommitted = false } = {},
): Promise<KafkaMessage[]> {
  const messages: KafkaMessage[] = [];
  const consumer = env.kafka.consumer({
    groupId: `${env.prefix}collect-${topic}-${randomUUID()}`,
    readUncommitted,
  });
  await consumer.connect();
  cleanups.push(() => consumer.disconnect());
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void messages.push(message) });
  return messages;
}
