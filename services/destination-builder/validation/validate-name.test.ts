import { describe, expect, it } from 'vitest';
import { validateName } from './validate-name.ts';

const rule = { pointer: '/name', max: 10, required: true };
const rules = (name: string, r = rule) => validateName(name, r).map((i) => i.rule);

describe('validateName', () => {
  it.each(['Partner A', 'Ünïcödé', '日本語の名前', 'emoji 🎯', 'a-b_c.d'])('accepts %j', (name) => {
    expect(validateName(name, { ...rule, max: 255 })).toEqual([]);
  });

  it.each([
    ['NUL', '\u0000'],
    ['BEL', '\u0007'],
    ['TAB', '\t'],
    ['LF', '\n'],
    ['CR', '\r'],
    ['ESC', '\u001b'],
    ['unit separator', '\u001f'],
    ['DEL', '\u007f'],
    ['C1 PAD', '\u0080'],
    ['C1 CSI', '\u009b'],
    ['C1 APC', '\u009f'],
    ['line separator', '\u2028'],
    ['paragraph separator', '\u2029'],
    ['LRE', '\u202a'],
    ['RLE', '\u202b'],
    ['PDF', '\u202c'],
    ['LRO', '\u202d'],
    ['RLO', '\u202e'],
    ['LRI', '\u2066'],
    ['RLI', '\u2067'],
    ['FSI', '\u2068'],
    ['PDI', '\u2069'],
    ['LRM', '\u200e'],
    ['RLM', '\u200f'],
    ['ALM', '\u061c'],
  ])('refuses %s and names the code point', (_label, char) => {
    const issues = validateName(`ab${char}c`, rule);
    expect(issues.map((i) => i.rule)).toEqual(['invalid_characters']);
    const code = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    expect(issues[0]!.message).toContain(`U+${code} at position 2`);
  });

  it('bounds the length in characters (not UTF-16 units) and requires a name when asked', () => {
    expect(rules('x'.repeat(10))).toEqual([]);
    expect(rules('🎯'.repeat(10))).toEqual([]);
    expect(rules('x'.repeat(11))).toEqual(['too_long']);
    expect(rules('  ')).toEqual(['required']);
    expect(rules('', { ...rule, required: false })).toEqual([]);
  });
});
