/**
 * `npm run bench:router`: router throughput and latency against the local stack, beside a raw
 * kafkajs pass-through measured in the same run (consume, copy the bytes to another topic, one
 * transaction per partition batch with sendOffsets: the same transactional settings) as the ceiling.
 *
 *   1. N events (BENCH_EVENTS, default 1,000,000) are produced to `qualifications` up front;
 *      config: 200 destinations (80 URL, 40 cookie, 80 S2S), 20,000 mapped segments out of a
 *      100,000-segment universe, 5-20 segments per event.
 *   2. pass-through drains the backlog: events/s;
 *   3. the router drains the same backlog: events/s, deliveries/s, peak RSS, batch p50/p99;
 *   4. live phase: BENCH_RATE events/s for BENCH_SECONDS s while the router runs; routing latency
 *      p50/p99 = event time -> delivery request visible to a read_committed consumer.
 */
import { loadConfig } from '../../libs/config/index.ts';
import { PartitionProducers, createProducer, type Kafka, type Producer } from '../../libs/kafka/index.ts';
import type { DestinationConfig } from '../../libs/schema/index.ts';
import { routerConfigSchema } from '../../services/router/config.ts';
import { startRouter } from '../../services/router/start-router.ts';
import { sampleTraffic } from '../../deploy/demo/sample-traffic.ts';
import { cookieDestination, mapping, s2sDestination, urlDestination } from '../support/destinations.ts';
import { brokers, registryUrl, testEnvironment, testLogger, type TestEnvironment } from '../support/stack.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 6);
const RATE = Number(process.env.BENCH_RATE ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const MAX_BYTES = 1024 * 1024;
const out = (line: string) => process.stdout.write(`${line}\n`);

let peakRss = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

function destinations(): DestinationConfig[] {
  const list: DestinationConfig[] = [];
  for (let i = 0; i < 200; i++) {
    const sids = Array.from({ length: 100 }, (_, j) => 100_000 + i * 100 + j);
    const make = i < 80 ? urlDestination : i < 120 ? cookieDestination : s2sDestination;
    list.push(
      make(i + 1, [], {
        mappings: sids.map((sid) => mapping(sid, { value: `v${sid}`, priority: sid % 10 })),
      }),
    );
  }
  return list;
}

async function produceBacklog(env: TestEnvironment, producer: Producer, count: number) {
  const next = sampleTraffic({
    devices: 200_000,
    segmentCatalog: Array.from({ length: 100_000 }, (_, i) => 100_000 + i),
    seed: 7,
  });
  const started = Date.now();
  const chunk = 2000;
  const inFlight: Promise<unknown>[] = [];
  for (let sent = 0; sent < count; sent += chunk) {
    const messages = [];
    for (let i = 0; i < chunk && sent + i < count; i++) {
      const event = next();
      messages.push({ key: event.uuid, value: env.serdes.qualificationEvent.encode(event) });
    }
    inFlight.push(producer.send({ topic: env.topics.qualifications, messages }));
    if (inFlight.length >= 8) await inFlight.shift();
  }
  await Promise.all(inFlight);
  return (Date.now() - started) / 1000;
}

/** Waits until the group has committed the end offset of every partition; returns seconds. */
async function drained(kafka: Kafka, groupId: string, topic: string, started: number): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)]));
  for (;;) {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const done = committed!.partitions.every((p) => Number(p.offset) >= (ends.get(p.partition) ?? 0));
    if (done) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await admin.disconnect();
  return (Date.now() - started) / 1000;
}

async function passThrough(env: TestEnvironment): Promise<number> {
  const target = `${env.prefix}passthrough`;
  const admin = env.kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: target, numPartitions: PARTITIONS }], waitForLeaders: true });
  await admin.disconnect();
  const groupId = `${env.prefix}passthrough`;
  const producers = new PartitionProducers(env.kafka, `${env.prefix}passthrough`);
  const consumer = env.kafka.consumer({
    groupId,
    maxBytesPerPartition: MAX_BYTES,
    maxBytes: MAX_BYTES * PARTITIONS,
  });
  await consumer.connect();
  await consumer.subscribe({ topic: env.topics.qualifications, fromBeginning: true });
  const started = Date.now();
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: PARTITIONS,
    eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
      if (batch.messages.length === 0) return;
      const producer = await producers.get(batch.topic, batch.partition);
      const transaction = await producer.transaction();
      try {
        await transaction.send({
          topic: target,
          messages: batch.messages.map((m) => ({ key: m.key, value: m.value })),
        });
        await transaction.sendOffsets({
          consumerGroupId: groupId,
          topics: [
            {
              topic: batch.topic,
              partitions: [
                { partition: batch.partition, offset: (BigInt(batch.lastOffset()) + 1n).toString() },
              ],
            },
          ],
        });
        await transaction.commit();
      } catch (error) {
        await transaction.abort();
        throw error;
      }
      resolveOffset(batch.lastOffset());
      await heartbeat();
    },
  });
  const seconds = await drained(env.kafka, groupId, env.topics.qualifications, started);
  await consumer.disconnect();
  await producers.disconnectAll();
  return seconds;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const env = await testEnvironment('bench-router', PARTITIONS);
