/**
 * `npm run bench:url`: url-delivery throughput and end-to-end latency against a local HTTP sink
 * (its own process on 127.0.0.1), beside the sink's raw ceiling measured in the same run with a
 * plain keep-alive undici loop. Needs the local stack (KAFKA_BROKERS, SCHEMA_REGISTRY_URL).
 *   fixed load:  RATE events/s for SECONDS s; deliveries/s and e2e p50/p99 (event time -> sink receipt)
 *   saturation:  TOTAL events produced at once; deliveries/s from first to last receipt
 * Env: BENCH_RATE (2000), BENCH_SECONDS (10), BENCH_TOTAL (50000), BENCH_PARTITIONS (6).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Agent, request } from 'undici';
import { createProducer } from '../../libs/kafka/index.ts';
import { loadConfig } from '../../libs/config/index.ts';
import { createLogger } from '../../libs/runtime/logger.ts';
import type { UrlDeliveryRequest } from '../../libs/schema/index.ts';
import { urlDeliveryConfigSchema } from '../../services/url-delivery/config.ts';
import { startUrlDelivery } from '../../services/url-delivery/start-url-delivery.ts';
import { urlDestination } from '../support/destinations.ts';
import { brokers, registryUrl, testEnvironment } from '../support/stack.ts';

const RATE = Number(process.env.BENCH_RATE ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TOTAL = Number(process.env.BENCH_TOTAL ?? 50_000);
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 6);

interface Stats {
  count: number;
  latencies: number[];
  duplicates: number;
}

async function startSinkProcess() {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./http-sink.ts', import.meta.url).pathname],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const queue: ((line: string) => void)[] = [];
  lines.on('line', (line) => queue.shift()?.(line));
  const next = () => new Promise<string>((resolve) => queue.push(resolve));
  const { port } = JSON.parse(await next()) as { port: number };
  return {
    base: `http://127.0.0.1:${port}`,
    async stats(): Promise<Stats> {
      const line = next();
      child.stdin!.write('stats\n');
      return JSON.parse(await line) as Stats;
    },
    reset: () => child.stdin!.write('reset\n'),
    stop: () => child.kill('SIGTERM'),
  };
}

async function rawCeiling(base: string, seconds = 5, concurrency = 128): Promise<number> {
  const agent = new Agent({ connections: 64, keepAliveTimeout: 30_000 });
  let done = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const res = await request(`${base}/raw?s=1`, {
          dispatcher: agent,
          headers: { 'x-delivery-id': 'raw' },
        });
        await res.body.dump();
        done += 1;
      }
    }),
  );
  await agent.close();
  return done / seconds;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

let n = 0;
function request1(): UrlDeliveryRequest {
  const now = Date.now();
  n += 1;
  return {
    deliveryId: `e${n}:1`,
    eventId: `e${n}`,
    eventTime: now,
    routedAt: now,
    uuid: `${now}x${n}`,
    destinationId: 1,
    destinationVersion: 1,
    region: 9,
    pageProtocol: 'HTTP',
    mcid: null,
    partnerIds: [],
    gdprApplies: false,
    tcString: null,
    segments: [
      { sid: 101, value: '101', newlyQualified: true, url: null, secureUrl: null },
      { sid: 102, value: '102', newlyQualified: false, url: null, secureUrl: null },
    ],
  };
}

async function waitForCount(
  sink: Awaited<ReturnType<typeof startSinkProcess>>,
  count: number,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stats = await sink.stats();
    if (stats.count >= count || Date.now() > deadline) return stats;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sink = await startSinkProcess();
const logger = createLogger('bench', 'warn');
try {
  const ceiling = await rawCeiling(sink.base);
  sink.reset();
  const env = await testEnvironment('bench-url', PARTITIONS);
  const producer = createProducer(env.kafka);
  await producer.connect();
  const destination = urlDestination(1, [101, 102], {
    url: {
      serialize: true,
      baseUrl: `${sink.base}/px?s=%alias%&t=%did%`,
      secureUrl: null,
      delimiter: ',',
      referrerPolicy: 'HIDE',
    },
  });
  await producer.send({
    topic: env.topics.destinations,
    messages: [{ key: '1', value: env.serdes.destinationConfig.encode(destination) }],
  });
  const service = await startUrlDelivery(
    {
      ...loadConfig(urlDeliveryConfigSchema, {}),
      kafkaBrokers: brokers,
      schemaRegistryUrl: registryUrl,
      topicPrefix: env.prefix,
      groupId: `${env.prefix}url-delivery`,
      outboundAllowList: ['127.0.0.1'],
      logLevel: 'warn',
    },
    { logger },
  );
  const send = (requests: UrlDeliveryRequest[]) =>
    producer.send({
      topic: env.topics.deliveriesUrl,
      messages: requests.map((r) => ({ key: r.uuid, value: env.serdes.urlDeliveryRequest.encode(r) })),
    });

  // Warm-up: group join, connections.
  await send(Array.from({ length: 200 }, request1));
  await waitForCount(sink, 200, 60_000);
  sink.reset();

  // Fixed load: RATE/10 records every 100 ms.
  const fixedTotal = RATE * SECONDS;
  const started = Date.now();
  for (let tick = 0; tick < SECONDS * 10; tick += 1) {
    await send(Array.from({ length: RATE / 10 }, request1));
    const wait = started + (tick + 1) * 100 - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  const fixed = await waitForCount(sink, fixedTotal, 120_000);
  const fixedSeconds = (Date.now() - started) / 1000;
  const fixedLat = fixed.latencies.sort((a, b) => a - b);
  sink.reset();

  // Saturation: TOTAL records produced as fast as possible.
  const satStart = Date.now();
  for (let sent = 0; sent < TOTAL; sent += 5000)
    await send(Array.from({ length: Math.min(5000, TOTAL - sent) }, request1));
  const producedIn = (Date.now() - satStart) / 1000;
  const sat = await waitForCount(sink, TOTAL, 300_000);
  const satSeconds = (Date.now() - satStart) / 1000;
  const satLat = sat.latencies.sort((a, b) => a - b);
  const satRate = sat.count / satSeconds;

  const rows = {
    'raw sink ceiling (undici keep-alive loop, 128 in flight)': `${ceiling.toFixed(0)} req/s`,
    [`fixed load ${RATE}/s x ${SECONDS}s`]: `${fixed.count}/${fixedTotal} delivered in ${fixedSeconds.toFixed(1)} s, e2e p50 ${percentile(fixedLat, 0.5)} ms, p99 ${percentile(fixedLat, 0.99)} ms, duplicates ${fixed.duplicates}`,
    [`saturation ${TOTAL} events`]: `${satRate.toFixed(0)} deliveries/s (produced in ${producedIn.toFixed(1)} s), e2e p50 ${percentile(satLat, 0.5)} ms, p99 ${percentile(satLat, 0.99)} ms, duplicates ${sat.duplicates}`,
    'saturation / ceiling': (satRate / ceiling).toFixed(2),
  };
  for (const [k, v] of Object.entries(rows)) console.log(`${k.padEnd(60)} ${v}`);
  const batch = service.registry.getSingleMetric('segdest_consumer_batch_size_records');
  const batchValues = (await batch?.get())?.values ?? [];
  const sum = batchValues
    .filter((v) => (v as { metricName?: string }).metricName?.endsWith('_sum'))
    .reduce((s, v) => s + v.value, 0);
  const count = batchValues
    .filter((v) => (v as { metricName?: string }).metricName?.endsWith('_count'))
    .reduce((s, v) => s + v.value, 0);
  console.log(
    `${'mean consumer batch (records)'.padEnd(60)} ${(sum / count).toFixed(1)} over ${count} batches`,
  );
  await service.stop();
  await producer.disconnect();
} finally {
  sink.stop();
}
