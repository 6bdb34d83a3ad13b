import { describe, expect, it } from 'vitest';
import { parseSegments } from './parse-segments.ts';

describe('parseSegments', () => {
  it('reads ids separated by commas, spaces, semicolons and lines, and sid=value / tab lines', () => {
    expect(parseSegments('101, 102 103;104\n105=vip\n106\tcode-6\n')).toEqual({
      segments: [
        { sid: 101 },
        { sid: 102 },
        { sid: 103 },
        { sid: 104 },
        { sid: 105, value: 'vip' },
        { sid: 106, value: 'code-6' },
      ],
      errors: [],
    });
  });

  it('reports bad tokens and duplicates with their line', () => {
    expect(parseSegments('1 x\n0=a\n1').errors).toEqual([
      'line 1: "x" is not a segment id',
      'line 2: "0" is not a segment id',
      'line 3: segment 1 is listed twice',
    ]);
    expect(parseSegments('99999999999').errors).toHaveLength(1);
  });
});
