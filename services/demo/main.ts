/**
 * The demo (`npm run demo`): bootstraps topics and schemas on the local stack (or the cluster named
 * by KAFKA_BROKERS / SCHEMA_REGISTRY_URL), publishes realistic qualification traffic with a few bad
 * records, consumes it through the product's consumer runner, and prints a summary. Ctrl-C stops.
 */
import { Type } from '@sinclair/typebox';
import { commonConfigProperties, loadConfig } from '../../libs/config/index.ts';
import {
  ConsumerRunner,
  bootstrapTopics,
  createKafka,
  createProducer,
  topicCatalog,
  topicNames,
} from '../../libs/kafka/index.ts';
import { createLogger } from '../../libs/runtime/logger.ts';
import { SchemaRegistryClient, createSerdes, registerSerdes } from '../../libs/schema/index.ts';
import { BAD_RECORDS, sampleTraffic } from './sample-traffic.ts';

const config = loadConfig(
  Type.Object({
    ...commonConfigProperties,
    demoEvents: Type.Integer({
      default: 20_000,
      minimum: 1,
      description: 'Qualification events the demo publishes.',
    }),
    demoDevices: Type.Integer({
      default: 5_000,
      minimum: 1,
      description: 'Distinct devices in the demo traffic.',
    }),
  }),
);
const logger = createLogger('demo', config.logLevel === 'info' ? 'warn' : config.logLevel);
const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'demo', logger });
const topics = topicNames(config.topicPrefix);
const serdes = createSerdes(new SchemaRegistryClient(config.schemaRegistryUrl), topics);
const out = (line: string) => process.stdout.write(`${line}\n`);

const admin = kafka.admin();
await admin.connect();
const created = await bootstrapTopics(admin, topicCatalog(config.topicPrefix));
await admin.disconnect();
await registerSerdes(serdes);
out(`topics ready (${created.length} created), schemas registered in ${config.schemaRegistryUrl}`);

const producer = createProducer(kafka);
await producer.connect();
// A fresh group per run, positioned at the current end so the summary counts this run only.
const groupId = `${config.topicPrefix}demo-consumer-${Date.now()}`;
const admin2 = kafka.admin();
await admin2.connect();
const ends = await admin2.fetchTopicOffsets(topics.qualifications);
await admin2.setOffsets({
  groupId,
  topic: topics.qualifications,
  partitions: ends.map((o) => ({ partition: o.partition, offset: o.high })),
});
await admin2.disconnect();
const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000 });
await consumer.connect();
let consumed = 0;
const deadLetters = new Map<string, number>();
const runner = new ConsumerRunner({
  service: 'demo',
  consumer,
  groupId,
  topics: [topics.qualifications],
  decode: (value) => serdes.qualificationEvent.decode(value),
  validate: (event) =>
    ['browser', 'android', 'ios'].includes(event.platform)
      ? event.uuid === ''
        ? { reason: 'invalid_event', detail: 'empty uuid' }
        : null
      : { reason: 'invalid_event', detail: `unknown platform ${event.platform}` },
  handle: async (records) => {
    consumed += records.length;
    return [];
  },
  producer,
  exactlyOnce: false,
  deadLetterTopic: topics.deadLetters,
  deadLetterEncoder: serdes.deadLetter,
  logger,
  hooks: { onDeadLetter: (reason) => deadLetters.set(reason, (deadLetters.get(reason) ?? 0) + 1) },
});
await runner.start();

let stopping = false;
const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([consumer.disconnect(), producer.disconnect()]);
  process.exit(code);
};
process.once('SIGINT', () => void stop(130));
process.once('SIGTERM', () => void stop(143));

const next = sampleTraffic({
  devices: config.demoDevices,
  segmentCatalog: Array.from({ length: 400 }, (_, i) => 10_000 + i),
});
const started = Date.now();
let published = 0;
let bad = 0;
const batchSize = 500;
while (published < config.demoEvents && !stopping) {
  const messages = [];
  for (let i = 0; i < batchSize && published < config.demoEvents; i++, published++) {
    const event = next();
    const value = serdes.qualificationEvent.encode(event);
    messages.push({ key: event.uuid, value });
    if (published % 2000 === 1000) {
      messages.push({ key: event.uuid, value: BAD_RECORDS.garbage() });
      messages.push({ key: event.uuid, value: BAD_RECORDS.wrongMagic(value) });
      messages.push({ key: event.uuid, value: BAD_RECORDS.unknownSchema(value) });
      messages.push({
        key: event.uuid,
        value: serdes.qualificationEvent.encode({ ...event, platform: 'smart-tv' }),
      });
      bad += 4;
    }
  }
  await producer.send({ topic: topics.qualifications, messages });
  const pct = Math.round((published / config.demoEvents) * 100);
  process.stdout.write(`\rpublishing [${'#'.repeat(pct / 4).padEnd(25)}] ${pct}% ${published} events`);
}
out('');
const deadline = Date.now() + 60_000;
const dead = () => [...deadLetters.values()].reduce((a, b) => a + b, 0);
while (consumed + dead() < published + bad && Date.now() < deadline && !stopping) {
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const seconds = (Date.now() - started) / 1000;
out('');
out('summary');
out(`  events published      ${published} (+${bad} bad records)`);
out(`  events consumed       ${consumed}`);
out(`  dead letters          ${dead()} ${JSON.stringify(Object.fromEntries(deadLetters))}`);
out(
  `  elapsed               ${seconds.toFixed(1)} s (${Math.round(published / seconds)} events/s end to end)`,
);
out(`  topics                ${Object.values(topics).join(', ')}`);
await stop(consumed === published && dead() === bad ? 0 : 1);
