import { describe, expect, it } from 'vitest';
import { refusalOf, toStateBatch } from './to-state-batch.ts';

describe('toStateBatch', () => {
  it('turns each delivered segment into a membership upsert and each ID sync into a link', () => {
    const delivery = {
      deliveryId: 'e1:423',
      eventId: 'e1',
      eventTime: 1,
      routedAt: 2,
      uuid: 'u1',
      destinationId: 423,
      destinationVersion: 3,
      region: 9,
      pageProtocol: 'HTTPS' as const,
      mcid: null,
      partnerIds: [],
      gdprApplies: false,
      tcString: null,
      dpid: 20915,
      segments: [
        { sid: 14356, value: '14356', member: true, updatedAt: 100 },
        { sid: 12176, value: 'ic-12176', member: false, updatedAt: 90 },
      ],
    };
    const batch = toStateBatch([
      { kind: 'delivery', value: delivery },
      { kind: 'idSync', value: { uuid: 'u1', dpid: 20915, dpuuid: '4250948725049857', seenAt: 5 } },
    ]);
    expect(batch).toEqual({
      upserts: [
        {
          destinationId: 423,
          uuid: 'u1',
          dpid: 20915,
          sid: 14356,
          value: '14356',
          member: true,
          updatedAt: 100,
        },
        {
          destinationId: 423,
          uuid: 'u1',
          dpid: 20915,
          sid: 12176,
          value: 'ic-12176',
          member: false,
          updatedAt: 90,
        },
      ],
      idSyncs: [{ uuid: 'u1', dpid: 20915, dpuuid: '4250948725049857', seenAt: 5 }],
    });
  });

  it.each([
    [
      'a 1 MB dpuuid',
      { dpuuid: 'd'.repeat(1_000_000) },
      /^dpuuid: 1000000 characters, more than the limit of 255$/,
    ],
    ['an empty uuid', { uuid: '' }, /^uuid: empty$/],
    ['a negative seenAt', { seenAt: -1 }, /^seenAt: -1, must be a positive/],
    ['an empty dpuuid', { dpuuid: '' }, /^dpuuid: empty$/],
    ['a NUL in the dpuuid', { dpuuid: 'a\u0000' }, /^dpuuid: control character U\+0000/],
  ])('never stores an ID sync with %s', (_name, overrides, detail) => {
    const sync = { uuid: 'u1', dpid: 20915, dpuuid: '4250948725049857', seenAt: 5, ...overrides };
    expect(refusalOf({ kind: 'idSync', value: sync })?.detail).toMatch(detail);
    expect(toStateBatch([{ kind: 'idSync', value: sync }]).idSyncs).toEqual([]);
  });
});
