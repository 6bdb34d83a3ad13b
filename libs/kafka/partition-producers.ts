/**
 * One transactional producer per input partition, created on first use. The transactional.id is
 * `<prefix>-<topic>-<partition>`: whichever instance owns the partition now owns the id, so when a
 * rebalance moves the partition, the new owner's initTransactions() fences the old owner (a zombie
 * can no longer commit) and aborts its open transaction. This is Kafka's pre-KIP-447
 * exactly-once design, the one kafkajs supports (it does not send consumer group metadata with
 * sendOffsets).
 */
import type { Kafka, Producer } from 'kafkajs';
import { createProducer } from './create-producer.ts';

export class PartitionProducers {
  private readonly producers = new Map<string, Promise<Producer>>();

  constructor(
    private readonly kafka: Kafka,
    private readonly transactionalIdPrefix: string,
    private readonly transactionTimeoutMs = 30_000,
  ) {}

  get(topic: string, partition: number): Promise<Producer> {
    const id = `${this.transactionalIdPrefix}-${topic}-${partition}`;
    let producer = this.producers.get(id);
    if (producer === undefined) {
      producer = this.connect(id);
      this.producers.set(id, producer);
      producer.catch(() => this.producers.delete(id));
    }
    return producer;
  }

  /**
   * Drops the producer of a partition after a failed transaction (it may be stuck in ABORTING or
   * fenced); the next get() creates a new one, whose initTransactions() fences the old id.
   */
  async discard(topic: string, partition: number): Promise<void> {
    const id = `${this.transactionalIdPrefix}-${topic}-${partition}`;
    const producer = this.producers.get(id);
    if (producer === undefined) return;
    this.producers.delete(id);
    await producer.then((p) => p.disconnect()).catch(() => undefined);
  }

  /** Disconnects the producers of partitions this instance no longer owns (after a rebalance). */
  async retain(assignment: Record<string, number[]>): Promise<void> {
    const keep = new Set(
      Object.entries(assignment).flatMap(([topic, partitions]) =>
        partitions.map((p) => `${this.transactionalIdPrefix}-${topic}-${p}`),
      ),
    );
    const dropped = [...this.producers].filter(([id]) => !keep.has(id));
    for (const [id] of dropped) this.producers.delete(id);
    await Promise.allSettled(dropped.map(async ([, p]) => (await p).disconnect()));
  }

  async disconnectAll(): Promise<void> {
    const all = [...this.producers.values()];
    this.producers.clear();
    await Promise.allSettled(all.map(async (p) => (await p).disconnect()));
  }

  private async connect(transactionalId: string): Promise<Producer> {
    const producer = createProducer(this.kafka, {
      transactionalId,
      transactionTimeoutMs: this.transactionTimeoutMs,
    });
    try {
      await producer.connect();
      // kafkajs sends InitProducerId lazily, on the first transaction(); send it now: it fences
      // the id's earlier producers and returns only once their transactions are complete, which
      // the runner's resync relies on before it reads the committed offset.
      await (await producer.transaction()).abort();
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    return producer;
  }
}
