import { describe, expect, it } from 'vitest';
import { scheduleRetry, type RetryPolicy } from './retry-schedule.ts';

const policy: RetryPolicy = {
  maxAttempts: 5,
  maxAgeMs: 3_600_000,
  delaysMs: [1000, 10_000, 60_000, 600_000],
  jitter: 0.2,
};
const mid = () => 0.5;

describe('scheduleRetry', () => {
  it('backs off through the tiers, the last one repeating', () => {
    const at = (attempts: number) =>
      scheduleRetry(policy, { attempts, firstAttemptAt: 0, nowMs: 0, retryAfterMs: null, random: mid });
    expect(at(1)).toEqual({ kind: 'retry', tier: 0, dueAt: 1000 });
    expect(at(2)).toEqual({ kind: 'retry', tier: 1, dueAt: 10_000 });
    expect(at(3)).toEqual({ kind: 'retry', tier: 2, dueAt: 60_000 });
    expect(at(4)).toEqual({ kind: 'retry', tier: 3, dueAt: 600_000 });
    expect(at(5)).toMatchObject({ kind: 'exhausted' });
  });

  it('maxAttempts 0: no count limit, only the age gives up', () => {
    const unlimited = { ...policy, maxAttempts: 0 };
    const at = (attempts: number, nowMs: number) =>
      scheduleRetry(unlimited, { attempts, firstAttemptAt: 0, nowMs, retryAfterMs: null, random: mid });
    expect(at(500, 1_000_000)).toEqual({ kind: 'retry', tier: 3, dueAt: 1_600_000 });
    expect(at(500, 3_100_000)).toMatchObject({
      kind: 'exhausted',
      detail: expect.stringMatching(/after the first/),
    });
  });

  it('applies jitter within +-20 %', () => {
    const low = scheduleRetry(policy, {
      attempts: 2,
      firstAttemptAt: 0,
      nowMs: 0,
      retryAfterMs: null,
      random: () => 0,
    });
    const high = scheduleRetry(policy, {
      attempts: 2,
      firstAttemptAt: 0,
      nowMs: 0,
      retryAfterMs: null,
      random: () => 0.999999,
    });
    expect(low).toEqual({ kind: 'retry', tier: 0, dueAt: 8000 });
    expect(high).toMatchObject({ kind: 'retry', tier: 1, dueAt: 12_000 });
  });

  it('honours Retry-After when longer, choosing the tier that fits the wait', () => {
    expect(
      scheduleRetry(policy, { attempts: 1, firstAttemptAt: 0, nowMs: 100, retryAfterMs: 2500, random: mid }),
    ).toEqual({
      kind: 'retry',
      tier: 0,
      dueAt: 2600,
    });
    expect(
      scheduleRetry(policy, { attempts: 1, firstAttemptAt: 0, nowMs: 0, retryAfterMs: 90_000, random: mid }),
    ).toEqual({
      kind: 'retry',
      tier: 2,
      dueAt: 90_000,
    });
  });

  it('gives up when the next attempt would be past the max age', () => {
    const decision = scheduleRetry(policy, {
      attempts: 4,
      firstAttemptAt: 0,
      nowMs: 3_300_000,
      retryAfterMs: null,
      random: mid,
    });
    expect(decision).toMatchObject({ kind: 'exhausted' });
    expect((decision as { detail: string }).detail).toMatch(/max 3600 s/);
  });
});
