/**
 * cookie-delivery against the real broker and registry, on SQLite and PostgreSQL: cookie values in
 * both formats, serialization, the size cap with priorities, a removal, and the publish-to-domain
 * rules of the edge read. Each test has its own topics and database.
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
import type { DestinationConfig } from '../../libs/schema/index.ts';
import type { StoreDialect } from '../../libs/store/index.ts';
import { testEnvironment, waitFor } from '../support/stack.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(label: string, dialect: StoreDialect, destinations: DestinationConfig[]) {
  const env = await testEnvironment(`${label}-${dialect}`);
  const harness: CookieHarness = await startCookieHarness(env, dialect, destinations);
  cleanups.push(() => harness.stop());
  return harness;
}

/** Waits until the edge read for uuid on domain returns `count` cookies satisfying `accept`. */
async function cookiesWhen(
  harness: CookieHarness,
  uuid: string,
  domain: string,
  accept: (values: string[]) => boolean,
) {
  return waitFor(
    async () => {
      const cookies = await harness.cookies(uuid, domain);
      return accept(cookies.map((c) => c.value)) ? cookies : null;
    },
    { message: `cookies of ${uuid} on ${domain}` },
  );
}

describe.each(storeDialects)('cookie-delivery on %s', (dialect) => {
  it('single-key standard and serialized, multi-key standard and serialized; Set-Cookie headers', async () => {
    const harness = await setup('cookie-formats', dialect, [
      cookieConfig(1, { name: 'single', key: 'x', domain: '.example.com', ttlDays: 30 }),
      cookieConfig(2, { name: 'serial', key: 'x', serialize: true, serialSeparator: ';', domain: null }),
      cookieConfig(3, { name: 'multi', dataFormat: 'MULTI_KEY', key: null, pairSeparator: ',' }),
      cookieConfig(4, { name: 'multiser', dataFormat: 'MULTI_KEY', key: null, serialize: true }),
    ]);
    const uuid = cookieRequest(1, []).uuid;
    const three = [seg(1, '1'), seg(2, '2'), seg(3, 'a b')];
    const keyed = [seg(1, '1', 'x'), seg(2, '2', 'x'), seg(3, '3', 'y')];
    await harness.produce([
      cookieRequest(1, three, { uuid }),
      cookieRequest(2, three, { uuid }),
      cookieRequest(3, keyed, { uuid }),
      cookieRequest(4, keyed, { uuid }),
    ]);
    const cookies = await cookiesWhen(harness, uuid, 'www.example.com', (v) => v.length === 4);
    expect(cookies).toEqual([
      { name: 'single', value: 'x=1&x=2&x=a%20b', domain: '.example.com', ttlDays: 30 },
      { name: 'serial', value: 'x=1;2;a%20b', domain: 'www.example.com', ttlDays: 30 },
      { name: 'multi', value: 'x=1,x=2,y=3', domain: '.example.com', ttlDays: 30 },
      { name: 'multiser', value: 'x=1,2&y=3', domain: '.example.com', ttlDays: 30 },
    ]);
    const read = await harness.read(`/v1/cookies/${uuid}?domain=www.example.com`);
    expect(read.setCookie).toEqual([
      'single=x=1&x=2&x=a%20b; Domain=.example.com; Max-Age=2592000; Path=/; Secure; SameSite=None',
      'serial=x=1%3B2%3Ba%20b; Domain=www.example.com; Max-Age=2592000; Path=/; Secure; SameSite=None',
      'multi=x=1,x=2,y=3; Domain=.example.com; Max-Age=2592000; Path=/; Secure; SameSite=None',
      'multiser=x=1,2&y=3; Domain=.example.com; Max-Age=2592000; Path=/; Secure; SameSite=None',
    ]);
    expect(
      await metricValue(harness.service, 'segdest_cookie_states_written_total', { outcome: 'stored' }),
    ).toBe(4);
    expect(await metricValue(harness.service, 'segdest_cookie_served_total', { destination_id: '2' })).toBe(
      2,
    );
  });

  it('size cap: lowest priority dropped first (no priority lowest), never half a pair', async () => {
    // Five pairs "x=<13 chars>" of 15 bytes: 79 bytes with separators; 50 bytes hold three.
    const harness = await setup('cookie-cap', dialect, [cookieConfig(1, { maxSizeBytes: 50 })]);
    const v = (c: string) => c.repeat(13);
    const request = cookieRequest(1, [
      seg(1, v('a'), null, 3),
      seg(2, v('b'), null, 1),
      seg(3, v('c'), null, null),
      seg(4, v('d'), null, 2),
      seg(5, v('e'), null, 5),
    ]);
    await harness.produce([request]);
    const [cookie] = await cookiesWhen(harness, request.uuid, 'example.com', (values) => values.length === 1);
    expect(cookie!.value).toBe(`x=${v('a')}&x=${v('b')}&x=${v('d')}`);
    expect(Buffer.byteLength(cookie!.value)).toBeLessThanOrEqual(50);
    expect(
      await metricValue(harness.service, 'segdest_cookie_segments_dropped_total', { destination_id: '1' }),
    ).toBe(2);
  });

  it('removal: a later request without a segment rewrites the value; none left deletes the cookie', async () => {
    const harness = await setup('cookie-removal', dialect, [
      cookieConfig(1, {}),
      cookieConfig(2, { name: 'fence' }),
    ]);
    const first = cookieRequest(1, [seg(1), seg(2), seg(3)]);
    const { uuid } = first;
    await harness.produce([first]);
    await cookiesWhen(harness, uuid, 'example.com', (values) => values[0] === 'x=1&x=2&x=3');
    await harness.produce([cookieRequest(1, [seg(1), seg(3)], { uuid, eventTime: first.eventTime + 1000 })]);
    await cookiesWhen(harness, uuid, 'example.com', (values) => values[0] === 'x=1&x=3');
    // An older event arriving late does not bring the removed segment back: once a later record of
    // the same user (same partition) is visible, the value is still the newer one.
    await harness.produce([cookieRequest(1, [seg(1), seg(2), seg(3)], { uuid, eventTime: first.eventTime })]);
    await harness.produce([cookieRequest(2, [seg(5)], { uuid })]);
    const values = await cookiesWhen(harness, uuid, 'example.com', (v) => v.length === 2);
    expect(values.map((c) => c.value)).toEqual(['x=1&x=3', 'x=5']);
    await harness.produce([cookieRequest(1, [], { uuid, eventTime: first.eventTime + 2000 })]);
    await cookiesWhen(harness, uuid, 'example.com', (v) => v.join() === 'x=5');
    expect(
      await metricValue(harness.service, 'segdest_cookie_states_written_total', { outcome: 'removed' }),
    ).toBe(1);
  });

  it('domain rules: cookie domain, publish to all / only listed / all except listed', async () => {
    const harness = await setup('cookie-domains', dialect, [
      cookieConfig(1, { name: 'all', domain: '.example.com', publishTo: 'ALL' }),
      cookieConfig(2, {
        name: 'only',
        domain: null,
        publishTo: 'ONLY_LISTED',
        publishDomains: ['news.com', 'example.com'],
      }),
      cookieConfig(3, {
        name: 'except',
        domain: null,
        publishTo: 'ALL_EXCEPT_LISTED',
        publishDomains: ['sports.com'],
      }),
    ]);
    const uuid = cookieRequest(1, []).uuid;
    await harness.produce([1, 2, 3].map((id) => cookieRequest(id, [seg(1)], { uuid })));
    await cookiesWhen(harness, uuid, 'www.example.com', (values) => values.length === 3);
    const served = async (domain: string) =>
      (await harness.cookies(uuid, domain)).map((c) => `${c.name}@${c.domain}`);
    expect(await served('www.example.com')).toEqual([
      'all@.example.com',
      'only@www.example.com',
      'except@www.example.com',
    ]);
    expect(await served('a.news.com')).toEqual(['only@a.news.com', 'except@a.news.com']);
    expect(await served('golf.sports.com')).toEqual([]);
    expect(await served('blog.other.org')).toEqual(['except@blog.other.org']);
    // Rules follow the live config: unlisting news.com hides the cookie there without a new delivery.
    await harness.publish([
      cookieConfig(2, {
        name: 'only',
        domain: null,
        publishTo: 'ONLY_LISTED',
        publishDomains: ['example.com'],
      }),
    ]);
    await waitFor(async () => (await served('a.news.com')).join() === 'except@a.news.com', {
      message: 'live rule change',
    });
  });
});
