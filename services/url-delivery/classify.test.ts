import { describe, expect, it } from 'vitest';
import type { HttpOutcome } from '../../libs/http-delivery/index.ts';
import { classify } from './classify.ts';

const policy = { maxAttempts: 3, maxAgeMs: 3_600_000, delaysMs: [1000, 10_000, 60_000, 600_000], jitter: 0 };
const ctx = { attempts: 1, firstAttemptAt: 0, nowMs: 0, policy };
const outcome = (status: number | null, failure: HttpOutcome['failure'] = null): HttpOutcome => ({
  status,
  failure,
  retryAfter: null,
  detail: '',
  durationMs: 1,
});

describe('url-delivery classify', () => {
  it('delivered, retry with tier and due time, give up', () => {
    expect(classify(outcome(200), ctx)).toEqual({ kind: 'delivered', status: 200 });
    expect(classify(outcome(502), ctx)).toEqual({
      kind: 'retry',
      tier: 0,
      dueAt: 1000,
      reason: 'http_5xx',
      status: 502,
    });
    expect(classify(outcome(410), ctx)).toMatchObject({ kind: 'give_up', reason: 'http_4xx', status: 410 });
  });

  it('an open circuit is retried like a failure', () => {
    expect(classify('circuit_open', { ...ctx, attempts: 2 })).toEqual({
      kind: 'retry',
      tier: 1,
      dueAt: 10_000,
      reason: 'circuit_open',
      status: null,
    });
  });

  it('retries_exhausted after max attempts names the last failure', () => {
    const decision = classify(outcome(null, 'timeout'), { ...ctx, attempts: 3 });
    expect(decision).toMatchObject({ kind: 'give_up', reason: 'retries_exhausted', status: null });
    expect((decision as { detail: string }).detail).toMatch(/last failure timeout/);
  });
});
