/**
 * A child process for crash tests: runs a ConsumerRunner (at-least-once) that copies the eventId of
 * each qualification event to an output topic. Killed with SIGKILL by the test, then restarted.
 * argv: <prefix> <groupId> <outputTopic>
 */
import { ConsumerRunner, createKafka, createProducer, topicNames } from '../../libs/kafka/index.ts';
import { SchemaRegistryClient, createSerdes, registerSerdes } from '../../libs/schema/index.ts';
import { createLogger } from '../../libs/runtime/logger.ts';

const [prefix = '', groupId = 'relay', outputTopic = 'relay-out'] = process.argv.slice(2);
const logger = createLogger('relay-worker', 'warn');
const kafka = createKafka({
  brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  clientId: 'relay',
  logger,
});
const topics = topicNames(prefix);
const serdes = createSerdes(new SchemaRegistryClient(process.env.SCHEMA_REGISTRY_URL ?? ''), topics);
await registerSerdes(serdes);
const producer = createProducer(kafka);
await producer.connect();
// Small fetches so that a kill lands between many committed batches.
const consumer = kafka.consumer({
  groupId,
  maxBytesPerPartition: 2048,
  maxWaitTimeInMs: 50,
  sessionTimeout: 6000,
  heartbeatInterval: 500,
});
await consumer.connect();
const runner = new ConsumerRunner({
  service: 'relay-worker',
  consumer,
  groupId,
  topics: [topics.qualifications],
  decode: (value) => serdes.qualificationEvent.decode(value),
  handle: async (records) => {
    // Slows the worker down so that the test's SIGKILL lands mid-stream.
    await new Promise((resolve) => setTimeout(resolve, Number(process.env.RELAY_BATCH_DELAY_MS ?? 0)));
    return [{ topic: outputTopic, messages: records.map((r) => ({ key: r.key, value: r.value.eventId })) }];
  },
  producer,
  exactlyOnce: false,
  deadLetterTopic: topics.deadLetters,
  deadLetterEncoder: serdes.deadLetter,
  logger,
});
await runner.start();
process.stdout.write('started\n');
