/**
 * The decision for one partner call (pure), shared by the HTTP delivery services: delivered, retry later (which delay topic, when), or give
 * up with a reason. HTTP outcomes are classified by libs/http-delivery/classify.ts (2xx ok; 429, 5xx,
 * timeouts, connection errors retried; other 4xx, refused redirects, SSRF given up); a call refused
 * without being sent (the destination's circuit is open, or too many of its calls are queued) is
 * retried like a failure. Retries stop after
 * maxAttempts calls or when the next one would exceed maxAgeMs (retries_exhausted).
 */
import type { ErrorCode } from '../errors/index.ts';
import { classify as classifyHttp } from './classify.ts';
import { scheduleRetry, type RetryPolicy } from './retry-schedule.ts';
import type { GateRefusal } from './destination-gate.ts';
import type { HttpOutcome } from './send-http.ts';

export type CallDecision =
  | { kind: 'delivered'; status: number }
  | { kind: 'retry'; tier: number; dueAt: number; reason: ErrorCode; status: number | null }
  | { kind: 'give_up'; reason: ErrorCode; status: number | null; detail: string };

export interface CallContext {
  /** Calls made for this delivery including this one. */
  attempts: number;
  firstAttemptAt: number;
  nowMs: number;
  policy: RetryPolicy;
  random?: () => number;
}

export function classifyCall(outcome: HttpOutcome | GateRefusal, ctx: CallContext): CallDecision {
  const verdict =
    typeof outcome === 'string'
      ? {
          kind: 'retry' as const,
          reason: outcome,
          status: null,
          retryAfterMs: null,
          detail: outcome === 'circuit_open' ? 'circuit open' : 'too many calls queued for the destination',
        }
      : classifyHttp(outcome, ctx.nowMs);
  if (verdict.kind !== 'retry') return verdict;
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
    };
  }
  return {
    kind: 'retry',
    tier: next.tier,
    dueAt: next.dueAt,
    reason: verdict.reason,
    status: verdict.status,
  };
}
