import { describe, expect, it } from 'vitest';
import { parseExposition, sampleValue } from './parse-exposition.ts';

describe('parseExposition', () => {
  it('reads names, labels in any order, escaped values and special floats', () => {
    const samples = parseExposition(
      [
        '# HELP x_total help',
        '# TYPE x_total counter',
        'x_total{b="2",a="say \\"hi\\""} 3',
        'y_bucket{le="+Inf"} 7',
        'z NaN',
        'w 1.5e3 1700000000000',
      ].join('\n'),
    );
    expect(sampleValue(samples, 'x_total', { a: 'say "hi"', b: '2' })).toBe(3);
    expect(sampleValue(samples, 'y_bucket', { le: '+Inf' })).toBe(7);
    expect(sampleValue(samples, 'z')).toBeNaN();
    expect(sampleValue(samples, 'w')).toBe(1500);
    expect(sampleValue(samples, 'x_total', { a: 'other' })).toBeUndefined();
  });
});
