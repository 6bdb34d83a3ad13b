/**
 * `npm run bench:url`: url-delivery throughput and end-to-end latency against a local HTTP sink,
 * beside the sink's raw ceiling measured in the same run with a plain keep-alive undici loop.
 * The service runs as its own process (services/url-delivery/main.ts, as deployed), the sink as
 * another; this process only produces the load. Needs the local stack (KAFKA_BROKERS,
 * SCHEMA_REGISTRY_URL).
 *   fixed load:  RATE events/s for SECONDS s, produced every TICK_MS ms, after WARMUP_SECONDS s of the
 *                same load that are not measured (connections, JIT); deliveries/s and e2e p50/p99
 *                (event time -> sink receipt)
 *   saturation:  TOTAL events produced at once; deliveries/s from first to last receipt, and the
 *                service's CPU time per delivery beside the raw loop's CPU time per request
 *   ceiling:     measured before the service starts and again right after saturation; the ratio
 *                uses their mean (the VM's speed drifts within a run)
 *   isolation:   the fixed load again, each tick's records matched by as many to a second
 *                destination whose partner accepts connections and never answers; the healthy
 *                destination's e2e p50/p99 beside its solo run (what url-delivery-isolation.test.ts
 *                checks as a mechanism, measured here)
 * Env: BENCH_RATE (2000), BENCH_SECONDS (10), BENCH_TICK_MS (10), BENCH_WARMUP_SECONDS (3), BENCH_TOTAL (50000),
 * BENCH_PARTITIONS (6), BENCH_SERVICE_NODE_ARGS (extra node flags for the service, e.g. --cpu-prof).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Agent, request } from 'undici';
import { createProducer } from '../../libs/kafka/index.ts';
import { parseExposition } from '../../libs/metrics/parse-exposition.ts';
import type { UrlDeliveryRequest } from '../../libs/schema/index.ts';
import { urlDestination } from '../support/destinations.ts';
import { compiledEntry } from '../support/compiled-entry.ts';
import { brokers, registryUrl, testEnvironment } from '../support/stack.ts';

const RATE = Number(process.env.BENCH_RATE ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TICK_MS = Number(process.env.BENCH_TICK_MS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const TOTAL = Number(process.env.BENCH_TOTAL ?? 50_000);
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 6);
/** Extra node flags for the service process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". */
const SERVICE_NODE_ARGS = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
/** compiled (default: dist/, plain node, as deployed) or source (tsx, to compare). */
const SERVICE_FROM = process.env.BENCH_SERVICE_FROM === 'source' ? 'source' : 'compiled';
const MAIN = 'services/url-delivery/main.ts';
const SERVICE_ENTRY = SERVICE_FROM === 'source' ? ['--import', 'tsx', MAIN] : [compiledEntry(MAIN)];
const CLOCK_TICKS = 100; // USER_HZ of /proc/<pid>/stat on Linux

interface Stats {
  count: number;
  latencies: number[];
  duplicates: number;
}

/** A child process speaking one JSON line per stdin command. */
function lineChannel(child: ChildProcess) {
  const lines = createInterface({ input: child.stdout! });
  const queue: ((line: string) => void)[] = [];
  lines.on('line', (line) => queue.shift()?.(line));
  return () => new Promise<string>((resolve) => queue.push(resolve));
}

async function startSinkProcess() {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./http-sink.ts', import.meta.url).pathname],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const next = lineChannel(child);
  const { port } = JSON.parse(await next()) as { port: number };
  const ask = async <T>(command: string): Promise<T> => {
    const line = next();
    child.stdin!.write(`${command}\n`);
    return JSON.parse(await line) as T;
  };
  return {
    base: `http://127.0.0.1:${port}`,
    count: async () => (await ask<{ count: number }>('count')).count,
    stats: () => ask<Stats>('stats'),
    reset: () => child.stdin!.write('reset\n'),
    stop: () => child.kill('SIGTERM'),
  };
}

