/**
 * cookie-delivery input and edge failure modes against the real broker and registry: garbage bytes
 * and unknown destinations become dead letters, bad read parameters get a 400 with a clear
 * message, ops routes answer, and (on SQLite and PostgreSQL) the offsets stored with the state keep
 * records from being applied twice when Kafka's committed offsets are behind.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { storeDialects } from '../support/database.ts';
import {
  cookieConfig,
  cookieRequest,
  metricValue,
  seg,
  startCookieHarness,
  type CookieHarness,
} from '../support/cookie-delivery-harness.ts';
import type { StoreDialect } from '../../libs/store/index.ts';
import { testEnvironment, waitFor } from '../support/stack.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(label: string, dialect: StoreDialect = 'sqlite') {
  const env = await testEnvironment(`${label}-${dialect}`);
  const harness: CookieHarness = await startCookieHarness(env, dialect, [cookieConfig(1, {})]);
  cleanups.push(() => harness.stop());
  return harness;
}

describe('cookie-delivery input', () => {
  it('garbage bytes and unknown destinations are dead-lettered; the loop goes on', async () => {
    const harness = await setup('cookie-poison');
    const good = cookieRequest(1, [seg(1)]);
    const unknown = cookieRequest(99, [seg(1)], { uuid: good.uuid });
    await harness.producer.send({
      topic: harness.env.topics.deliveriesCookie,
      messages: [
        { key: good.uuid, value: Buffer.from('not avro at all') },
        { key: good.uuid, value: Buffer.from([0, 0xff, 0xff, 0xff, 0x7f, 1, 2]) },
        { key: good.uuid, value: harness.env.serdes.cookieDeliveryRequest.encode(unknown) },
        { key: good.uuid, value: harness.env.serdes.cookieDeliveryRequest.encode(good) },
      ],
    });
    await waitFor(async () => (await harness.cookies(good.uuid, 'example.com')).length === 1, {
      message: 'good request stored',
    });
    await waitFor(() => harness.deadLetters.length === 3, { message: 'three dead letters' });
    expect(harness.deadLetters.map((d) => d.reason).sort()).toEqual([
      'bad_magic_byte',
      'invalid_event',
      'unknown_schema_id',
    ]);
    const invalid = harness.deadLetters.find((d) => d.reason === 'invalid_event')!;
    expect(invalid).toMatchObject({
      service: 'cookie-delivery',
      sourceTopic: harness.env.topics.deliveriesCookie,
      destinationId: 99,
      deliveryId: unknown.deliveryId,
      detail: 'destination 99 is unknown',
    });
    expect(await harness.env.serdes.cookieDeliveryRequest.decode(invalid.value)).toEqual(unknown);
    expect(
      await metricValue(harness.service, 'segdest_cookie_requests_rejected_total', {
        destination_id: '99',
        reason: 'unknown_destination',
      }),
    ).toBe(1);
    expect(await metricValue(harness.service, 'segdest_dead_letters_total', {})).toBe(3);
  });

  it('bad read parameters: 400 with a message naming the parameter; ops routes answer', async () => {
    const harness = await setup('cookie-params');
    const cases: [string, RegExp][] = [
      ['/v1/cookies/abc%20def?domain=example.com', /^uuid must be/],
      [`/v1/cookies/${'9'.repeat(65)}?domain=example.com`, /^uuid must be/],
      ['/v1/cookies/123', /"domain".*required/],
      ['/v1/cookies/123?domain=', /"domain".*required/],
      ['/v1/cookies/123?domain=https%3A%2F%2Fexample.com%2Fpath', /^domain must be a host name/],
      ['/v1/cookies/123?domain=exa%20mple.com', /^domain must be a host name/],
      ['/v1/cookies/123?domain=example.com%3A8443', /^domain must be a host name/],
    ];
    for (const [path, message] of cases) {
      const read = await harness.read(path);
      expect(read.status, path).toBe(400);
      expect(read.body.message, path).toMatch(message);
      expect(read.setCookie).toEqual([]);
    }
    const miss = await harness.read('/v1/cookies/123?domain=example.com');
    expect(miss).toMatchObject({ status: 200, body: { cookies: [] }, setCookie: [] });
    expect(
      await metricValue(harness.service, 'segdest_cookie_read_duration_seconds', { outcome: 'invalid' }),
    ).toBeGreaterThan(0);
    await waitFor(async () => (await fetch(`${harness.service.url}/readyz`)).status === 200, {
      message: 'ready',
    });
    const metrics = await (await fetch(`${harness.service.url}/metrics`)).text();
    expect(metrics).toContain('segdest_cookie_read_duration_seconds_bucket');
    expect((await fetch(`${harness.service.url}/healthz`)).status).toBe(200);
  });
});

describe.each(storeDialects)('cookie-delivery state offsets on %s', (dialect) => {
  it('records already applied are skipped when Kafka offsets are behind the stored ones', async () => {
    const harness = await setup('cookie-offsets', dialect);
    const requests = Array.from({ length: 20 }, (_, i) => cookieRequest(1, [seg(1), seg(2 + (i % 3))]));
    await harness.produce(requests);
    await waitFor(
      async () =>
        (await metricValue(harness.service, 'segdest_cookie_states_written_total', { outcome: 'stored' })) ===
        20,
      { message: '20 stored' },
    );
    // As after a crash between the SQL commit and Kafka's offset commit: Kafka forgets our offsets.
    await harness.service.stop();
    const admin = harness.env.kafka.admin();
    await admin.connect();
    await admin.resetOffsets({
      groupId: `${harness.env.prefix}cookie-delivery`,
      topic: harness.env.topics.deliveriesCookie,
      earliest: true,
    });
    await admin.disconnect();
    await harness.restart();
    const after = cookieRequest(1, [seg(5)]);
    await harness.produce([after]);
    await waitFor(async () => (await harness.cookies(after.uuid, 'example.com')).length === 1, {
      message: 'new request stored after restart',
    });
    const topic = harness.env.topics.deliveriesCookie;
    await waitFor(
      async () => (await metricValue(harness.service, 'segdest_consumer_records_total', { topic })) === 21,
      { message: 'all 21 records read again' },
    );
    expect(
      await metricValue(harness.service, 'segdest_cookie_states_written_total', { outcome: 'stored' }),
    ).toBe(1);
    for (const request of requests.slice(0, 3)) {
      expect((await harness.cookies(request.uuid, 'example.com'))[0]?.value).toBe(
        `x=1&x=${request.segments[1]!.sid}`,
      );
    }
  });
});
