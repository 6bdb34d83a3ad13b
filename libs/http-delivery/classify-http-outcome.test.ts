import { describe, expect, it } from 'vitest';
import { classifyHttpOutcome, isBreakerFailure, parseRetryAfter } from './classify-http-outcome.ts';
import type { HttpOutcome } from './send-http.ts';

const NOW = Date.parse('2026-11-28T14:00:00Z');
const outcome = (o: Partial<HttpOutcome>): HttpOutcome => ({
  status: null,
  retryAfter: null,
  failure: null,
  detail: '',
  durationMs: 1,
  ...o,
});

describe('classifyHttpOutcome', () => {
  it('2xx delivered', () => {
    expect(classifyHttpOutcome(outcome({ status: 200 }), NOW)).toEqual({ kind: 'delivered', status: 200 });
    expect(classifyHttpOutcome(outcome({ status: 204 }), NOW).kind).toBe('delivered');
  });

  it('429, 5xx, 408, timeouts and connection failures are retried', () => {
    expect(classifyHttpOutcome(outcome({ status: 429, retryAfter: '7' }), NOW)).toMatchObject({
      kind: 'retry',
      reason: 'http_429',
      retryAfterMs: 7000,
    });
    expect(classifyHttpOutcome(outcome({ status: 503 }), NOW)).toMatchObject({
      kind: 'retry',
      reason: 'http_5xx',
      status: 503,
    });
    expect(classifyHttpOutcome(outcome({ status: 408 }), NOW)).toMatchObject({
      kind: 'retry',
      reason: 'timeout',
    });
    expect(classifyHttpOutcome(outcome({ failure: 'timeout' }), NOW)).toMatchObject({
      kind: 'retry',
      reason: 'timeout',
    });
    expect(classifyHttpOutcome(outcome({ failure: 'connection_failed' }), NOW)).toMatchObject({
      kind: 'retry',
      reason: 'connection_failed',
    });
  });

  it('other 4xx, unfollowed redirects and SSRF refusals are given up', () => {
    expect(classifyHttpOutcome(outcome({ status: 404 }), NOW)).toEqual({
      kind: 'give_up',
      reason: 'http_4xx',
      status: 404,
      detail: 'HTTP 404',
    });
    expect(
      classifyHttpOutcome(outcome({ status: 302, detail: 'redirect to x not followed' }), NOW),
    ).toMatchObject({
      kind: 'give_up',
      reason: 'http_3xx',
    });
    expect(
      classifyHttpOutcome(outcome({ failure: 'ssrf_refused', detail: 'non-public' }), NOW),
    ).toMatchObject({
      kind: 'give_up',
      reason: 'ssrf_refused',
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP-dates, caps at a day, ignores garbage', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter('Sat, 28 Nov 2026 14:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Sat, 28 Nov 2026 13:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('99999999', NOW)).toBe(86_400_000);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter(null, NOW)).toBeNull();
  });
});

describe('isBreakerFailure', () => {
  const cases: [string, HttpOutcome, boolean][] = [
    ['200', outcome({ status: 200 }), false],
    ['301 not followed', outcome({ status: 301 }), false],
    ['400', outcome({ status: 400 }), false],
    ['401 (token expired: the partner works)', outcome({ status: 401 }), false],
    ['404', outcome({ status: 404 }), false],
    ['408 (the partner timed out)', outcome({ status: 408 }), true],
    ['429', outcome({ status: 429 }), true],
    ['500', outcome({ status: 500 }), true],
    ['503', outcome({ status: 503 }), true],
    ['timeout', outcome({ failure: 'timeout' }), true],
    ['connection refused', outcome({ failure: 'connection_failed' }), true],
    ['SSRF refusal (our policy)', outcome({ failure: 'ssrf_refused' }), false],
  ];
  it.each(cases)('%s', (_name, o, expected) => {
    expect(isBreakerFailure(o)).toBe(expected);
  });
  it('counts exactly the outcomes the classifier retries', () => {
    for (const [, o] of cases) expect(isBreakerFailure(o)).toBe(classifyHttpOutcome(o, NOW).kind === 'retry');
  });
});
