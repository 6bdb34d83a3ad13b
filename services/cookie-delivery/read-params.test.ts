import { describe, expect, it } from 'vitest';
import { readParams } from './read-params.ts';

describe('readParams', () => {
  it('accepts AAM uuids and host names (case and trailing dot normalized)', () => {
    expect(readParams('12345678901234567890123456789012345678', 'WWW.Example.com.')).toEqual({
      ok: true,
      params: { uuid: '12345678901234567890123456789012345678', domain: 'www.example.com' },
    });
    expect(readParams('a_b-C', 'localhost')).toMatchObject({ ok: true });
  });

  it('rejects garbage with a message naming the parameter', () => {
    for (const uuid of ['', 'a b', 'x'.repeat(65), '../etc', 'a;b']) {
      expect(readParams(uuid, 'example.com')).toMatchObject({
        ok: false,
        message: expect.stringMatching(/^uuid/),
      });
    }
    expect(readParams('1', undefined)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/"domain"/),
    });
    for (const domain of [
      'http://example.com',
      'example.com/x',
      'example.com:443',
      '-a.com',
      'a..com',
      'ex ample.com',
      '*.example.com',
    ]) {
      expect(readParams('1', domain), domain).toMatchObject({
        ok: false,
        message: expect.stringMatching(/^domain/),
      });
    }
  });
});
