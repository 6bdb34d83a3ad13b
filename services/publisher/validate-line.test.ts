import { describe, expect, it } from 'vitest';
import { validateLine } from './validate-line.ts';

const valid = {
  eventId: 'e1',
  eventTime: 1_764_338_400_000,
  uuid: '19390412345678901234567890123456789012',
  platform: 'browser',
  segments: [{ sid: 14356, status: 'QUALIFIED', updatedAt: 1_764_338_400_000 }],
};
const line = (overrides: Record<string, unknown>) => JSON.stringify({ ...valid, ...overrides });
const errorsOf = (text: string) => {
  const result = validateLine(text);
  return result.kind === 'invalid' ? result.errors : [];
};

describe('validateLine', () => {
  it('fills schema defaults and accepts ISO-8601 times', () => {
    const result = validateLine(line({ eventTime: '2026-11-28T14:00:00Z' }));
    expect(result).toEqual({
      kind: 'valid',
      event: {
        ...valid,
        eventTime: Date.parse('2026-11-28T14:00:00Z'),
        region: null,
        pageProtocol: 'HTTPS',
        realTime: false,
        mcid: null,
        partnerIds: [],
        consent: null,
        optedOut: false,
        segments: [{ ...valid.segments[0], dataSourceIds: [] }],
      },
    });
  });

  it('treats blank lines as blank, not as errors', () => {
    expect(validateLine('   ')).toEqual({ kind: 'blank' });
  });

  it('reports malformed JSON and non-objects', () => {
    expect(errorsOf('{"eventId": "e1",')[0]).toMatch(/^malformed JSON: /);
    expect(errorsOf('[1,2]')).toEqual(['a line must be one JSON object']);
    expect(errorsOf('"text"')).toEqual(['a line must be one JSON object']);
  });

  it('reports every wrong type with its path', () => {
    const errors = errorsOf(
      line({
        uuid: 42,
        eventTime: 'yesterday',
        mcid: 5,
        consent: { gdprApplies: 'yes' },
        segments: [{ sid: '14356', status: 'QUALIFED', updatedAt: 1 }],
      }),
    );
    expect(errors).toEqual([
      'eventTime: "yesterday" is not an integer (epoch ms, or an ISO-8601 string)',
      'uuid: 42 is not a string',
      'mcid: 5 is not null or a string',
      'consent.gdprApplies: "yes" is not a boolean',
      'segments[0].sid: "14356" is not a 32-bit integer',
      'segments[0].status: "QUALIFED" is not one of QUALIFIED, ACTIVE, DISQUALIFIED',
    ]);
  });

  it('reports missing required fields and unknown fields (typos)', () => {
    const { uuid: _uuid, ...withoutUuid } = valid;
    expect(errorsOf(JSON.stringify({ ...withoutUuid, platfrom: 'ios' }))).toEqual([
      'platfrom: unknown field',
      'uuid: required',
    ]);
    expect(errorsOf(line({ segments: [{ ...valid.segments[0], sidd: 1 }] }))).toEqual([
      'segments[0].sidd: unknown field',
    ]);
  });

  it('reports every problem of a line at once, not only the first (issue 20)', () => {
    const { uuid: _uuid, ...withoutUuid } = valid;
    expect(errorsOf(JSON.stringify({ ...withoutUuid, platfrom: 'ios', mcid: 5 }))).toEqual([
      'platfrom: unknown field',
      'uuid: required',
      'mcid: 5 is not null or a string',
    ]);
    expect(errorsOf(line({ platform: 'smart-tv', uuid: ' ', segments: [] }))).toEqual([
      'empty uuid',
      'unknown platform "smart-tv"',
      'no segments',
    ]);
  });

  it('applies the router rules: unknown platform, empty uuid, no segments', () => {
    expect(errorsOf(line({ platform: 'smart-tv' }))).toEqual(['unknown platform "smart-tv"']);
    expect(errorsOf(line({ uuid: ' ' }))).toEqual(['empty uuid']);
    expect(errorsOf(line({ segments: [] }))).toEqual(['no segments']);
  });

  it('refuses what the router would dead-letter for a limit: the uuid rule, long strings, NUL bytes', () => {
    expect(errorsOf(line({ uuid: 'user@example.com' }))).toEqual([
      'uuid: "user@example.com" has a character outside the set; the rule is 1-64 characters of A-Z a-z 0-9 _ -',
    ]);
    expect(errorsOf(line({ mcid: '1'.repeat(1_000_000) }))).toEqual([
      'mcid: 1000000 characters, more than the limit of 64',
    ]);
    expect(errorsOf(line({ eventId: 'e\u0000' }))).toEqual(['eventId: control character U+0000 at index 1']);
    expect(validateLine(line({ mcid: '1'.repeat(64) })).kind).toBe('valid');
  });
});
