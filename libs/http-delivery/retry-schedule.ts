/**
 * When and where a failed call is retried. Retries wait in delay topics (tiers 1 s, 10 s, 1 min,
 * 10 min: RETRY_DELAYS in libs/kafka/topics.ts), so no consumer ever sleeps: the n-th retry waits
 * delays[n-1] (the last tier repeats) with +-jitter, or longer when the partner sent Retry-After.
 * The record goes to the largest tier not longer than its wait, carrying its due time; the delay
 * consumer pauses that partition until the head record is due. After maxAttempts calls, or when the
 * next attempt would come later than maxAgeMs after the first one, the delivery is given up.
 */

export interface RetryPolicy {
  /** Calls before giving up; 0 = no count limit (maxAgeMs decides). */
  maxAttempts: number;
  maxAgeMs: number;
  /** Tier delays, shortest first; index i is delay topic i. */
  delaysMs: readonly number[];
  /** Relative jitter, e.g. 0.2 = +-20 %. */
  jitter: number;
}

export type RetryDecision =
  { kind: 'retry'; tier: number; dueAt: number } | { kind: 'exhausted'; detail: string };

export interface RetryInput {
  /** Calls made so far, including the one that just failed (>= 1). */
  attempts: number;
  firstAttemptAt: number;
  nowMs: number;
  retryAfterMs: number | null;
  random?: () => number;
}

export function scheduleRetry(policy: RetryPolicy, input: RetryInput): RetryDecision {
  if (policy.maxAttempts > 0 && input.attempts >= policy.maxAttempts) {
    return { kind: 'exhausted', detail: `${input.attempts} attempts made (max ${policy.maxAttempts})` };
  }
  const random = input.random ?? Math.random;
  const base = policy.delaysMs[Math.min(input.attempts - 1, policy.delaysMs.length - 1)] ?? 1000;
  const jittered = base * (1 + policy.jitter * (2 * random() - 1));
  const wait = Math.max(jittered, input.retryAfterMs ?? 0);
  const dueAt = Math.round(input.nowMs + wait);
  if (dueAt - input.firstAttemptAt > policy.maxAgeMs) {
    return {
      kind: 'exhausted',
      detail: `next attempt would be ${Math.round((dueAt - input.firstAttemptAt) / 1000)} s after the first (max ${policy.maxAgeMs / 1000} s)`,
    };
  }
  return { kind: 'retry', tier: tierFor(policy, wait), dueAt };
}

/** The delay topic of a wait: the largest tier not longer than it (the first when all are). */
export function tierFor(policy: RetryPolicy, waitMs: number): number {
  let tier = 0;
  policy.delaysMs.forEach((delay, i) => {
    if (delay <= waitMs) tier = i;
  });
  return tier;
}
