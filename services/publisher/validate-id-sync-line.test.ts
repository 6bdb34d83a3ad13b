import { describe, expect, it } from 'vitest';
import { validateIdSyncLine } from './validate-id-sync-line.ts';

const NOW = Date.parse('2026-12-02T00:00:00Z');
const errorsOf = (line: string) => {
  const result = validateIdSyncLine(line, NOW);
  return result.kind === 'invalid' ? result.errors : [];
};

describe('validateIdSyncLine', () => {
  it('accepts a sync, with seenAt as epoch ms, ISO-8601 or now', () => {
    expect(validateIdSyncLine('{"uuid":"u1","dpid":20915,"dpuuid":"p1","seenAt":5}', NOW)).toEqual({
      kind: 'valid',
      event: { uuid: 'u1', dpid: 20915, dpuuid: 'p1', seenAt: 5 },
    });
    expect(
      validateIdSyncLine('{"uuid":"u1","dpid":1,"dpuuid":"p","seenAt":"2026-12-01T00:00:00Z"}', NOW),
    ).toMatchObject({
      event: { seenAt: Date.parse('2026-12-01T00:00:00Z') },
    });
    expect(validateIdSyncLine('{"uuid":"u1","dpid":1,"dpuuid":"p"}', NOW)).toMatchObject({
      event: { seenAt: NOW },
    });
    expect(validateIdSyncLine('  ', NOW)).toEqual({ kind: 'blank' });
  });

  it('reports every problem of a line', () => {
    expect(errorsOf('{"dpid":"20915","extra":1}')).toEqual([
      'extra: unknown field',
      'uuid: required',
      'dpuuid: required',
      'dpid: "20915" is not valid',
    ]);
    expect(errorsOf('{"uuid":"a b","dpid":0,"dpuuid":" ","seenAt":"soon"}')).toEqual([
      'seenAt: "soon" is not epoch ms or an ISO-8601 time',
      'uuid: "a b" does not match /^[A-Za-z0-9_-]{1,64}$/',
      'dpuuid: empty',
      'dpid: 0 is not a positive namespace id',
    ]);
    expect(errorsOf('[1]')).toEqual(['a line must be one JSON object']);
    expect(errorsOf('{"uuid":')[0]).toMatch(/^malformed JSON/);
  });
});
