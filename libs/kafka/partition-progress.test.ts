import { describe, expect, it } from 'vitest';
import { PartitionProgress } from './partition-progress.ts';

describe('PartitionProgress', () => {
  it('commits only past the longest run of done chunks, whatever order they finish in', () => {
    const p = new PartitionProgress();
    const first = p.dispatch('9'); // offsets 0..9
    const second = p.dispatch('19');
    const third = p.dispatch('29');
    expect(p.toCommit()).toBeNull();
    third();
    second();
    expect(p.toCommit(), 'the first chunk is still running').toBeNull();
    first();
    expect(p.toCommit()).toBe('30');
    expect(p.pendingChunks).toBe(0);
  });

  it('reports each committable offset once', () => {
    const p = new PartitionProgress();
    p.dispatch('4')();
    expect(p.toCommit()).toBe('5');
    p.markCommitted('5');
    expect(p.toCommit()).toBeNull();
    const next = p.dispatch('7');
    expect(p.toCommit()).toBeNull();
    next();
    expect(p.toCommit()).toBe('8');
  });

  it('knows which offsets were dispatched already (records fetched again after a rebalance)', () => {
    const p = new PartitionProgress();
    expect(p.seen('0')).toBe(false);
    p.dispatch('41');
    expect(p.seen('41')).toBe(true);
    expect(p.seen('42')).toBe(false);
  });

  it('handles offsets beyond 2^53 exactly', () => {
    const p = new PartitionProgress();
    p.dispatch('9007199254740993')();
    expect(p.toCommit()).toBe('9007199254740994');
  });

  it('keeps memory bounded over many chunks', () => {
    const p = new PartitionProgress();
    for (let i = 0; i < 10_000; i += 1) p.dispatch(String(i))();
    expect(p.pendingChunks).toBe(0);
    expect(p.toCommit()).toBe('10000');
    expect((p as unknown as { chunks: unknown[] }).chunks.length).toBeLessThan(2100);
  });
});
