/**
 * `npm run bench:cookie`: edge cookie-read latency and throughput of cookie-delivery. Fills the
 * store with USERS users x 3 cookie destinations (directly, through the store's cookie table), starts
 * the service's HTTP server on 127.0.0.1 (consumer off), then runs a keep-alive undici load loop in
 * its own process (read-load.ts) against `GET /v1/cookies/{uuid}?domain=www.example.com` (random
 * users), and beside it, in the same run and with the same loop, against `/healthz` of the same
 * server (a trivial Fastify route: the ceiling). Prints p50/p99, reads/s and the ratio to the ceiling.
 * Needs the local stack (KAFKA_BROKERS, SCHEMA_REGISTRY_URL) for the destinations topic; for
 * PostgreSQL, DATABASE_URL (deploy/local/postgres.sh env).
 * Env: BENCH_DIALECT sqlite|postgres (sqlite), BENCH_USERS (100000), BENCH_SECONDS (10),
 *      BENCH_CONCURRENCY (32).
 */
import { spawn } from 'node:child_process';
import { loadConfig } from '../../libs/config/index.ts';
import { createProducer } from '../../libs/kafka/index.ts';
import { createLogger } from '../../libs/runtime/logger.ts';
import { listen } from '../../libs/runtime/service.ts';
import { type StoreDialect } from '../../libs/store/index.ts';
import { putCookieStates, type CookieState } from '../../services/cookie-delivery/cookie-states.ts';
import { cookieDeliveryConfigSchema } from '../../services/cookie-delivery/config.ts';
import { startCookieDelivery } from '../../services/cookie-delivery/start-cookie-delivery.ts';
import { createTestDatabase } from '../support/database.ts';
import { cookieDestination } from '../support/destinations.ts';
import { brokers, registryUrl, testEnvironment } from '../support/stack.ts';

const DIALECT = (process.env.BENCH_DIALECT ?? 'sqlite') as StoreDialect;
const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const DESTINATIONS = [1, 2, 3];

interface LoadResult {
  requests: number;
  rate: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/** AAM-style 38-digit ids: `4` then the user number on 37 digits (read-load.ts builds the same). */
const uuidOf = (i: number) => `4${String(i).padStart(37, '0')}`;

function runLoad(
  url: string,
  keys: number,
  pad = 0,
  seconds = SECONDS,
  concurrency = CONCURRENCY,
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        new URL('./read-load.ts', import.meta.url).pathname,
        url,
        String(seconds),
        String(concurrency),
        String(keys),
        String(pad),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`load loop exited ${code}`)),
    );
  });
}

const logger = createLogger('bench', 'warn');
const env = await testEnvironment('bench-cookie', 1);
const producer = createProducer(env.kafka);
await producer.connect();
await producer.send({
  topic: env.topics.destinations,
  messages: DESTINATIONS.map((id) => {
    const base = cookieDestination(id, [1, 2, 3, 4]);
    const config = {
      ...base,
      cookie: { ...base.cookie!, name: `c${id}`, domain: id === 3 ? null : '.example.com' },
    };
    return { key: String(id), value: env.serdes.destinationConfig.encode(config) };
  }),
});
await producer.disconnect();

const database = await createTestDatabase(DIALECT, 'bench-cookie');
const service = await startCookieDelivery(
  {
    ...loadConfig(cookieDeliveryConfigSchema, {}),
    kafkaBrokers: brokers,
    schemaRegistryUrl: registryUrl,
    topicPrefix: env.prefix,
    databaseUrl: database.url,
    httpHost: '127.0.0.1',
    httpPort: 0,
    logLevel: 'warn',
  },
  { logger, consume: false },
);
const serviceUrl = await listen(service.app, '127.0.0.1', 0);

const fillStarted = Date.now();
const now = Date.now();
for (let from = 0; from < USERS; from += 2000) {
  const states: CookieState[] = [];
  for (let i = from; i < Math.min(USERS, from + 2000); i++) {
    for (const id of DESTINATIONS) {
      states.push({
        uuid: uuidOf(i),
        destinationId: id,
        name: `c${id}`,
        value: `x=${1000 + (i % 97)}&x=${2000 + (i % 89)}&x=${3000 + id}&y=${i % 13}`,
        spec: { domain: '.example.com', ttlDays: 30, publishTo: 'ALL', publishDomains: [] },
        updatedAt: now,
      });
    }
  }
  await service.store.transaction((tx) => putCookieStates(tx, states));
}
const fillSeconds = (Date.now() - fillStarted) / 1000;
console.log(
  `filled ${USERS} users x ${DESTINATIONS.length} destinations (${USERS * DESTINATIONS.length} rows, ${DIALECT}) in ${fillSeconds.toFixed(1)} s`,
);

const probe = await fetch(`${serviceUrl}/v1/cookies/${uuidOf(7)}?domain=www.example.com`);
const probeBody = (await probe.json()) as { cookies: unknown[] };
if (probe.status !== 200 || probeBody.cookies.length !== 3) {
  throw new Error(`probe read failed: ${probe.status} ${JSON.stringify(probeBody)}`);
}

// Warm-up of both routes, then the ceiling and the cookie reads (same server, same loop, same run).
const readUrl = `${serviceUrl}/v1/cookies/4{key}?domain=www.example.com`;
await runLoad(`${serviceUrl}/healthz`, 1, 0, 3);
await runLoad(readUrl, USERS, 37, 3);
const ceiling = await runLoad(`${serviceUrl}/healthz`, 1);
const cookieReads = await runLoad(readUrl, USERS, 37);
// Latency without queueing: one connection, one request at a time.
const single = await runLoad(readUrl, USERS, 37, SECONDS, 1);

console.log(
  JSON.stringify({
    dialect: DIALECT,
    users: USERS,
    seconds: SECONDS,
    concurrency: CONCURRENCY,
    ceiling,
    cookieReads,
  }),
);
const f = (n: number) => n.toFixed(2);
console.log(
  `ceiling  (GET /healthz, same server): ${Math.round(ceiling.rate)} req/s, p50 ${f(ceiling.p50Ms)} ms, p99 ${f(ceiling.p99Ms)} ms`,
);
console.log(
  `cookie reads (3 cookies per user):     ${Math.round(cookieReads.rate)} reads/s, p50 ${f(cookieReads.p50Ms)} ms, p99 ${f(cookieReads.p99Ms)} ms, errors ${cookieReads.errors}`,
);
console.log(
  `cookie reads, 1 connection:           ${Math.round(single.rate)} reads/s, p50 ${f(single.p50Ms)} ms, p99 ${f(single.p99Ms)} ms`,
);
console.log(`ratio to ceiling: ${(cookieReads.rate / ceiling.rate).toFixed(2)}`);

await service.stop();
await database.drop();
process.exit(0);
