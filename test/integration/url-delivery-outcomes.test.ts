/**
 * url-delivery against a real broker, registry and a local partner that misbehaves on cue:
 * retries through the delay topics, Retry-After, timeouts, permanent errors, SSRF on redirect,
 * poison input. Each test has its own topics and its own service instance.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { urlDestination } from '../support/destinations.ts';
import { testEnvironment, testLogger, waitFor } from '../support/stack.ts';
import {
  metricValue,
  produceRequests,
  startHarness,
  startSink,
  urlRequest,
  type Behaviour,
  type Harness,
  type Sink,
} from '../support/url-delivery-harness.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(label: string, behaviour: Behaviour, overrides = {}) {
  const env = await testEnvironment(label);
  const sink: Sink = await startSink(behaviour);
  cleanups.push(() => sink.close());
  const destination = urlDestination(7, [101, 102], {
    url: {
      serialize: true,
      baseUrl: `${sink.base}/px?s=%alias%&u=%did%&r=%rnd%`,
      secureUrl: null,
      delimiter: ';',
      referrerPolicy: 'HIDE',
    },
  });
  const harness: Harness = await startHarness(env, [destination], overrides);
  cleanups.push(() => harness.stop());
  return { env, sink, harness };
}

describe('url-delivery outcomes', () => {
  it('500 then 200: retried once through the 1 s delay topic, delivered once', async () => {
    const { env, sink, harness } = await setup('url-500', ({ n }) => ({ status: n === 0 ? 500 : 200 }));
    const request = urlRequest(7);
    await produceRequests(env, harness.producer, [request]);
    await waitFor(() => sink.hitsFor(request.deliveryId).some((h) => h.status === 200), {
      message: 'delivery',
    });
    const hits = sink.hitsFor(request.deliveryId);
    expect(hits.map((h) => h.status)).toEqual([500, 200]);
    expect(hits[1]!.at - hits[0]!.at).toBeGreaterThanOrEqual(950);
    expect(hits[0]!.path).toMatch(new RegExp(`^/px\\?s=101;aam=102&u=${request.uuid}&r=\\d{9}$`));
    await waitFor(
      async () =>
        (await metricValue(harness.service, 'segdest_delivery_attempts_total', { outcome: 'succeeded' })) ===
        1,
      { message: 'succeeded metric' },
    );
    expect(
      await metricValue(harness.service, 'segdest_delivery_attempts_total', {
        outcome: 'retried',
        status_class: '5xx',
      }),
    ).toBe(1);
    expect(
      await metricValue(harness.service, 'segdest_delivery_latency_seconds', { destination_id: '7' }),
    ).toBeGreaterThan(0);
    expect(harness.deadLetters).toEqual([]);
  });

  it('429 with Retry-After: 3 waits at least 3 s', async () => {
    const { env, sink, harness } = await setup('url-429', ({ n }) =>
      n === 0 ? { status: 429, headers: { 'retry-after': '3' } } : { status: 204 },
    );
    const request = urlRequest(7);
    await produceRequests(env, harness.producer, [request]);
    await waitFor(() => sink.hitsFor(request.deliveryId).length === 2, { message: 'second call' });
    const [first, second] = sink.hitsFor(request.deliveryId);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(3000);
    expect(second!.status).toBe(204);
  });

  it('a partner that hangs past the response timeout is retried', async () => {
    const { env, sink, harness } = await setup('url-hang', ({ n }) => (n === 0 ? null : { status: 200 }));
    const request = urlRequest(7);
    await produceRequests(env, harness.producer, [request]);
    await waitFor(() => sink.hitsFor(request.deliveryId).some((h) => h.status === 200), {
      message: 'delivery',
    });
    expect(sink.hitsFor(request.deliveryId).map((h) => h.status)).toEqual([null, 200]);
    expect(
      await metricValue(harness.service, 'segdest_delivery_attempts_total', {
        outcome: 'retried',
        status_class: 'timeout',
      }),
    ).toBe(1);
  });

  it('a permanent 404 is dead-lettered at once with its status and reason', async () => {
    const { env, sink, harness } = await setup('url-404', () => ({ status: 404 }));
    const request = urlRequest(7);
    await produceRequests(env, harness.producer, [request]);
    const dead = await waitFor(() => harness.deadLetters.find((d) => d.deliveryId === request.deliveryId), {
      message: 'dead letter',
    });
    expect(dead).toMatchObject({
      reason: 'http_4xx',
      lastStatus: 404,
      attempts: 1,
      destinationId: 7,
      service: 'url-delivery',
      sourceTopic: env.topics.deliveriesUrl,
    });
    expect(await env.serdes.urlDeliveryRequest.decode(dead.value)).toEqual(request);
    expect(sink.hitsFor(request.deliveryId)).toHaveLength(1);
  });

  it('a redirect to 127.0.0.2 is refused (ssrf_refused), never connected', async () => {
    const { env, sink, harness } = await setup('url-redirect', () => ({
      status: 302,
      headers: { location: 'http://127.0.0.2:1/steal' },
    }));
    const request = urlRequest(7);
    await produceRequests(env, harness.producer, [request]);
    const dead = await waitFor(() => harness.deadLetters.find((d) => d.deliveryId === request.deliveryId), {
      message: 'dead letter',
    });
    expect(dead.reason).toBe('ssrf_refused');
    expect(dead.detail).toMatch(/127\.0\.0\.2/);
    expect(sink.hitsFor(request.deliveryId)).toHaveLength(1);
  });

  it('gives up after max attempts with retries_exhausted and the last status', async () => {
    const { env, harness } = await setup('url-exhaust', () => ({ status: 503 }), { maxAttempts: 2 });
    const request = urlRequest(7);
    await produceRequests(env, harness.producer, [request]);
    const dead = await waitFor(() => harness.deadLetters.find((d) => d.deliveryId === request.deliveryId), {
      message: 'dead letter',
    });
    expect(dead).toMatchObject({
      reason: 'retries_exhausted',
      attempts: 2,
      lastStatus: 503,
      sourceTopic: env.topics.deliveriesUrl,
    });
    expect(dead.detail).toMatch(/http_5xx/);
  });

  it('garbage bytes on the input topic become a dead letter and do not stop the loop', async () => {
    const { env, sink, harness } = await setup('url-garbage', () => ({ status: 200 }));
    await harness.producer.send({
      topic: env.topics.deliveriesUrl,
      messages: [{ key: 'k', value: Buffer.from('not avro at all') }],
    });
    const request = urlRequest(7);
    await produceRequests(env, harness.producer, [request]);
    const dead = await waitFor(() => harness.deadLetters.find((d) => d.reason === 'bad_magic_byte'), {
      message: 'dead letter',
    });
    expect(dead.value?.toString()).toBe('not avro at all');
    await waitFor(() => sink.hitsFor(request.deliveryId).length === 1, { message: 'next record delivered' });
  });

  it('a slow call does not hold back the records fetched after it, only the commit', async () => {
    const SLOW_MS = 2500;
    let slowId = '';
    const { env, sink, harness } = await setup(
      'url-overlap',
      ({ deliveryId }) => (deliveryId === slowId ? { status: 200, delayMs: SLOW_MS } : { status: 200 }),
      { responseTimeoutMs: 5000, commitIntervalMs: 50 },
    );
    // One key, so one partition: the slow record first, then twenty behind it.
    const uuid = urlRequest(7).uuid;
    const slow = urlRequest(7, { uuid });
    slowId = slow.deliveryId;
    const fast = Array.from({ length: 20 }, () => urlRequest(7, { uuid }));
    const started = Date.now();
    await produceRequests(env, harness.producer, [slow]);
    await waitFor(() => sink.hitsFor(slow.deliveryId).length === 1, { message: 'slow call sent' });
    // Fetched after the slow record: a loop that waits for its batch would hold these back.
    await produceRequests(env, harness.producer, fast);
    await waitFor(() => fast.every((r) => sink.hitsFor(r.deliveryId).length === 1), {
      message: 'the records behind the slow one delivered',
    });
    // The slow call is still open: 20 attempts finished, not 21.
    expect(
      await metricValue(harness.service, 'segdest_delivery_attempts_total', { destination_id: '7' }),
      'delivered while the slow call is still waiting',
    ).toBe(20);
    expect(sink.hitsFor(slow.deliveryId)).toHaveLength(1);

    const admin = env.kafka.admin();
    await admin.connect();
    cleanups.push(() => admin.disconnect());
    const committed = async () => {
      const [topic] = await admin.fetchOffsets({
        groupId: `${env.prefix}url-delivery`,
        topics: [env.topics.deliveriesUrl],
      });
      return new Map(topic!.partitions.map((p) => [p.partition, Number(p.offset)]));
    };
    const ends = await admin.fetchTopicOffsets(env.topics.deliveriesUrl);
    const busy = ends.find((p) => p.high === '21')!.partition;
    // A record on another partition, delivered and committed, shows the commit loop ran while the
    // slow call was open; the busy partition's commit must not have passed the slow record (offset 0).
    const other = ends.find((p) => p.partition !== busy)!.partition;
    const probe = urlRequest(7);
    await harness.producer.send({
      topic: env.topics.deliveriesUrl,
      messages: [{ key: probe.uuid, partition: other, value: env.serdes.urlDeliveryRequest.encode(probe) }],
    });
    await waitFor(async () => (await committed()).get(other) === 1, { message: 'probe committed' });
    expect(
      await metricValue(harness.service, 'segdest_delivery_attempts_total', { destination_id: '7' }),
      'checked while the slow call is still open (20 fast calls and the probe finished, not the slow one)',
    ).toBe(21);
    testLogger.info({ ms: Date.now() - started }, 'overlap checks done');
    expect((await committed()).get(busy)).toBeLessThanOrEqual(0);
    // Once it answers, everything is committed: the offset after the 21st record.
    await waitFor(async () => (await committed()).get(busy) === 21, {
      message: 'all committed',
      timeoutMs: 10_000,
    });
    expect(harness.deadLetters).toEqual([]);
  });
});
