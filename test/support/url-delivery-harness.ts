/** Pieces of the url-delivery integration tests: a misbehaving partner, requests, dead letters. */
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProducer, type Producer } from '../../libs/kafka/index.ts';
import type { DeadLetter, DestinationConfig, UrlDeliveryRequest } from '../../libs/schema/index.ts';
import { loadConfig } from '../../libs/config/index.ts';
import { urlDeliveryConfigSchema, type UrlDeliveryConfig } from '../../services/url-delivery/config.ts';
import {
  startUrlDelivery,
  type UrlDeliveryInstance,
} from '../../services/url-delivery/start-url-delivery.ts';
export { urlRequest } from './samples.ts';
import { brokers, registryUrl, testLogger, type TestEnvironment } from './stack.ts';

export interface SinkHit {
  at: number;
  path: string;
  deliveryId: string;
  /** Status we answered with; null when we hung. */
  status: number | null;
}

/** Decides how to answer the n-th (0-based) hit of a delivery id; null = never answer. */
export type Behaviour = (hit: {
  path: string;
  deliveryId: string;
  n: number;
}) => { status: number; headers?: Record<string, string>; delayMs?: number } | null;

export interface Sink {
  base: string;
  hits: SinkHit[];
  hitsFor(deliveryId: string): SinkHit[];
  close(): Promise<void>;
}

export async function startSink(behaviour: Behaviour = () => ({ status: 200 })): Promise<Sink> {
  const hits: SinkHit[] = [];
  const counts = new Map<string, number>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const deliveryId = String(req.headers['x-delivery-id'] ?? '');
    const n = counts.get(deliveryId) ?? 0;
    counts.set(deliveryId, n + 1);
    const answer = behaviour({ path: req.url ?? '', deliveryId, n });
    hits.push({ at: Date.now(), path: req.url ?? '', deliveryId, status: answer?.status ?? null });
    if (answer === null) return;
    const reply = () => res.writeHead(answer.status, answer.headers ?? {}).end();
    if (answer.delayMs) setTimeout(reply, answer.delayMs);
    else reply();
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    hitsFor: (id) => hits.filter((h) => h.deliveryId === id),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export async function publishDestinations(
  env: TestEnvironment,
  producer: Producer,
  configs: DestinationConfig[],
) {
  await producer.send({
    topic: env.topics.destinations,
    messages: configs.map((c) => ({ key: String(c.id), value: env.serdes.destinationConfig.encode(c) })),
  });
}

export async function produceRequests(
  env: TestEnvironment,
  producer: Producer,
  requests: UrlDeliveryRequest[],
) {
  await producer.send({
    topic: env.topics.deliveriesUrl,
    messages: requests.map((r) => ({ key: r.uuid, value: env.serdes.urlDeliveryRequest.encode(r) })),
  });
}

export interface Harness {
  producer: Producer;
  service: UrlDeliveryInstance;
  deadLetters: DeadLetter[];
  stop(): Promise<void>;
}

/** Starts url-delivery on the environment's topics (real LiveConfig) and a dead-letter reader. */
export async function startHarness(
  env: TestEnvironment,
  destinations: DestinationConfig[],
  overrides: Partial<UrlDeliveryConfig> = {},
): Promise<Harness> {
  const producer = createProducer(env.kafka);
  await producer.connect();
  await publishDestinations(env, producer, destinations);
  const config: UrlDeliveryConfig = {
    ...loadConfig(urlDeliveryConfigSchema, {}),
    kafkaBrokers: brokers,
    schemaRegistryUrl: registryUrl,
    topicPrefix: env.prefix,
    groupId: `${env.prefix}url-delivery`,
    outboundAllowList: ['127.0.0.1'],
    connectTimeoutMs: 500,
    responseTimeoutMs: 500,
    retryJitter: 0,
    ...overrides,
  };
  const service = await startUrlDelivery(config, { logger: testLogger, clientId: `${env.prefix}url` });
  const deadLetters: DeadLetter[] = [];
  const consumer = env.kafka.consumer({ groupId: `${env.prefix}dlq-reader`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic: env.topics.deadLetters, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      deadLetters.push(await env.serdes.deadLetter.decode(message.value));
    },
  });
  return {
    producer,
    service,
    deadLetters,
    async stop() {
      await consumer.disconnect();
      await service.stop();
      await producer.disconnect();
    },
  };
}

export { metricValue } from './metric-value.ts';
