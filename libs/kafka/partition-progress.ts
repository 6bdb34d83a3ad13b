/**
 * Which offsets of one partition may be committed when records are handled out of order. Records
 * are dispatched in chunks (consecutive offsets, in offset order) and finish in any order; the
 * committable offset is the one after the last chunk of the longest finished prefix, so a commit
 * never passes a record whose calls are still running or whose outputs are not yet produced.
 * `dispatchedTo` is the offset after the last dispatched record: records below it that are fetched
 * again (after a rebalance that gave the partition back) are already being handled and are skipped.
 */
interface Chunk {
  /** Offset after the chunk's last record. */
  end: bigint;
  done: boolean;
}

export class PartitionProgress {
  private readonly chunks: Chunk[] = [];
  private head = 0;
  private committable: bigint | null = null;
  private committed: bigint | null = null;
  dispatchedTo: bigint | null = null;

  /** Registers a chunk ending at `lastOffset` (inclusive); returns the callback that marks it done. */
  dispatch(lastOffset: string): () => void {
    const chunk: Chunk = { end: BigInt(lastOffset) + 1n, done: false };
    this.chunks.push(chunk);
    this.dispatchedTo = chunk.end;
    return () => {
      chunk.done = true;
      this.advance();
    };
  }

  /** True when the record at `offset` was dispatched already. */
  seen(offset: string): boolean {
    return this.dispatchedTo !== null && BigInt(offset) < this.dispatchedTo;
  }

  /** Chunks dispatched and not yet done. */
  get pendingChunks(): number {
    return this.chunks.length - this.head;
  }

  /** The offset to commit if it moved since the last commit, else null. */
  toCommit(): string | null {
    if (this.committable === null || this.committable === this.committed) return null;
    return this.committable.toString();
  }

  markCommitted(offset: string): void {
    const value = BigInt(offset);
    if (this.committed === null || value > this.committed) this.committed = value;
  }

  private advance(): void {
    while (this.head < this.chunks.length && this.chunks[this.head]!.done) {
      this.committable = this.chunks[this.head]!.end;
      this.head += 1;
    }
    if (this.head > 1024 && this.head * 2 > this.chunks.length) {
      this.chunks.splice(0, this.head);
      this.head = 0;
    }
  }
}
