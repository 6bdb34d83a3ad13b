import { describe, expect, it } from 'vitest';
import { sampleEvent } from '../../test/support/samples.ts';
import { validateEvent } from './validate-event.ts';

describe('validateEvent', () => {
  it('accepts a well-formed event', () => {
    expect(validateEvent(sampleEvent(), 1000)).toBeNull();
  });

  it.each([
    [{ uuid: '' }, /empty uuid/],
    [{ uuid: '   ' }, /empty uuid/],
    [{ eventId: '' }, /empty eventId/],
    [{ platform: 'smart-tv' }, /unknown platform "smart-tv"/],
    [{ segments: [] }, /no segments/],
    [{ eventTime: 0 }, /eventTime/],
  ])('refuses %o', (overrides, detail) => {
    expect(validateEvent(sampleEvent(overrides), 1000)).toEqual({
      reason: 'invalid_event',
      detail: expect.stringMatching(detail),
    });
  });

  it('refuses an event with more segments than the limit', () => {
    const segments = Array.from({ length: 11 }, (_, sid) => ({
      sid,
      status: 'ACTIVE' as const,
      updatedAt: 1,
      dataSourceIds: [],
    }));
    expect(validateEvent(sampleEvent({ segments }), 10)?.detail).toMatch(
      /11 segments, more than the limit of 10/,
    );
  });
});
