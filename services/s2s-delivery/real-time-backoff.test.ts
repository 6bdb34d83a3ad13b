/**
 * The real-time retry defaults against an outage, in simulated time (no clock is read): a
 * destination has one batch in flight and builds no newer one while it waits (README "Order and
 * isolation"), so the head batch's backoff decides how soon a partner that answers again gets its
 * queue. Reported defect: a partner slow for 90 s left a destination blocked for more than 10
 * minutes (the fourth retry fell in the outage and waited the 600 s tier).
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../libs/config/index.ts';
import { classifyCall } from '../../libs/http-delivery/index.ts';
import { realTimeRetryPolicy, s2sDeliveryConfigSchema } from './config.ts';

const policy = realTimeRetryPolicy(loadConfig(s2sDeliveryConfigSchema, {}));
const TIMEOUT_MS = 3000; // AAM: the partner answers within 3000 ms
const timeout = {
  status: null,
  retryAfter: null,
  failure: 'timeout' as const,
  detail: '',
  durationMs: TIMEOUT_MS,
};
const ok = { status: 200, retryAfter: null, failure: null, detail: '', durationMs: 5 };

/** Attempts of one head batch whose partner times out until outageMs; when it got through, or gave up. */
function headBatch(outageMs: number, jitter: number) {
  let now = 0;
  for (let attempts = 1; ; attempts += 1) {
    const answeredAt = now + TIMEOUT_MS;
    const outcome = now < outageMs ? timeout : ok;
    const decision = classifyCall(outcome, {
      attempts,
      firstAttemptAt: 0,
      nowMs: answeredAt,
      policy,
      random: () => jitter,
    });
    if (decision.kind === 'delivered') return { deliveredAt: answeredAt, attempts };
    if (decision.kind === 'give_up') return { gaveUpAt: answeredAt, attempts, detail: decision.detail };
    now = decision.dueAt;
  }
}

/** What a destination promises: once its partner answers again, its queue moves within a minute. */
const RESUMES_WITHIN_MS = 60_000;

describe('real-time retry defaults', () => {
  const maxDelay = Math.max(...policy.delaysMs) * (1 + policy.jitter);

  it.each([
    ['90 s', 90_000],
    ['10 min', 600_000],
    ['45 min', 2_700_000],
  ])('after an outage of %s the queue moves within a minute, nothing given up', (_name, outageMs) => {
    for (const jitter of [0, 0.5, 1]) {
      const result = headBatch(outageMs, jitter);
      expect(result, `jitter draw ${jitter}`).toHaveProperty('deliveredAt');
      expect((result as { deliveredAt: number }).deliveredAt - outageMs).toBeLessThanOrEqual(
        RESUMES_WITHIN_MS + TIMEOUT_MS,
      );
    }
  });

  it('the longest delay, jitter included, is within that minute', () => {
    expect(maxDelay).toBeLessThanOrEqual(RESUMES_WITHIN_MS);
  });

  it('a partner that never answers: the head batch is given up by its age, not before', () => {
    const result = headBatch(Infinity, 0.5);
    expect(result).toHaveProperty('gaveUpAt');
    expect((result as { gaveUpAt: number }).gaveUpAt).toBeGreaterThan(
      policy.maxAgeMs - maxDelay - TIMEOUT_MS,
    );
    expect((result as { detail: string }).detail).toMatch(/after the first/);
  });
});
