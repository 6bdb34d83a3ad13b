/**
 * The decision for one partner call (pure), shared by the HTTP delivery services: delivered, retry later (which delay topic, when), or give
 * up with a reason. HTTP outcomes are classified by libs/http-delivery/classify-http-outcome.ts (2xx ok; 429, 5xx,
 * timeouts, connection errors retried; other 4xx, refused redirects, SSRF given up).
 * A call the gate refused without sending it (the destination's circuit is open, or too many of its
 * calls are queued) is not an attempt: it spends none of the maxAttempts budget and does not climb
 * the backoff tiers; it waits until the gate may let a call through again (`refusalWaitMs`, at least
 * the first tier) and is given up only by maxAgeMs. Otherwise a partner that was down long enough
 * to open its circuit would push every waiting delivery to the longest tier, or exhaust it, without
 * one more call being made. Retries stop after maxAttempts calls or when the next one would exceed
 * maxAgeMs (retries_exhausted).
 */
import type { ErrorCode } from '../errors/index.ts';
import { classifyHttpOutcome } from './classify-http-outcome.ts';
import { scheduleRetry, tierFor, type RetryPolicy } from './retry-schedule.ts';
import type { GateRefusal } from './destination-gate.ts';
import type { HttpOutcome } from './send-http.ts';

/** `attempts`: the calls really made for the delivery so far (what to store with a retry). */
export type CallDecision =
  | { kind: 'delivered'; status: number }
  | { kind: 'retry'; tier: number; dueAt: number; reason: ErrorCode; status: number | null; attempts: number }
  | { kind: 'give_up'; reason: ErrorCode; status: number | null; detail: string; attempts: number };

export interface CallContext {
  /** Calls made for this delivery, counting this one if the gate let it through. */
  attempts: number;
  firstAttemptAt: number;
  nowMs: number;
  policy: RetryPolicy;
  /** For a refusal: how long until the gate may let a call through (DestinationGate.reopensInMs). */
  refusalWaitMs?: number;
  random?: () => number;
}

export function classifyCall(outcome: HttpOutcome | GateRefusal, ctx: CallContext): CallDecision {
  if (typeof outcome === 'string') return classifyRefusal(outcome, ctx);
  const verdict = classifyHttpOutcome(outcome, ctx.nowMs);
  if (verdict.kind !== 'retry')
    return verdict.kind === 'give_up' ? { ...verdict, attempts: ctx.attempts } : verdict;
  const next = scheduleRetry(ctx.policy, {
    attempts: ctx.attempts,
    firstAttemptAt: ctx.firstAttemptAt,
    nowMs: ctx.nowMs,
    retryAfterMs: verdict.retryAfterMs,
    random: ctx.random,
  });
  if (next.kind === 'exhausted') {
    return {
      kind: 'give_up',
      reason: 'retries_exhausted',
      status: verdict.status,
      detail: `last failure ${verdict.reason} (${verdict.detail}); ${next.detail}`,
      attempts: ctx.attempts,
    };
  }
  return {
    kind: 'retry',
    tier: next.tier,
    dueAt: next.dueAt,
    reason: verdict.reason,
    status: verdict.status,
    attempts: ctx.attempts,
  };
}

function classifyRefusal(refusal: GateRefusal, ctx: CallContext): CallDecision {
  const attempts = ctx.attempts - 1;
  const { policy } = ctx;
  const first = policy.delaysMs[0] ?? 1000;
  const random = ctx.random ?? Math.random;
  const wait = Math.max(first, ctx.refusalWaitMs ?? 0) * (1 + policy.jitter * random());
  const dueAt = Math.round(ctx.nowMs + wait);
  const why = refusal === 'circuit_open' ? 'circuit open' : 'too many calls queued for the destination';
  if (dueAt - ctx.firstAttemptAt > policy.maxAgeMs) {
    return {
      kind: 'give_up',
      reason: 'retries_exhausted',
      status: null,
      detail: `last failure ${refusal} (${why}); next attempt would be ${Math.round((dueAt - ctx.firstAttemptAt) / 1000)} s after the first (max ${policy.maxAgeMs / 1000} s)`,
      attempts,
    };
  }
  return { kind: 'retry', tier: tierFor(policy, wait), dueAt, reason: refusal, status: null, attempts };
}
