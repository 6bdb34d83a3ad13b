import { afterAll, describe, expect, it } from 'vitest';
import { createProducer } from '../../libs/kafka/index.ts';
import { s2sDestination, urlDestination } from '../support/destinations.ts';
import { sampleEvent } from '../support/samples.ts';
import { brokers, collectTopic, registryUrl, testEnvironment, waitFor } from '../support/stack.ts';
import { ServiceProcess } from '../support/service-process.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
});

describe('router exactly-once across SIGKILL', () => {
  it('after repeated kill -9 and restarts, every expected delivery is present exactly once', async () => {
    const env = await testEnvironment('router-crash', 3);
    const producer = createProducer(env.kafka);
    await producer.connect();
    cleanups.push(() => producer.disconnect());
    for (const d of [urlDestination(1, [10]), s2sDestination(2, [10])]) {
      await producer.send({
        topic: env.topics.destinations,
        messages: [{ key: String(d.id), value: env.serdes.destinationConfig.encode(d) }],
      });
    }

    const routerEnv = {
      ...process.env,
      KAFKA_BROKERS: brokers.join(','),
      SCHEMA_REGISTRY_URL: registryUrl,
      TOPIC_PREFIX: env.prefix,
      GROUP_ID: `${env.prefix}router`,
      TRANSACTIONAL_ID_PREFIX: `${env.prefix}router`,
      HTTP_PORT: '0',
      LOG_LEVEL: 'warn',
      // Small fetches: many transactions, so kills land mid-stream.
      MAX_BYTES_PER_PARTITION: '4096',
      // A killed instance's partitions are reassigned after this.
      SESSION_TIMEOUT_MS: '6000',
    };
    const router = new ServiceProcess('services/router/main.ts', routerEnv, cleanups);
    const start = () => router.start();
    const kill = () => router.kill();

    const url = await collectTopic(env, env.topics.deliveriesUrl, cleanups);
    const s2s = await collectTopic(env, env.topics.deliveriesS2s, cleanups);
    const events = Array.from({ length: 3000 }, () =>
      sampleEvent({ segments: [{ sid: 10, status: 'QUALIFIED', updatedAt: Date.now(), dataSourceIds: [] }] }),
    );
    start();
    // Publish in small chunks while the router is being killed and restarted.
    let published = 0;
    const publishing = (async () => {
      for (; published < events.length; published += 50) {
        await producer.send({
          topic: env.topics.qualifications,
          messages: events.slice(published, published + 50).map((e) => ({
            key: e.uuid,
            value: env.serdes.qualificationEvent.encode(e),
          })),
        });
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    let kills = 0;
    for (const threshold of [300, 1200, 2100]) {
      await waitFor(() => url.length >= threshold, { timeoutMs: 90_000, message: `${threshold} deliveries` });
      await kill();
      kills += 1;
      start();
    }
    await publishing;
    await waitFor(() => url.length >= events.length && s2s.length >= events.length, {
      timeoutMs: 120_000,
      message: 'every delivery after the restarts',
    });
    // Give a late duplicate the chance to show up before counting.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await kill();

    expect(kills).toBe(3);
    for (const [topic, messages] of [
      ['url', url],
      ['s2s', s2s],
    ] as const) {
      const ids = await Promise.all(
        messages.map(async (m) =>
          topic === 'url'
            ? (await env.serdes.urlDeliveryRequest.decode(m.value)).deliveryId
            : (await env.serdes.s2sDeliveryRequest.decode(m.value)).deliveryId,
        ),
      );
      const destination = topic === 'url' ? 1 : 2;
      expect(ids.length).toBe(events.length);
      expect(new Set(ids)).toEqual(new Set(events.map((e) => `${e.eventId}:${destination}`)));
    }
  });
});
