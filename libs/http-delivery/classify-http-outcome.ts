/**
 * The one delivery classifier (ARCHITECTURE "Guarantees", SPEC §7): what to do with the outcome of
 * one HTTP call.
 *   2xx                                  delivered
 *   429 (Retry-After honoured), 5xx,
 *   408, timeouts, connection failures   retry
 *   3xx not followed, other 4xx          give up (permanent)
 *   connection refused by the SSRF guard give up (ssrf_refused)
 * Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3); it is capped at one day.
 */
import type { ErrorCode } from '../errors/index.ts';
import { statusClass, type StatusClass } from '../metrics/status-class.ts';
import type { GateRefusal } from './destination-gate.ts';
import type { HttpOutcome } from './send-http.ts';

export type Verdict =
  | { kind: 'delivered'; status: number }
  | { kind: 'retry'; reason: ErrorCode; status: number | null; retryAfterMs: number | null; detail: string }
  | { kind: 'give_up'; reason: ErrorCode; status: number | null; detail: string };

const MAX_RETRY_AFTER_MS = 86_400_000;

export function classifyHttpOutcome(outcome: HttpOutcome, nowMs: number): Verdict {
  const { status } = outcome;
  if (status === null) {
    const reason = outcome.failure ?? 'connection_failed';
    if (reason === 'ssrf_refused') return { kind: 'give_up', reason, status, detail: outcome.detail };
    return { kind: 'retry', reason, status, retryAfterMs: null, detail: outcome.detail };
  }
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  if (status === 429) {
    return {
      kind: 'retry',
      reason: 'http_429',
      status,
      retryAfterMs: parseRetryAfter(outcome.retryAfter, nowMs),
      detail: `HTTP 429${outcome.retryAfter === null ? '' : `, Retry-After ${outcome.retryAfter}`}`,
    };
  }
  if (status >= 500 || status === 408) {
    return {
      kind: 'retry',
      reason: status === 408 ? 'timeout' : 'http_5xx',
      status,
      retryAfterMs: parseRetryAfter(outcome.retryAfter, nowMs),
      detail: `HTTP ${status}`,
    };
  }
  if (status >= 300 && status < 400) {
    return { kind: 'give_up', reason: 'http_3xx', status, detail: outcome.detail || `HTTP ${status}` };
  }
  return { kind: 'give_up', reason: 'http_4xx', status, detail: `HTTP ${status}` };
}

/**
 * Whether an outcome counts as a failure for the destination's circuit breaker: exactly the
 * outcomes the classifier retries (the partner is failing, slow or unreachable: 5xx, 408, 429,
 * timeouts, connection errors). A permanent 4xx or 3xx is an answer from a working partner and an
 * SSRF refusal is our own policy: neither opens the circuit. Written out rather than derived from
 * `classify` (no verdict object per call on the hot path); classify.test.ts checks they agree.
 */
export function isBreakerFailure(outcome: HttpOutcome): boolean {
  const { status } = outcome;
  if (status === null) return outcome.failure !== 'ssrf_refused';
  return status >= 500 || status === 408 || status === 429;
}

/** Milliseconds to wait from a Retry-After value; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  let ms: number;
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return null;
    ms = at - nowMs;
  }
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/** The status_class label of one outcome of a delivery call (a gate refusal is `refused`). */
export function statusClassOf(result: HttpOutcome | GateRefusal): StatusClass {
  if (typeof result === 'string') return 'refused';
  return statusClass(result.status ?? (result.failure === 'timeout' ? 'timeout' : 'network'));
}
