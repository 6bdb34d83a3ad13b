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
    [{ uuid: 'a b' }, /^uuid: "a b" has a character outside the set; the rule is 1-64/],
    [{ uuid: '1'.repeat(65) }, /^uuid: 65 characters/],
    [{ mcid: '1'.repeat(1_000_000) }, /^mcid: 1000000 characters, more than the limit of 64$/],
    [{ eventId: 'e\u0000' }, /^eventId: control character U\+0000/],
    [{ partnerIds: [{ dpid: 1, id: 'x'.repeat(256) }] }, /^partnerIds\[0\]\.id: 256 characters/],
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

  it('keeps MAX_SEGMENTS_PER_EVENT working above the default, up to the ceiling', () => {
    const segments = (n: number) =>
      Array.from({ length: n }, (_, sid) => ({
        sid,
        status: 'ACTIVE' as const,
        updatedAt: 1,
        dataSourceIds: [],
      }));
    expect(validateEvent(sampleEvent({ segments: segments(5000) }), 5000)).toBeNull();
    expect(validateEvent(sampleEvent({ segments: segments(10_001) }), 20_000)?.detail).toMatch(
      /^segments: 10001 entries, more than the limit of 10000$/,
    );
  });

  it('never echoes a huge value in the detail', () => {
    const detail = validateEvent(sampleEvent({ platform: 'x'.repeat(1_000_000) }), 1000)?.detail ?? '';
    expect(detail.length).toBeLessThan(100);
  });
});