/** Starts services/url-delivery/main.ts; resolves with its ops base URL once it is ready. */
async function startServiceProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, [...SERVICE_NODE_ARGS, ...SERVICE_ENTRY], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const next = lineChannel(child);
  let address = '';
  while (!address) {
    const line = await next();
    const entry = JSON.parse(line) as { msg?: string; address?: string };
    if (entry.msg === 'url-delivery started' && entry.address) address = entry.address;
  }
  for (;;) {
    const ready = await request(`${address}/readyz`).then(async (r) => (await r.body.dump(), r.statusCode));
    if (ready === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, address };
}

/** CPU seconds (user + system) used so far by a process, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

async function rawCeiling(base: string, seconds = 5, concurrency = 128) {
  const agent = new Agent({ connections: 64, keepAliveTimeout: 30_000 });
  let done = 0;
  const cpu = process.cpuUsage();
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
  const used = process.cpuUsage(cpu);
  await agent.close();
  return { rate: done / seconds, cpuMicrosPerRequest: (used.user + used.system) / done };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

let n = 0;
function request1(destinationId = 1): UrlDeliveryRequest {
  const now = Date.now();
  n += 1;
  return {
    deliveryId: `e${n}:1`,
    eventId: `e${n}`,
    eventTime: now,
    routedAt: now,
    uuid: `${now}x${n}`,
    destinationId,
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

type Sink = Awaited<ReturnType<typeof startSinkProcess>>;

async function waitForCount(sink: Sink, count: number, timeoutMs: number): Promise<Stats> {
  const deadline = Date.now() + timeoutMs;
  while ((await sink.count()) < count && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return sink.stats();
}

async function meanBatch(address: string): Promise<string> {
  const text = await request(`${address}/metrics`).then((r) => r.body.text());
  const samples = parseExposition(text);
  const total = (name: string) => samples.filter((s) => s.name === name).reduce((sum, s) => sum + s.value, 0);
  const sum = total('segdest_consumer_batch_size_records_sum');
  const count = total('segdest_consumer_batch_size_records_count');
  return `${(sum / count).toFixed(1)} records over ${count} chunks`;
}

const sink = await startSinkProcess();
// The dead partner: takes the connection and the request, never answers.
const dead = createServer(() => undefined);
await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
const deadBase = `http://127.0.0.1:${(dead.address() as AddressInfo).port}`;
let service: ChildProcess | undefined;
try {
  const ceilingBefore = await rawCeiling(sink.base);
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
  const deadDestination = urlDestination(2, [101, 102], {
    url: { ...destination.url!, baseUrl: `${deadBase}/px?s=%alias%&t=%did%` },
  });
  await producer.send({
    topic: env.topics.destinations,
    messages: [destination, deadDestination].map((d) => ({
      key: String(d.id),
      value: env.serdes.destinationConfig.encode(d),
    })),
  });
  const started = await startServiceProcess({
    KAFKA_BROKERS: brokers.join(','),
    SCHEMA_REGISTRY_URL: registryUrl,
    TOPIC_PREFIX: env.prefix,
    GROUP_ID: `${env.prefix}url-delivery`,
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: '0',
    OUTBOUND_ALLOW_LIST: '127.0.0.1',
    LOG_LEVEL: 'info',
  });
  service = started.child;
  const send = (requests: UrlDeliveryRequest[]) =>
    producer.send({
      topic: env.topics.deliveriesUrl,
      messages: requests.map((r) => ({ key: r.uuid, value: env.serdes.urlDeliveryRequest.encode(r) })),
    });

  /** RATE events/s for `seconds`, RATE * TICK_MS / 1000 records every TICK_MS; returns when sent. */
  const offer = async (seconds: number, besideDead = false) => {
    const ticks = (seconds * 1000) / TICK_MS;
    const perTick = (RATE * TICK_MS) / 1000;
    const start = Date.now();
    for (let tick = 0; tick < ticks; tick += 1) {
      const healthy = Array.from({ length: perTick }, () => request1());
      await send(besideDead ? healthy.flatMap((r) => [r, request1(2)]) : healthy);
      const wait = start + (tick + 1) * TICK_MS - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    return RATE * seconds;
  };

  // Warm-up at the fixed rate (group join, partner connections, JIT), not measured.
  await waitForCount(sink, await offer(WARMUP_SECONDS), 60_000);
  sink.reset();

  // Fixed load.
  const fixedStart = Date.now();
  const fixedTotal = await offer(SECONDS);
  const fixed = await waitForCount(sink, fixedTotal, 120_000);
  const fixedSeconds = (Date.now() - fixedStart) / 1000;
  const fixedLat = fixed.latencies.sort((a, b) => a - b);
  sink.reset();

  // Saturation: TOTAL records produced as fast as possible.
  const cpuBefore = cpuSeconds(service.pid!);
  const satStart = Date.now();
  for (let sent = 0; sent < TOTAL; sent += 5000)
    await send(Array.from({ length: Math.min(5000, TOTAL - sent) }, () => request1()));
  const producedIn = (Date.now() - satStart) / 1000;
  const sat = await waitForCount(sink, TOTAL, 300_000);
  const satSeconds = (Date.now() - satStart) / 1000;
  const cpuPerDelivery = ((cpuSeconds(service.pid!) - cpuBefore) * 1e6) / sat.count;
  const satLat = sat.latencies.sort((a, b) => a - b);
  const satRate = sat.count / satSeconds;
  // The ceiling again, right after saturation (the service idle): this VM's speed drifts within a
  // run, so the ratio uses the mean of the two.
  sink.reset();
  const ceilingAfter = await rawCeiling(sink.base);
  const ceiling = {
    rate: (ceilingBefore.rate + ceilingAfter.rate) / 2,
    cpuMicrosPerRequest: (ceilingBefore.cpuMicrosPerRequest + ceilingAfter.cpuMicrosPerRequest) / 2,
  };

  // Isolation: the fixed load beside a partner that never answers (last: its retries go on).
  sink.reset();
  await offer(SECONDS, true);
  const beside = await waitForCount(sink, fixedTotal, 120_000);
  const besideLat = beside.latencies.sort((a, b) => a - b);

  const rows = {
    'service started from': `${SERVICE_FROM} (${SERVICE_ENTRY.join(' ')})`,
    'raw sink ceiling (undici keep-alive loop, 128 in flight)': `${ceiling.rate.toFixed(0)} req/s (before ${ceilingBefore.rate.toFixed(0)}, after ${ceilingAfter.rate.toFixed(0)}), client CPU ${ceiling.cpuMicrosPerRequest.toFixed(0)} µs/request`,
    [`fixed load ${RATE}/s x ${SECONDS}s (every ${TICK_MS} ms)`]: `${fixed.count}/${fixedTotal} delivered in ${fixedSeconds.toFixed(1)} s, e2e p50 ${percentile(fixedLat, 0.5)} ms, p99 ${percentile(fixedLat, 0.99)} ms, duplicates ${fixed.duplicates}`,
    [`saturation ${TOTAL} events`]: `${satRate.toFixed(0)} deliveries/s (produced in ${producedIn.toFixed(1)} s), e2e p50 ${percentile(satLat, 0.5)} ms, p99 ${percentile(satLat, 0.99)} ms, duplicates ${sat.duplicates}`,
    'service CPU per delivery (saturation)': `${cpuPerDelivery.toFixed(0)} µs`,
    'saturation / ceiling': (satRate / ceiling.rate).toFixed(2),
    'mean consumer chunk': await meanBatch(started.address),
    [`fixed load beside a dead partner (+${RATE}/s to it)`]: `${beside.count}/${fixedTotal} healthy delivered, e2e p50 ${percentile(besideLat, 0.5)} ms, p99 ${percentile(besideLat, 0.99)} ms (solo p99 ${percentile(fixedLat, 0.99)} ms: ${(percentile(besideLat, 0.99) / percentile(fixedLat, 0.99)).toFixed(2)}x)`,
  };
  for (const [k, v] of Object.entries(rows)) console.log(`${k.padEnd(60)} ${v}`);
  await producer.disconnect();
} finally {
  if (service && service.exitCode === null) {
    service.kill('SIGTERM');
    await new Promise((resolve) => service!.once('exit', resolve));
  }
  sink.stop();
  dead.closeAllConnections();
  dead.close();
}
