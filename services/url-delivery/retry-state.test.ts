import { describe, expect, it } from 'vitest';
import { dueAtOf, readRetryState, retryHeaders, type RetryState } from './retry-state.ts';

describe('retry state headers', () => {
  it('round-trips through Kafka-style Buffer headers', () => {
    const state: RetryState = {
      attempts: 2,
      dueAt: 1_795_000_001_000,
      firstAttemptAt: 1_795_000_000_000,
      sids: [3401321, 2993399],
      lastStatus: 503,
      lastReason: 'http_5xx',
      origin: { topic: 't-x.deliveries.url', partition: 2, offset: '41' },
    };
    const headers = Object.fromEntries(
      Object.entries(retryHeaders(state)).map(([k, v]) => [k, Buffer.from(String(v))]),
    );
    expect(readRetryState(headers)).toEqual(state);
    expect(dueAtOf(headers)).toBe(state.dueAt);
  });

  it('a first attempt has no state and is due now', () => {
    expect(readRetryState(undefined)).toBeNull();
    expect(readRetryState({ other: Buffer.from('1') })).toBeNull();
    expect(dueAtOf(undefined)).toBe(0);
    expect(
      readRetryState(
        retryHeaders({
          attempts: 1,
          dueAt: 1,
          firstAttemptAt: 0,
          sids: [],
          lastStatus: null,
          lastReason: 'timeout',
          origin: { topic: 'a', partition: 0, offset: '0' },
        }),
      )?.lastStatus,
    ).toBeNull();
  });
});
