/**
 * The url handler without Kafka: due records in, what to produce out (retry records with their
 * headers, dead letters), with a scripted partner and a real DestinationGate.
 */
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { DestinationGate, type HttpOutcome } from '../../libs/http-delivery/index.ts';
import type { DueRecord } from '../../libs/kafka/index.ts';
import { readRetryState, retryHeaders } from './retry-state.ts';
import type { UrlCall } from '../../libs/rendering/index.ts';
import { createLogger } from '../../libs/runtime/logger.ts';
import type { DeadLetter, UrlDeliveryRequest } from '../../libs/schema/index.ts';
import { urlDestination } from '../../test/support/destinations.ts';
import { urlRequest } from '../../test/support/samples.ts';
import { createHandler } from './handler.ts';
import { createUrlDeliveryMetrics } from './metrics.ts';

const NOW = 1_800_000_000_000;
const RETRY_TOPICS = ['r.1s', 'r.10s', 'r.1m', 'r.10m'];
const destination = urlDestination(7, [101, 102], {
  url: {
    serialize: true,
    baseUrl: 'https://partner.example/px?s=%alias%',
    secureUrl: null,
    delimiter: ',',
    referrerPolicy: 'HIDE',
  },
});

const answer = (status: number | null): HttpOutcome => ({
  status,
  retryAfter: null,
  failure: status === null ? 'timeout' : null,
  detail: status === null ? 'no answer' : '',
  durationMs: 1,
});

/** The router's request for destination 7 (or another), at the test's fixed clock. */
function request(destinationId = 7): UrlDeliveryRequest {
  return urlRequest(destinationId, {
    deliveryId: `e1:${destinationId}`,
    eventId: 'e1',
    eventTime: NOW - 1000,
    routedAt: NOW - 500,
    uuid: 'u1',
    pageProtocol: 'HTTPS',
    segments: [{ sid: 101, value: 'v101', newlyQualified: true, url: null, secureUrl: null }],
  });
}

function record(value: UrlDeliveryRequest, headers = {}): DueRecord<UrlDeliveryRequest> {
  return {
    topic: 'deliveries.url',
    partition: 2,
    offset: '40',
    key: Buffer.from(value.uuid),
    raw: Buffer.from('raw-bytes'),
    value,
    headers,
  };
}

function setup(partner: (call: UrlCall) => HttpOutcome, gateOptions: { volumeThreshold?: number } = {}) {
  const calls: UrlCall[] = [];
  const gate = new DestinationGate({
    maxInFlight: 8,
    ratePerSecond: 0,
    errorThresholdPercentage: 50,
    volumeThreshold: gateOptions.volumeThreshold ?? 100,
    resetTimeoutMs: 30_000,
    rollingWindowMs: 10_000,
  });
  const handle = createHandler({
    service: 'url-delivery',
    destinations: { destination: (id) => (id === 7 ? destination : undefined) },
    send: async (call) => (calls.push(call), partner(call)),
    gate,
    metrics: createUrlDeliveryMetrics(new Registry()),
    policy: { maxAttempts: 3, maxAgeMs: 3_600_000, delaysMs: [1000, 10_000, 60_000, 600_000], jitter: 0 },
    retryTopics: RETRY_TOPICS,
    deadLetterTopic: 'dead-letters',
    deadLetterEncoder: {
      encode: (d: DeadLetter) => Buffer.from(JSON.stringify({ ...d, key: null, value: null })),
    },
    maxUrlBytes: 8192,
    logger: createLogger('test', 'silent'),
    now: () => NOW,
    random: () => 0.5,
  });
  return { handle, calls, gate };
}

const deadLetterOf = (value: Buffer | string | null) => JSON.parse(String(value)) as DeadLetter;

describe('url handler', () => {
  it('a delivered call produces nothing', async () => {
    const { handle, calls } = setup(() => answer(200));
    expect(await handle([record(request())])).toEqual([]);
    expect(calls.map((c) => c.url)).toEqual(['https://partner.example/px?s=v101']);
  });

  it('a 500 becomes a retry record: the same bytes, the first tier, attempts and origin in headers', async () => {
    const { handle } = setup(() => answer(500));
    const [out] = await handle([record(request())]);
    expect(out!.topic).toBe('r.1s');
    const message = out!.messages[0]!;
    expect(message.value).toEqual(Buffer.from('raw-bytes'));
    expect(readRetryState(message.headers)).toEqual({
      attempts: 1,
      dueAt: NOW + 1000,
      firstAttemptAt: NOW,
      sids: [101],
      lastStatus: 500,
      lastReason: 'http_5xx',
      origin: { topic: 'deliveries.url', partition: 2, offset: '40' },
    });
  });

  it('the last allowed attempt failing becomes a dead letter naming its origin and attempts', async () => {
    const { handle } = setup(() => answer(null));
    const previous = retryHeaders({
      attempts: 2,
      dueAt: NOW,
      firstAttemptAt: NOW - 11_000,
      sids: [101],
      lastStatus: null,
      lastReason: 'timeout',
      origin: { topic: 'deliveries.url', partition: 5, offset: '7' },
    });
    const [out] = await handle([{ ...record(request(), previous), topic: 'r.10s' }]);
    expect(out!.topic).toBe('dead-letters');
    expect(deadLetterOf(out!.messages[0]!.value)).toMatchObject({
      reason: 'retries_exhausted',
      attempts: 3,
      sourceTopic: 'deliveries.url',
      sourcePartition: 5,
      sourceOffset: 7,
      deliveryId: 'e1:7',
      destinationId: 7,
    });
  });

  it('a call refused by the open circuit is retried without spending an attempt', async () => {
    const { handle, calls, gate } = setup(() => answer(503), { volumeThreshold: 1 });
    await handle([record(request())]); // fails: the circuit opens
    expect(gate.state(7)).toBe('open');
    const previous = retryHeaders({
      attempts: 1,
      dueAt: NOW,
      firstAttemptAt: NOW - 1000,
      sids: [101],
      lastStatus: 503,
      lastReason: 'http_5xx',
      origin: { topic: 'deliveries.url', partition: 2, offset: '40' },
    });
    const [out] = await handle([{ ...record(request(), previous), topic: 'r.1s' }]);
    expect(calls).toHaveLength(1);
    const state = readRetryState(out!.messages[0]!.headers)!;
    expect(state).toMatchObject({ attempts: 1, lastReason: 'circuit_open', lastStatus: null });
    // Waits for the circuit's trial (30 s), in the tier that fits that wait.
    expect(out!.topic).toBe('r.10s');
    expect(state.dueAt).toBeGreaterThanOrEqual(NOW + 29_000);
  });

  it('an unknown destination and a 404 are dead letters at once, with their reasons', async () => {
    const unknown = setup(() => answer(200));
    const [a] = await unknown.handle([record(request(99))]);
    expect(deadLetterOf(a!.messages[0]!.value)).toMatchObject({ reason: 'invalid_event', attempts: 0 });
    expect(unknown.calls).toEqual([]);
    const gone = setup(() => answer(404));
    const [b] = await gone.handle([record(request())]);
    expect(deadLetterOf(b!.messages[0]!.value)).toMatchObject({
      reason: 'http_4xx',
      lastStatus: 404,
      attempts: 1,
    });
  });
});
