import { describe, expect, it } from 'vitest';
import { jsonLine, jsonLineIssues, type JsonLineLayout } from './json-line.ts';

/** Adobe's Trade Desk example (outbound macro examples, docs/partners.md). */
const tradeDesk: JsonLineLayout = {
  fields: { AdvertiserId: '{pidAlias}', DataCenterId: 2, TDID: '{dpuuid}' },
  segmentsField: 'Data',
  segment: { Name: '{value}' },
  removed: { Name: '{value}', TtlInMinutes: 0 },
};

const user = {
  uuid: '59767559181262060060278870901087098252',
  dpid: 20914,
  dpuuid: 'a-tdid',
  segments: [
    { sid: 11, value: '4321', member: true, updatedAt: 1_700_000_000_123 },
    { sid: 12, value: '987', member: false, updatedAt: 1_700_000_001_999 },
  ],
};

describe('jsonLine', () => {
  it("writes Adobe's Trade Desk example line, byte for byte", () => {
    expect(jsonLine(user, tradeDesk, { destinationId: 7, pidAlias: '12345' })).toBe(
      '{"AdvertiserId":"12345","DataCenterId":2,"TDID":"a-tdid","Data":[{"Name":"4321"},{"Name":"987","TtlInMinutes":0}]}\n',
    );
  });

  it('writes a lone numeric placeholder as a number, text with placeholders as a string', () => {
    const layout: JsonLineLayout = {
      fields: { ns: '{dpid}', dest: '{destinationId}', id: 'u:{uuid}', flag: true },
      segmentsField: 'segments',
      segment: {
        sid: '{sid}',
        status: '{status}',
        at: '{updatedAt}',
        s: '{updatedAtSeconds}',
        v: 'v={value}',
      },
      removed: null,
    };
    const line = JSON.parse(jsonLine(user, layout, { destinationId: 7, pidAlias: 'x' }));
    expect(line).toEqual({
      ns: 20914,
      dest: 7,
      id: `u:${user.uuid}`,
      flag: true,
      segments: [{ sid: 11, status: 1, at: 1_700_000_000_123, s: 1_700_000_000, v: 'v=4321' }],
    });
  });

  it('keeps hostile values inside their JSON strings (one line, no injection)', () => {
    const hostile = {
      ...user,
      dpuuid: 'a"},\n{"evil":1',
      segments: [{ ...user.segments[0]!, value: '\u2028"]}' }],
    };
    const text = jsonLine(hostile, tradeDesk, { destinationId: 7, pidAlias: '"' });
    expect(text.split('\n')).toHaveLength(2);
    const parsed = JSON.parse(text);
    expect(parsed.TDID).toBe('a"},\n{"evil":1');
    expect(parsed.Data[0].Name).toBe('\u2028"]}');
    expect(parsed.AdvertiserId).toBe('"');
  });
});

describe('jsonLineIssues', () => {
  it('accepts the Trade Desk layout', () => {
    expect(jsonLineIssues(tradeDesk)).toEqual([]);
  });

  it('refuses unknown placeholders, segment placeholders on the user, a clashing array key, long and control-character names, too many fields', () => {
    const fields = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`f${i}`, i]));
    const issues = jsonLineIssues({
      fields: { ...fields, a: '{sid}', Data: 1, ['x'.repeat(65)]: 1, 'bad\u0001': 1 },
      segmentsField: 'Data',
      segment: { Name: '{bogus}', long: 'y'.repeat(513), n: Number.NaN },
      removed: { 'a/b': '{value}{nope}' },
    });
    const pointers = issues.map((i) => i.pointer);
    expect(pointers).toContain('/fields');
    expect(pointers).toContain('/fields/a');
    expect(pointers).toContain(`/fields/${'x'.repeat(65)}`);
    expect(pointers).toContain('/fields/bad\u0001');
    expect(pointers).toContain('/segmentsField');
    expect(pointers).toContain('/segment/Name');
    expect(pointers).toContain('/segment/long');
    expect(pointers).toContain('/segment/n');
    expect(pointers).toContain('/removed/a~1b');
    expect(issues.find((i) => i.pointer === '/segment/Name')?.message).toContain('{bogus}');
  });
});
