import { describe, expect, it } from 'vitest';
import { partitionLag } from './partition-lag.ts';

const base = { group: 'router', topic: 'qualifications', partition: 0, now: 1_000_000 };

describe('partitionLag', () => {
  it('is the offset difference and the age of the first unconsumed record', () => {
    const lag = partitionLag({
      ...base,
      committedOffset: '40',
      logEndOffset: '100',
      firstUnconsumed: { kind: 'record', offset: '40', timestamp: 970_000 },
    });
    expect(lag).toMatchObject({ committedOffset: 40, logEndOffset: 100, lagMessages: 60, lagSeconds: 30 });
  });

  it('is 0 seconds when caught up, even without a record read', () => {
    expect(partitionLag({ ...base, committedOffset: '100', logEndOffset: '100' })).toMatchObject({
      lagMessages: 0,
      lagSeconds: 0,
    });
  });

  it('is 0 seconds when only transaction markers remain (lag of 1 message after a commit marker)', () => {
    expect(
      partitionLag({
        ...base,
        committedOffset: '99',
        logEndOffset: '100',
        firstUnconsumed: { kind: 'none' },
      }),
    ).toMatchObject({ lagMessages: 1, lagSeconds: 0 });
  });

  it('is unknown (null) when the record could not be read, and never negative', () => {
    expect(
      partitionLag({
        ...base,
        committedOffset: '1',
        logEndOffset: '5',
        firstUnconsumed: { kind: 'error', reason: 'no_leader' },
      }).lagSeconds,
    ).toBeNull();
    expect(
      partitionLag({
        ...base,
        committedOffset: '1',
        logEndOffset: '5',
        firstUnconsumed: { kind: 'record', offset: '1', timestamp: base.now + 5000 },
      }).lagSeconds,
    ).toBe(0);
    expect(partitionLag({ ...base, committedOffset: '7', logEndOffset: '5' }).lagMessages).toBe(0);
  });
});
