import { describe, expect, it } from 'vitest';
import { retryUntil } from './retry-until.ts';
import { createLogger } from '../../libs/runtime/logger.ts';

const logger = createLogger('test', 'silent');

function failing(times: number, error: () => Error = () => new Error('broker away')) {
  let calls = 0;
  const step = async () => {
    calls += 1;
    if (calls <= times) throw error();
    return calls;
  };
  return { step, calls: () => calls };
}

describe('retryUntil', () => {
  it('returns once the step succeeds after failures', async () => {
    const f = failing(3);
    await expect(retryUntil(f.step, { what: 'x', logger, deadlineMs: 10_000, initialMs: 1 })).resolves.toBe(
      4,
    );
    expect(f.calls()).toBe(4);
  });

  it('throws the last error once the deadline has passed', async () => {
    const f = failing(1000);
    await expect(
      retryUntil(f.step, { what: 'x', logger, deadlineMs: 50, initialMs: 5, maxMs: 5 }),
    ).rejects.toThrow('broker away');
    expect(f.calls()).toBeGreaterThan(1);
    expect(f.calls()).toBeLessThan(1000);
  });

  it('throws an error that is not retriable at once', async () => {
    const f = failing(5, () => new Error('bad config'));
    await expect(
      retryUntil(f.step, { what: 'x', logger, deadlineMs: 10_000, initialMs: 1, retriable: () => false }),
    ).rejects.toThrow('bad config');
    expect(f.calls()).toBe(1);
  });

  it('stops retrying once its signal is aborted', async () => {
    const f = failing(1000);
    const controller = new AbortController();
    const run = retryUntil(f.step, {
      what: 'x',
      logger,
      deadlineMs: 60_000,
      initialMs: 5,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 30);
    await expect(run).rejects.toThrow('broker away');
  });
});
