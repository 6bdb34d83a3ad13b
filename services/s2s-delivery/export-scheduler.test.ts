import { describe, expect, it } from 'vitest';
import { nextCronTime, scheduledMode } from './export-scheduler.ts';

describe('export schedule', () => {
  it('next cron time in UTC', () => {
    const at = Date.UTC(2026, 10, 28, 13, 59, 58);
    expect(nextCronTime('0 14 * * *', at)).toBe(Date.UTC(2026, 10, 28, 14, 0, 0));
    expect(nextCronTime('0 * * * *', Date.UTC(2026, 10, 28, 14, 0, 0))).toBe(
      Date.UTC(2026, 10, 28, 15, 0, 0),
    );
  });

  it('mode: full first then iter when both are configured', () => {
    expect(scheduledMode(['FULL'], true)).toBe('full');
    expect(scheduledMode(['ITER'], false)).toBe('iter');
    expect(scheduledMode(['FULL', 'ITER'], false)).toBe('full');
    expect(scheduledMode(['FULL', 'ITER'], true)).toBe('iter');
  });
});