const producer = createProducer(env.kafka);
await producer.connect();
for (const d of destinations()) {
  await producer.send({
    topic: env.topics.destinations,
    messages: [{ key: String(d.id), value: env.serdes.destinationConfig.encode(d) }],
  });
}
out(`bench:router  events=${EVENTS} partitions=${PARTITIONS} destinations=200 mapped segments=20000`);
const produceSeconds = await produceBacklog(env, producer, EVENTS);
out(`  backlog produced in ${produceSeconds.toFixed(1)} s (${Math.round(EVENTS / produceSeconds)} events/s)`);

const ptSeconds = await passThrough(env);
const ptRate = EVENTS / ptSeconds;
out(
  `  pass-through (raw kafkajs, transactional copy): ${ptSeconds.toFixed(1)} s, ${Math.round(ptRate)} events/s`,
);

const config = loadConfig(routerConfigSchema, {
  KAFKA_BROKERS: brokers.join(','),
  SCHEMA_REGISTRY_URL: registryUrl,
  TOPIC_PREFIX: env.prefix,
  GROUP_ID: `${env.prefix}router`,
  TRANSACTIONAL_ID_PREFIX: `${env.prefix}router`,
  PARTITIONS_CONSUMED_CONCURRENTLY: String(PARTITIONS),
  LOG_LEVEL: 'warn',
});
peakRss = process.memoryUsage().rss;
const rssBefore = peakRss;
const routerStarted = Date.now();
const router = await startRouter(config, { logger: testLogger });
const routerSeconds = await drained(env.kafka, config.groupId, env.topics.qualifications, routerStarted);
const routerRate = EVENTS / routerSeconds;
const metricsText = await router.registry.metrics();
const deliveries = [...metricsText.matchAll(/^segdest_router_deliveries_total\{[^}]*\} (\d+)/gm)].reduce(
  (sum, m) => sum + Number(m[1]),
  0,
);
out(
  `  router: ${routerSeconds.toFixed(1)} s, ${Math.round(routerRate)} events/s, ` +
    `${Math.round(deliveries / routerSeconds)} deliveries/s (${(deliveries / EVENTS).toFixed(2)} per event), ` +
    `ratio to pass-through ${(routerRate / ptRate).toFixed(2)}`,
);
out(
  `  peak RSS ${(peakRss / 1048576).toFixed(0)} MB (before router start ${(rssBefore / 1048576).toFixed(0)} MB)`,
);

// Live phase: fixed rate, latency from event time to the committed delivery request.
const latencies: number[] = [];
const observer = env.kafka.consumer({
  groupId: `${env.prefix}observer`,
  readUncommitted: false,
  maxWaitTimeInMs: 10,
});
await observer.connect();
await observer.subscribe({
  topics: [env.topics.deliveriesUrl, env.topics.deliveriesCookie, env.topics.deliveriesS2s],
});
let observing = false;
await observer.run({
  eachBatch: async ({ batch }) => {
    if (!observing) return;
    const now = Date.now();
    const serde =
      batch.topic === env.topics.deliveriesUrl
        ? env.serdes.urlDeliveryRequest
        : batch.topic === env.topics.deliveriesCookie
          ? env.serdes.cookieDeliveryRequest
          : env.serdes.s2sDeliveryRequest;
    for (const m of batch.messages) latencies.push(now - (await serde.decode(m.value)).eventTime);
  },
});
await new Promise((resolve) => setTimeout(resolve, 3000));
observing = true;
const live = sampleTraffic({
  devices: 200_000,
  segmentCatalog: Array.from({ length: 100_000 }, (_, i) => 100_000 + i),
  seed: 9,
});
const tick = 50;
const perTick = Math.round((RATE * tick) / 1000);
const liveStart = Date.now();
for (let t = 0; Date.now() - liveStart < SECONDS * 1000; t++) {
  const messages = Array.from({ length: perTick }, () => {
    const event = live();
    return { key: event.uuid, value: env.serdes.qualificationEvent.encode(event) };
  });
  void producer.send({ topic: env.topics.qualifications, messages });
  const wait = liveStart + (t + 1) * tick - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
await new Promise((resolve) => setTimeout(resolve, 3000));
latencies.sort((a, b) => a - b);
out(
  `  live ${RATE} events/s for ${SECONDS} s: ${latencies.length} deliveries, routing latency (event -> committed delivery) ` +
    `p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms`,
);

clearInterval(rssTimer);
await observer.disconnect();
await router.stop();
await producer.disconnect();
process.exit(0);
