/**
 * Real-time S2S delivery against a local partner: the SPEC §4 JSON, batching by size and interval,
 * HMAC signatures, OAuth2 tokens (expiry and 401 refresh), retries (500, 429 + Retry-After,
 * timeout) with a stable X-Delivery-Id, dead letters, and ID syncs deciding who is sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseExposition, sampleValue } from '../../libs/metrics/index.ts';
import type { S2sMessage } from '../../libs/rendering/index.ts';
import { storeDialects } from '../support/database.ts';
import {
  encryptFor,
  idSync,
  metricValue,
  realTimeDestination,
  realTimeSettings,
  s2sRequest,
  startPartner,
  startS2sHarness,
  type Partner,
  type S2sHarness,
} from '../support/s2s-delivery-harness.ts';
import { waitFor } from '../support/stack.ts';

const DEST = 501;
const DAY = 86_400_000;

const usersOf = (partner: Partner) =>
  partner.requests.filter((r) => r.status === 200).flatMap((r) => (JSON.parse(r.body) as S2sMessage).Users);

describe.each(storeDialects)('s2s real-time on %s', (dialect) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  async function start(label: string, partner: Partner, settings: Parameters<typeof realTimeSettings>[1]) {
    cleanups.push(() => partner.close());
    const harness: S2sHarness = await startS2sHarness(`s2s-rt-${label}-${dialect}`, dialect, {
      destinations: [realTimeDestination(DEST, [1, 2, 3], realTimeSettings(partner.endpoint, settings))],
    });
    cleanups.push(() => harness.stop());
    return harness;
  }

  it('sends the SPEC JSON in batches of N, signed; only synced users, late syncs deliver, expired do not', async () => {
    const hmacKey = 'partner-shared-secret';
    const partner = await startPartner({
      hmac: { header: 'X-Signature', key: hmacKey, algorithm: 'sha256' },
    });
    const h = await start('format', partner, {
      auth: 'HMAC',
      hmacAlgorithm: 'SHA256',
      hmacHeader: 'X-Signature',
      hmacKey: encryptFor(DEST, 'hmacKey', hmacKey),
      usersPerRequest: 3,
      flushIntervalMs: 300,
    });
    await h.sync(['u1', 'u2', 'u3', 'u4', 'u5'].map((u) => idSync(u, `p-${u}`)));
    // The two topics are consumed independently: let the syncs land first, so the deliveries
    // (which carry the edge region) are what queues the users.
    await waitFor(
      async () => (await h.instance.store.db.selectFrom('id_syncs').select('uuid').execute()).length === 5,
      {
        message: 'syncs stored',
      },
    );
    await h.deliver([
      ...['u1', 'u2', 'u3', 'u4', 'u5'].map((u) =>
        s2sRequest(DEST, u, [
          { sid: 1, member: true, updatedAt: 1_700_000_001_000 },
          { sid: 2, member: true, updatedAt: 1_700_000_002_000 },
        ]),
      ),
      s2sRequest(DEST, 'u6', [{ sid: 1, member: true }]),
    ]);
    await waitFor(() => usersOf(partner).length === 5, { message: '5 users delivered' });
    // Batches of at most 3: the first three by size, the last two by the flush interval.
    expect(partner.requests.map((r) => (JSON.parse(r.body) as S2sMessage).User_count)).toEqual([3, 2]);
    expect(partner.requests.every((r) => r.status === 200)).toBe(true);
    const first = partner.requests[0]!;
    expect(first.headers['content-type']).toBe('application/json');
    expect(first.headers['x-delivery-id']).toMatch(new RegExp(`^s2s-${DEST}-\\d+$`));
    const message = JSON.parse(first.body) as S2sMessage;
    expect(message.ProcessTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect({ ...message, ProcessTime: 'x' }).toEqual({
      ProcessTime: 'x',
      User_DPID: 20915,
      Client_ID: 'acct-42',
      AAM_Destination_ID: DEST,
      User_count: 3,
      Users: ['u1', 'u2', 'u3'].map((u) => ({
        AAM_UUID: u,
        DataPartner_UUID: `p-${u}`,
        AAM_Regions: [9],
        Segments: [
          { Segment_ID: 'v1', Status: 1, DateTime: '2023-11-14T22:13:21Z' },
          { Segment_ID: 'v2', Status: 1, DateTime: '2023-11-14T22:13:22Z' },
        ],
      })),
    });
    expect(usersOf(partner).map((u) => u.AAM_UUID)).not.toContain('u6');

    // A removal: the user's full current set plus the removal (Status 0).
    await h.deliver([
      s2sRequest(DEST, 'u1', [
        { sid: 1, member: true, updatedAt: 1_700_000_001_000 },
        { sid: 2, member: false, updatedAt: 1_700_000_003_000 },
      ]),
    ]);
    await waitFor(() => usersOf(partner).length === 6, { message: 'u1 removal delivered' });
    expect(usersOf(partner)[5]).toEqual({
      AAM_UUID: 'u1',
      DataPartner_UUID: 'p-u1',
      AAM_Regions: [9],
      Segments: [
        { Segment_ID: 'v1', Status: 1, DateTime: '2023-11-14T22:13:21Z' },
        { Segment_ID: 'v2', Status: 0, DateTime: '2023-11-14T22:13:23Z' },
      ],
    });

    // u6's sync arrives after its qualification: now it is delivered.
    await h.sync([idSync('u6', 'p-u6')]);
    await waitFor(() => usersOf(partner).some((u) => u.AAM_UUID === 'u6'), { message: 'u6 delivered' });

    // u7's only sync expired (200 days old): not sent; u8, queued after it, is.
    await h.sync([idSync('u7', 'p-u7', Date.now() - 200 * DAY), idSync('u8', 'p-u8')]);
    await h.deliver([
      s2sRequest(DEST, 'u7', [{ sid: 3, member: true }]),
      s2sRequest(DEST, 'u8', [{ sid: 3, member: true }]),
    ]);
    await waitFor(() => usersOf(partner).some((u) => u.AAM_UUID === 'u8'), { message: 'u8 delivered' });
    expect(usersOf(partner).map((u) => u.AAM_UUID)).not.toContain('u7');
    expect(partner.requests.every((r) => r.status === 200)).toBe(true);
    // Counted once the sender deleted the batch row, a moment after the partner answered.
    await waitFor(
      async () =>
        (await metricValue(h.instance, 'segdest_delivery_attempts_total', {
          destination_id: String(DEST),
          outcome: 'succeeded',
        })) === partner.requests.length,
      { message: 'every delivered batch counted' },
    );
    // Latency: one observation per batch answered 2xx, from its oldest change's event time. The
    // qualifications date from 2023 (past the last bucket); u6's batch counts from its sync, just now.
    const samples = parseExposition(await h.instance.registry.metrics());
    const latency = (suffix: string, labels: Record<string, string> = {}) =>
      sampleValue(samples, `segdest_delivery_latency_seconds_${suffix}`, {
        destination_type: 's2s',
        destination_id: String(DEST),
        ...labels,
      });
    expect(latency('count')).toBe(partner.requests.length);
    expect(latency('bucket', { le: '21600' })).toBeGreaterThanOrEqual(1);
    expect(latency('bucket', { le: '21600' })).toBeLessThanOrEqual(partner.requests.length - 3);
  });

  it('retries 500, 429 with Retry-After and a timeout with the same id and body, then dead-letters a 400', async () => {
    const script = [
      { status: 500 },
      { status: 429, headers: { 'retry-after': '1' } },
      null,
      { status: 200 },
      { status: 400 },
    ];
    const partner = await startPartner({
      behaviour: (_r, n) => (n < script.length ? script[n]! : { status: 200 }),
    });
    const h = await start('retry', partner, { usersPerRequest: 1, flushIntervalMs: 50, timeoutMs: 300 });
    await h.sync([idSync('r1', 'p-r1'), idSync('r2', 'p-r2')]);
    await h.deliver([s2sRequest(DEST, 'r1', [{ sid: 1, member: true }])]);
    await waitFor(() => partner.requests.some((r) => r.status === 200), {
      message: 'delivered after retries',
    });
    const attempts = partner.requests.slice(0, 4);
    expect(attempts.map((r) => r.status)).toEqual([500, 429, null, 200]);
    expect(new Set(attempts.map((r) => r.headers['x-delivery-id'])).size).toBe(1);
    expect(new Set(attempts.map((r) => r.body)).size).toBe(1);
    // Backoff 100 ms, then Retry-After 1 s wins over the 200 ms tier, then the timeout (300 ms) + 200 ms.
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(90);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(990);
    expect(attempts[3]!.at - attempts[2]!.at).toBeGreaterThanOrEqual(490);

    await h.deliver([s2sRequest(DEST, 'r2', [{ sid: 1, member: true }])]);
    await waitFor(
      async () =>
        (await metricValue(h.instance, 'segdest_delivery_attempts_total', {
          destination_id: String(DEST),
          outcome: 'given_up',
        })) === 1,
      { message: 'the 400 given up' },
    );
    expect(partner.requests.at(-1)!.status).toBe(400);
    expect(await h.instance.store.db.selectFrom('realtime_batches').select('id').execute()).toEqual([]);
    const labels = { destination_id: String(DEST) };
    expect(
      await metricValue(h.instance, 'segdest_s2s_realtime_users_total', { ...labels, outcome: 'given_up' }),
    ).toBe(1);
    expect(
      await metricValue(h.instance, 'segdest_delivery_attempts_total', { ...labels, outcome: 'retried' }),
    ).toBe(3);
    expect(await metricValue(h.instance, 'segdest_dead_letters_total', { reason: 'http_4xx' })).toBe(1);
  });

  it('deletes ID syncs older than ID_SYNC_MAX_AGE_DAYS, at start and then periodically', async () => {
    const partner = await startPartner();
    cleanups.push(() => partner.close());
    const h = await startS2sHarness(`s2s-rt-expiry-${dialect}`, dialect, {
      env: { ID_SYNC_EXPIRY_MS: '200' },
      destinations: [realTimeDestination(DEST, [1], realTimeSettings(partner.endpoint))],
    });
    cleanups.push(() => h.stop());
    const synced = async () =>
      (await h.instance.store.db.selectFrom('id_syncs').select('uuid').orderBy('uuid').execute()).map(
        (r) => r.uuid,
      );
    await h.sync([idSync('fresh', 'p-fresh'), idSync('old1', 'p-old1', Date.now() - 121 * DAY)]);
    await waitFor(async () => (await synced()).includes('fresh'), { message: 'syncs stored' });
    await h.sync([idSync('old2', 'p-old2', Date.now() - 300 * DAY), idSync('fresh2', 'p-fresh2')]);
    await waitFor(async () => (await synced()).includes('fresh2'), { message: 'second syncs stored' });
    await waitFor(
      async () => (await metricValue(h.instance, 'segdest_s2s_id_syncs_expired_total', {})) === 2,
      {
        message: 'both old syncs deleted',
      },
    );
    expect(await synced()).toEqual(['fresh', 'fresh2']);
  });

  it('OAuth2: fetches a token, reuses it, fetches a new one after expiry and after a 401', async () => {
    const partner = await startPartner({
      oauth: { clientId: 'cid', clientSecret: 's3cr3t', expiresInSeconds: 2 },
    });
    const h = await start('oauth', partner, {
      auth: 'OAUTH2',
      oauthTokenUrl: partner.tokenUrl,
      oauthClientId: 'cid',
      oauthClientSecret: encryptFor(DEST, 'oauthClientSecret', 's3cr3t'),
      usersPerRequest: 1,
      flushIntervalMs: 20,
    });
    await h.sync(['o1', 'o2', 'o3', 'o4'].map((u) => idSync(u, `p-${u}`)));
    await h.deliver([
      s2sRequest(DEST, 'o1', [{ sid: 1, member: true }]),
      s2sRequest(DEST, 'o2', [{ sid: 1, member: true }]),
    ]);
    await waitFor(() => usersOf(partner).length === 2, { message: 'two batches with one token' });
    expect(partner.issued).toEqual(['tok-1']);
    expect(partner.requests.map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1']);
    expect(partner.tokenRequests[0]!.headers['content-type']).toBe(
      'application/x-www-form-urlencoded;charset=UTF-8',
    );

    // Expiry: the cached token is dropped before the partner would refuse it.
    const expiresAt = partner.tokenRequests[0]!.at + 2000;
    await waitFor(() => Date.now() > expiresAt, { timeoutMs: 5000, message: 'token 1 expired' });
    await h.deliver([s2sRequest(DEST, 'o3', [{ sid: 1, member: true }])]);
    await waitFor(() => usersOf(partner).length === 3, { message: 'third batch' });
    expect(partner.issued).toEqual(['tok-1', 'tok-2']);
    expect(partner.requests.at(-1)!.headers.authorization).toBe('Bearer tok-2');

    // A 401 (the partner revoked tok-2): one refresh and the same batch again.
    partner.revoke('tok-2');
    await h.deliver([s2sRequest(DEST, 'o4', [{ sid: 1, member: true }])]);
    await waitFor(() => usersOf(partner).length === 4, { message: 'fourth batch after a refresh' });
    expect(partner.issued).toEqual(['tok-1', 'tok-2', 'tok-3']);
    const last = partner.requests.slice(-2);
    expect(last.map((r) => [r.status, r.headers.authorization])).toEqual([
      [401, 'Bearer tok-2'],
      [200, 'Bearer tok-3'],
    ]);
    expect(last[0]!.headers['x-delivery-id']).toBe(last[1]!.headers['x-delivery-id']);
  });
});
