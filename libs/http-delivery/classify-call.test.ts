import { describe, expect, it } from 'vitest';
import { classifyCall } from './classify-call.ts';
import type { HttpOutcome } from './send-http.ts';

const policy = { maxAttempts: 3, maxAgeMs: 3_600_000, delaysMs: [1000, 10_000, 60_000, 600_000], jitter: 0 };
const ctx = { attempts: 1, firstAttemptAt: 0, nowMs: 0, policy };
const outcome = (status: number | null, failure: HttpOutcome['failure'] = null): HttpOutcome => ({
  status,
  failure,
  retryAfter: null,
  detail: '',
  durationMs: 1,
});

describe('classifyCall', () => {
  it('delivered, retry with tier and due time, give up', () => {
    expect(classifyCall(outcome(200), ctx)).toEqual({ kind: 'delivered', status: 200 });
    expect(classifyCall(outcome(502), ctx)).toEqual({
      kind: 'retry',
      tier: 0,
      dueAt: 1000,
      reason: 'http_5xx',
      status: 502,
      attempts: 1,
    });
    expect(classifyCall(outcome(410), ctx)).toMatchObject({
      kind: 'give_up',
      reason: 'http_4xx',
      status: 410,
    });
  });

  it('a refused call is not an attempt: calls made unchanged, waits for the circuit, never exhausts the budget', () => {
    // 4 calls made, the 5th refused; the circuit allows a trial in 30 s: the 10 s tier, due then.
    expect(classifyCall('circuit_open', { ...ctx, attempts: 5, refusalWaitMs: 30_000 })).toEqual({
      kind: 'retry',
      tier: 1,
      dueAt: 30_000,
      reason: 'circuit_open',
      status: null,
      attempts: 4,
    });
    // Far past maxAttempts (3): still retried, at least after the first tier.
    expect(classifyCall('destination_busy', { ...ctx, attempts: 50 })).toMatchObject({
      kind: 'retry',
      tier: 0,
      dueAt: 1000,
      attempts: 49,
    });
    // Only the age bound gives a refused delivery up.
    const old = { ...ctx, firstAttemptAt: 0, nowMs: 3_590_000, refusalWaitMs: 30_000 };
    const decision = classifyCall('circuit_open', old);
    expect(decision).toMatchObject({ kind: 'give_up', reason: 'retries_exhausted', attempts: 0 });
    expect((decision as { detail: string }).detail).toMatch(/circuit_open .*max 3600 s/);
  });

  it('retries_exhausted after max attempts names the last failure', () => {
    const decision = classifyCall(outcome(null, 'timeout'), { ...ctx, attempts: 3 });
    expect(decision).toMatchObject({ kind: 'give_up', reason: 'retries_exhausted', status: null });
    expect((decision as { detail: string }).detail).toMatch(/last failure timeout/);
  });
});
