import { describe, expect, it } from 'vitest';
import { murmur2Partition } from './murmur2-partition.ts';

describe('murmur2Partition', () => {
  // Reference hashes from the Java client's UtilsTest.testMurmur2 (Utils.murmur2(bytes)); the
  // partition is Utils.toPositive(hash) % n.
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['abc', 479470107],
  ])('places %s where the Java client does', (key, javaHash) => {
    for (const n of [1, 3, 12, 100]) {
      expect(murmur2Partition(key, n)).toBe((javaHash & 0x7fffffff) % n);
      expect(murmur2Partition(Buffer.from(key), n)).toBe((javaHash & 0x7fffffff) % n);
    }
  });

  it('spreads AAM-style device ids over every partition', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i += 1) seen.add(murmur2Partition(`${10n ** 37n + BigInt(i)}`, 12));
    expect(seen.size).toBe(12);
  });
});
