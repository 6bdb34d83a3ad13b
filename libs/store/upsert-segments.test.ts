import { describe, expect, it } from 'vitest';
import { latestSegments } from './upsert-segments.ts';

const row = (uuid: string, sid: number, updatedAt: number, member = true) => ({
  destinationId: 1,
  uuid,
  dpid: 2,
  sid,
  value: String(sid),
  member,
  updatedAt,
});

describe('latestSegments', () => {
  it('keeps one row per segment, the latest (ties: the last seen), in key order', () => {
    const rows = [
      row('b', 1, 5),
      row('a', 2, 9),
      row('a', 2, 3),
      row('a', 1, 7, true),
      row('a', 1, 7, false),
    ];
    expect(latestSegments(rows)).toEqual([row('a', 1, 7, false), row('a', 2, 9), row('b', 1, 5)]);
  });
});
