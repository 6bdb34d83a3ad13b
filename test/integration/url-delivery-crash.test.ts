/**
 * Nothing lost across a kill -9 of url-delivery during retries (issue 5): the service runs as a
 * child process (services/url-delivery/main.ts); the partner answers 500 to the first call of every
 * delivery (so retries sit in the delay topics) and 404 to a tenth of them (dead letters). The
 * service is killed with SIGKILL while retries are in flight, then started again; every delivery
 * request must end as delivered (a 200 at the partner, counted by distinct X-Delivery-Id) or
 * dead-lettered. Duplicates are allowed (at-least-once), losses are not.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { urlDestination } from '../support/destinations.ts';
import { ServiceProcess } from '../support/service-process.ts';
import { brokers, registryUrl, testEnvironment, waitFor } from '../support/stack.ts';
import {
  produceRequests,
  publishDestinations,
  startSink,
  urlRequest,
} from '../support/url-delivery-harness.ts';
import { createProducer } from '../../libs/kafka/index.ts';
import type { DeadLetter } from '../../libs/schema/index.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const MAIN = new URL('../../services/url-delivery/main.ts', import.meta.url).pathname;

describe('url-delivery crash', () => {
  it('kill -9 during retries: every request ends delivered or dead-lettered', async () => {
    const env = await testEnvironment('url-crash');
    const total = 200;
    const requests = Array.from({ length: total }, () => urlRequest(7));
    const permanent = new Set(requests.filter((_, i) => i % 10 === 0).map((r) => r.deliveryId));
    const sink = await startSink(({ deliveryId, n }) => ({
      status: permanent.has(deliveryId) ? 404 : n === 0 ? 500 : 200,
    }));
    cleanups.push(() => sink.close());
    const producer = createProducer(env.kafka);
    await producer.connect();
    cleanups.push(() => producer.disconnect());
    await publishDestinations(env, producer, [
      urlDestination(7, [101, 102], {
        url: {
          serialize: true,
          baseUrl: `${sink.base}/px?s=%alias%&u=%did%`,
          secureUrl: null,
          delimiter: ',',
          referrerPolicy: 'HIDE',
        },
      }),
    ]);

    const deadLetters: DeadLetter[] = [];
    const dlq = env.kafka.consumer({ groupId: `${env.prefix}dlq-reader`, maxWaitTimeInMs: 100 });
    await dlq.connect();
    cleanups.push(() => dlq.disconnect());
    await dlq.subscribe({ topic: env.topics.deadLetters, fromBeginning: true });
    await dlq.run({
      eachMessage: async ({ message }) => {
        deadLetters.push(await env.serdes.deadLetter.decode(message.value));
      },
    });

    const serviceEnv = {
      KAFKA_BROKERS: brokers.join(','),
      SCHEMA_REGISTRY_URL: registryUrl,
      TOPIC_PREFIX: env.prefix,
      GROUP_ID: `${env.prefix}url-delivery`,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: '0',
      OUTBOUND_ALLOW_LIST: '127.0.0.1',
      RETRY_JITTER: '0',
      // This test is about kill -9 during retries, not the breaker: with every first call failing,
      // an open circuit would refuse most of them (refusals are not calls), and how many got
      // through before it opened depended on the broker's pace (it timed out on the 3-broker cluster).
      BREAKER_VOLUME_THRESHOLD: '100000',
      LOG_LEVEL: 'warn',
    };
    const service = new ServiceProcess(MAIN, { ...process.env, ...serviceEnv }, cleanups);
    service.start();
    await produceRequests(env, producer, requests);
    // Kill once most first attempts failed (their retries wait in the 1 s topic) and few retries ran.
    await waitFor(() => sink.hits.filter((h) => h.status === 500).length >= total * 0.5, {
      message: 'first attempts failing',
      intervalMs: 10,
    });
    await service.kill();
    const deliveredBeforeKill = new Set(sink.hits.filter((h) => h.status === 200).map((h) => h.deliveryId));
    const retrying = new Set(
      sink.hits
        .filter((h) => h.status === 500 && !deliveredBeforeKill.has(h.deliveryId))
        .map((h) => h.deliveryId),
    );
    expect(retrying.size, 'retries in flight at the kill').toBeGreaterThan(0);
    expect(deliveredBeforeKill.size).toBeLessThan(total - permanent.size);

    service.start();
    const delivered = () => new Set(sink.hits.filter((h) => h.status === 200).map((h) => h.deliveryId));
    const deadIds = () => new Set(deadLetters.map((d) => d.deliveryId));
    await waitFor(() => delivered().size + deadIds().size >= total, {
      message: 'every request delivered or dead-lettered',
      timeoutMs: 90_000,
    });
    const ids = new Set(requests.map((r) => r.deliveryId));
    for (const id of ids) expect(delivered().has(id) || deadIds().has(id), id).toBe(true);
    expect([...delivered()].filter((id) => !ids.has(id))).toEqual([]);
    expect(deadIds()).toEqual(permanent);
    expect(deadLetters.every((d) => d.reason === 'http_4xx')).toBe(true);
    expect(delivered().size).toBe(total - permanent.size);
    console.info(
      `url-delivery crash: ${retrying.size} retries in flight at kill -9, ${deliveredBeforeKill.size} delivered before; ` +
        `after restart ${delivered().size} delivered + ${deadIds().size} dead-lettered = ${total}; ` +
        `${sink.hits.filter((h) => h.status === 200).length - delivered().size} duplicate deliveries`,
    );
  });
});
