/**
 * Defect (issue 13.1): a backlog whose fan-out is large made the router write one input batch's
 * outputs in one produce request, past the broker's 1 MiB limit ("The request included a message
 * larger than the max message size the server will accept"); the consumer stopped for good while
 * /healthz said 200. A backlog published before the router starts (catch-up after downtime):
 * 6,000 events x 20 qualified segments, mapped to 3 URL destinations with 60-byte values, is
 * ~60 MiB of deliveries from a few input batches. Every delivery must arrive exactly once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createProducer } from '../../libs/kafka/index.ts';
import { mapping, urlDestination } from '../support/destinations.ts';
import { freePort, opsStatus } from '../support/free-port.ts';
import { sampleEvent } from '../support/samples.ts';
import { ServiceProcess } from '../support/service-process.ts';
import { brokers, collectTopic, registryUrl, testEnvironment, waitFor } from '../support/stack.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const EVENTS = 6000;
const SEGMENTS = Array.from({ length: 20 }, (_, i) => 5000 + i);

describe('router: a backlog whose fan-out exceeds the broker limit many times over', () => {
  it('produces every delivery exactly once, in requests that fit, and stays healthy', async () => {
    const env = await testEnvironment('fan-out', 2);
    const producer = createProducer(env.kafka);
    await producer.connect();
    cleanups.push(() => producer.disconnect());
    const value = (sid: number) => `${sid}-${'v'.repeat(60)}`.slice(0, 60);
    for (const id of [1, 2, 3]) {
      const destination = urlDestination(id, [], {
        mappings: SEGMENTS.map((sid) => mapping(sid, { value: value(sid) })),
      });
      await producer.send({
        topic: env.topics.destinations,
        messages: [{ key: String(id), value: env.serdes.destinationConfig.encode(destination) }],
      });
    }
    const now = Date.now();
    const events = Array.from({ length: EVENTS }, () =>
      sampleEvent({
        segments: SEGMENTS.map((sid) => ({
          sid,
          status: 'QUALIFIED' as const,
          updatedAt: now,
          dataSourceIds: [],
        })),
      }),
    );
    for (let i = 0; i < events.length; i += 500) {
      await producer.send({
        topic: env.topics.qualifications,
        messages: events
          .slice(i, i + 500)
          .map((e) => ({ key: e.uuid, value: env.serdes.qualificationEvent.encode(e) })),
      });
    }

    const port = await freePort();
    const router = new ServiceProcess(
      'services/router/main.ts',
      {
        ...process.env,
        KAFKA_BROKERS: brokers.join(','),
        SCHEMA_REGISTRY_URL: registryUrl,
        TOPIC_PREFIX: env.prefix,
        GROUP_ID: `${env.prefix}router`,
        TRANSACTIONAL_ID_PREFIX: `${env.prefix}router`,
        HTTP_PORT: String(port),
        LOG_LEVEL: 'warn',
      },
      cleanups,
    );
    const url = await collectTopic(env, env.topics.deliveriesUrl, cleanups);
    const dead = await collectTopic(env, env.topics.deadLetters, cleanups);
    router.start();
    await waitFor(() => url.length >= EVENTS * 3, {
      timeoutMs: 240_000,
      intervalMs: 500,
      message: `${EVENTS * 3} deliveries (have ${url.length})`,
    });
    expect(await opsStatus(port, '/healthz')).toBe(200);
    await waitFor(async () => (await opsStatus(port, '/readyz')) === 200, { message: 'router ready' });

    const decoded = await Promise.all(url.map((m) => env.serdes.urlDeliveryRequest.decode(m.value)));
    const keys = new Set(decoded.map((d) => `${d.eventId}|${d.destinationId}`));
    expect(keys.size).toBe(EVENTS * 3);
    expect(url.length).toBe(EVENTS * 3);
    expect(dead).toHaveLength(0);
    const totalBytes = url.reduce((sum, m) => sum + (m.value?.length ?? 0), 0);
    // The point of the case: far more output than one request may carry.
    expect(totalBytes).toBeGreaterThan(20 * 1024 * 1024);
  }, 300_000);
});
