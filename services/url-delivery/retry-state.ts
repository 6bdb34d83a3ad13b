/**
 * What a retry record carries besides the original request bytes, as Kafka headers (readable by
 * any Kafka tool): attempts so far, when it is due, when the first attempt was, which segments the
 * failed call carried (so a retry re-sends only that call, freshly rendered), the last status and
 * reason, and where the request was first read (for the dead-letter record).
 */
import type { IHeaders } from '../../libs/kafka/index.ts';

export interface RetryState {
  attempts: number;
  dueAt: number;
  firstAttemptAt: number;
  sids: number[];
  lastStatus: number | null;
  lastReason: string;
  origin: { topic: string; partition: number; offset: string };
}

const H = {
  attempts: 'retry.attempts',
  dueAt: 'retry.due-at',
  firstAttemptAt: 'retry.first-attempt-at',
  sids: 'retry.sids',
  lastStatus: 'retry.last-status',
  lastReason: 'retry.last-reason',
  origin: 'retry.origin',
} as const;

export function retryHeaders(state: RetryState): IHeaders {
  return {
    [H.attempts]: String(state.attempts),
    [H.dueAt]: String(state.dueAt),
    [H.firstAttemptAt]: String(state.firstAttemptAt),
    [H.sids]: state.sids.join(','),
    [H.lastStatus]: state.lastStatus === null ? '' : String(state.lastStatus),
    [H.lastReason]: state.lastReason,
    [H.origin]: `${state.origin.partition}@${state.origin.offset}@${state.origin.topic}`,
  };
}

/** The due time of a record; 0 (due now) when it has none. */
export function dueAtOf(headers: IHeaders | undefined): number {
  const value = text(headers, H.dueAt);
  return value === null ? 0 : Number(value) || 0;
}

/** The retry state of a record; null for a first attempt (no retry headers). */
export function readRetryState(headers: IHeaders | undefined): RetryState | null {
  const attempts = text(headers, H.attempts);
  if (attempts === null) return null;
  const origin = (text(headers, H.origin) ?? '').split('@');
  const lastStatus = text(headers, H.lastStatus);
  return {
    attempts: Number(attempts),
    dueAt: dueAtOf(headers),
    firstAttemptAt: Number(text(headers, H.firstAttemptAt) ?? 0),
    sids: (text(headers, H.sids) ?? '')
      .split(',')
      .filter((s) => s !== '')
      .map(Number),
    lastStatus: lastStatus === null || lastStatus === '' ? null : Number(lastStatus),
    lastReason: text(headers, H.lastReason) ?? '',
    origin: {
      partition: Number(origin[0] ?? 0),
      offset: origin[1] ?? '0',
      topic: origin.slice(2).join('@'),
    },
  };
}

function text(headers: IHeaders | undefined, name: string): string | null {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? null : first.toString();
}
