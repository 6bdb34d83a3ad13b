import { describe, expect, it } from 'vitest';
import { etagOf, parseIfMatch } from './if-match.ts';

describe('If-Match / ETag', () => {
  it('round-trips versions in the accepted spellings', () => {
    expect(etagOf(3)).toBe('"3"');
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch('W/"3"')).toBe(3);
    expect(parseIfMatch('3')).toBe(3);
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch(' ')).toBeUndefined();
  });

  it('refuses anything else instead of ignoring it', () => {
    for (const bad of ['*', '"3", "4"', 'abc', '"-1"']) expect(() => parseIfMatch(bad)).toThrow(/If-Match/);
  });
});
