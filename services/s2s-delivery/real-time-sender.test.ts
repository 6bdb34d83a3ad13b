/**
 * RealTimeSender on a real (in-memory SQLite) queue with a scripted partner: the OAuth2 token request
 * goes through the destination's gate, so a token endpoint that fails opens the circuit and the
 * batch then waits for the circuit's trial without more token requests and without spending
 * attempts (a refused call is not an attempt).
 */
import { randomBytes } from 'node:crypto';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretBox, secretContext } from '../../libs/destinations/secret-box.ts';
import { DestinationGate, type HttpCall, type HttpOutcome } from '../../libs/http-delivery/index.ts';
import { createLogger } from '../../libs/runtime/logger.ts';
import type { DestinationConfig } from '../../libs/schema/index.ts';
import { migrateToLatest, openStore, type Store } from '../../libs/store/index.ts';
import { S2S_MIGRATIONS } from './store/migrations.ts';
import { insertRealTimeBatch } from './store/real-time-queue.ts';
import { s2sDestination } from '../../test/support/destinations.ts';
import { createS2sDeliveryMetrics } from './metrics.ts';
import { OAuthTokenCache } from './oauth-token-cache.ts';
import { RealTimeSender } from './real-time-sender.ts';

const DEST = 77;
const RESET_MS = 60_000;
const secrets = new SecretBox([`k1:${randomBytes(32).toString('base64')}`]);

function oauthDestination(): DestinationConfig {
  const base = s2sDestination(DEST, [1]);
  return {
    ...base,
    s2s: {
      ...base.s2s!,
      batch: null,
      realTime: {
        endpoint: 'https://partner.example/rt',
        auth: 'OAUTH2',
        oauthTokenUrl: 'https://partner.example/token',
        oauthClientId: 'cid',
        oauthClientSecret: secrets.encrypt('s3cr3t', secretContext(DEST, 'oauthClientSecret')),
        hmacAlgorithm: 'SHA256',
        hmacHeader: null,
        hmacKey: null,
        hmacKeyEncoding: 'UTF8',
        usersPerRequest: 10,
        flushIntervalMs: 100,
        timeoutMs: 3000,
      },
    },
  };
}

const answer = (status: number): HttpOutcome => ({
  status,
  retryAfter: null,
  failure: null,
  detail: '',
  durationMs: 1,
});

async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('RealTimeSender', () => {
  let store: Store | undefined;
  let sender: RealTimeSender | undefined;
  afterEach(async () => {
    await sender?.stop();
    await store?.close();
  });

  it('a failing token endpoint opens the circuit; the batch then waits for its trial, no attempt spent', async () => {
    store = openStore('sqlite::memory:');
    await migrateToLatest(store, S2S_MIGRATIONS);
    const calls: HttpCall[] = [];
    const gate = new DestinationGate({
      maxInFlight: 1,
      ratePerSecond: 0,
      errorThresholdPercentage: 50,
      volumeThreshold: 2,
      resetTimeoutMs: RESET_MS,
      rollingWindowMs: 60_000,
    });
    const destination = oauthDestination();
    sender = new RealTimeSender({
      store,
      destinations: { destination: (id) => (id === DEST ? destination : undefined) },
      send: {
        post: async (call) => (calls.push(call), answer(200)),
        fetch: async (call) => (calls.push(call), answer(503)),
      },
      gate,
      tokens: new OAuthTokenCache(),
      secrets,
      policy: { maxAttempts: 0, maxAgeMs: 3_600_000, delaysMs: [10, 20], jitter: 0 },
      metrics: createS2sDeliveryMetrics(new Registry()),
      logger: createLogger('test', 'silent'),
      holder: 'test',
      claimMs: 30_000,
      pollMs: 60_000,
      tokenLifetimeMs: 3_600_000,
      userAgent: 'test',
      syncCutoff: () => 0,
      deadLetter: async () => {
        throw new Error('nothing should be given up');
      },
    });
    const handle = store;
    await handle.transaction((tx) =>
      insertRealTimeBatch(tx, {
        destinationId: DEST,
        body: '{"Users":[]}',
        userCount: 1,
        oldestEventTime: null,
        holder: 'other',
        claimMs: 0,
        now: Date.now() - 1,
      }),
    );
    await sender.start();
    await until(() => gate.state(DEST) === 'open', 'the circuit to open');
    const row = async () => handle.db.selectFrom('realtime_batches').selectAll().executeTakeFirstOrThrow();
    await until(async () => (await row()).last_reason === 'circuit_open', 'a refused attempt');
    const batch = await row();
    // Two token requests failed (the volume threshold), then the circuit refused the third try:
    // no POST, no third token request, attempts = the two calls made, due when the trial is.
    expect(calls.map((c) => c.url)).toEqual([
      'https://partner.example/token',
      'https://partner.example/token',
    ]);
    expect(Number(batch.attempts)).toBe(2);
    expect(Number(batch.due_at) - Date.now()).toBeGreaterThan(RESET_MS / 2);
  });
});
