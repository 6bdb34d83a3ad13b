/**
 * Issue 14 item 2: a schema-valid event past the record limits (the probe's 1 MB mcid, a uuid
 * outside the one uuid rule) is dead-lettered by the router with a detail naming the field; the
 * events after it are routed (on faf1472 the 1 MB mcid crashed the router on produce).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../libs/config/index.ts';
import { createProducer } from '../../libs/kafka/index.ts';
import { routerConfigSchema } from '../../services/router/config.ts';
import { startRouter } from '../../services/router/start-router.ts';
import { urlDestination } from '../support/destinations.ts';
import { sampleEvent } from '../support/samples.ts';
import {
  brokers,
  collectTopic,
  registryUrl,
  testEnvironment,
  testLogger,
  waitFor,
} from '../support/stack.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('record limits at the router', () => {
  it('dead-letters a 1 MB mcid and a uuid outside the rule, routes the next event', async () => {
    const env = await testEnvironment('router-limits');
    const producer = createProducer(env.kafka);
    await producer.connect();
    cleanups.push(() => producer.disconnect());
    const destination = urlDestination(1, [10]);
    await producer.send({
      topic: env.topics.destinations,
      messages: [{ key: '1', value: env.serdes.destinationConfig.encode(destination) }],
    });
    const dead = await collectTopic(env, env.topics.deadLetters, cleanups);
    const url = await collectTopic(env, env.topics.deliveriesUrl, cleanups);
    const router = await startRouter(
      loadConfig(routerConfigSchema, {
        KAFKA_BROKERS: brokers.join(','),
        SCHEMA_REGISTRY_URL: registryUrl,
        TOPIC_PREFIX: env.prefix,
        GROUP_ID: `${env.prefix}router`,
        TRANSACTIONAL_ID_PREFIX: `${env.prefix}router`,
      }),
      { logger: testLogger },
    );
    cleanups.push(() => router.stop());

    const segments = [{ sid: 10, status: 'QUALIFIED' as const, updatedAt: Date.now(), dataSourceIds: [] }];
    const huge = sampleEvent({ mcid: '1'.repeat(1_000_000), segments });
    const email = sampleEvent({ uuid: 'user@example.com', segments });
    const good = sampleEvent({ segments });
    await producer.send({
      topic: env.topics.qualifications,
      messages: [huge, email, good].map((e) => ({
        key: e.uuid,
        value: env.serdes.qualificationEvent.encode(e),
      })),
    });

    await waitFor(() => url.length === 1 && dead.length === 2, { message: 'one delivery, two dead letters' });
    expect((await env.serdes.urlDeliveryRequest.decode(url[0]!.value)).eventId).toBe(good.eventId);
    const letters = await Promise.all(dead.map((m) => env.serdes.deadLetter.decode(m.value)));
    // Different uuids, so different partitions: any order.
    expect(letters.map((l) => [l.reason, l.detail])).toEqual(
      expect.arrayContaining([
        // The dead letter of a 1 MB record may carry a truncated value (the detail then says so).
        ['invalid_event', expect.stringMatching(/^mcid: 1000000 characters, more than the limit of 64/)],
        [
          'invalid_event',
          'uuid: "user@example.com" has a character outside the set; the rule is 1-64 characters of A-Z a-z 0-9 _ -',
        ],
      ]),
    );
  });
});
