/**
 * A consume loop whose offsets live with the state it writes (e.g. in SQL), not in Kafka:
 *   on every group join, read the stored next offset of each assigned partition and seek there
 *   (no stored offset: the partition's earliest offset, since the state has seen nothing of it);
 *   per batch, skip records below the stored position (in case a fetch raced the seek), decode,
 *   dead-letter the undecodable, and hand the rest to `handle` with the batch's next offset, which
 *   the handler must store in the same transaction as its state changes.
 * The state store is the source of truth: resolved offsets are also committed to Kafka afterwards,
 * only so lag tools see progress. Dead letters are produced before the handler commits (a crash in
 * between can repeat a dead letter, never lose one).
 */
import type { Admin, Consumer, EachBatchPayload } from 'kafkajs';
import type { Logger } from '../runtime/logger.ts';
import type { DecodedRecord, RunnerHooks } from './consumer-runner.ts';
import type { DeadLetterEncoder } from './dead-letter.ts';
import { decodeBatch, decodedRecord } from './decode-batch.ts';
import type { BatchSender } from './output-producer.ts';
import { retriableBatchError } from './retriable-batch-error.ts';

export interface StoredOffsetBatch {
  topic: string;
  partition: number;
  /** Offset to store with this batch's state: last offset of the batch + 1. */
  nextOffset: string;
}

export interface StoredOffsetConsumerOptions<T> {
  service: string;
  consumer: Consumer;
  admin: Admin;
  topics: string[];
  /** Next offset to consume per partition of a topic, as stored with the state. */
  loadOffsets(topic: string): Promise<Map<number, string>>;
  decode(topic: string, value: Buffer | null): Promise<T>;
  /** Returns a reason and detail when a decoded value is refused (record limits): a dead letter. */
  validate?(value: T): { reason: string; detail: string } | null;
  /** Applies the records and stores `batch.nextOffset`, atomically. May get no records (all dead). */
  handle(records: DecodedRecord<T>[], batch: StoredOffsetBatch): Promise<void>;
  producer: BatchSender;
  deadLetterTopic: string;
  deadLetterEncoder: DeadLetterEncoder;
  logger: Logger;
  hooks?: RunnerHooks;
  partitionsConsumedConcurrently?: number;
}

export class StoredOffsetConsumer<T> {
  private readonly positions = new Map<string, bigint>();
  private assigned: Promise<void> = Promise.resolve();

  constructor(private readonly options: StoredOffsetConsumerOptions<T>) {
    const o = options;
    o.consumer.on(o.consumer.events.GROUP_JOIN, ({ payload }) => {
      // If the store cannot be read now (database down during a rebalance), each batch loads its
      // partition's stored offset itself and fails (retried) until the store answers.
      this.assigned = this.seekToStored(payload.memberAssignment).catch((error: unknown) => {
        o.logger.error({ err: error }, 'could not load stored offsets; batches will load them');
      });
    });
  }

  /** Subscribes and runs; called again by the supervisor after a crash. */
  async start(): Promise<void> {
    const o = this.options;
    await o.consumer.subscribe({ topics: o.topics, fromBeginning: true });
    await o.consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: o.partitionsConsumedConcurrently ?? 1,
      eachBatch: async (payload) => {
        try {
          await this.processBatch(payload);
        } catch (error) {
          throw retriableBatchError(payload.batch.topic, payload.batch.partition, error);
        }
      },
    });
  }

  async stop(): Promise<void> {
    await this.options.consumer.disconnect();
  }

  private async seekToStored(assignment: Record<string, number[]>): Promise<void> {
    const o = this.options;
    this.positions.clear();
    for (const [topic, partitions] of Object.entries(assignment)) {
      const stored = await o.loadOffsets(topic);
      const earliest = new Map(
        (await o.admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.low] as const),
      );
      for (const partition of partitions) {
        const offset = stored.get(partition) ?? earliest.get(partition) ?? '0';
        this.positions.set(`${topic}|${partition}`, BigInt(offset));
        o.consumer.seek({ topic, partition, offset });
      }
    }
  }

  private async processBatch(payload: EachBatchPayload): Promise<void> {
    const o = this.options;
    await this.assigned;
    const { batch } = payload;
    if (!payload.isRunning() || payload.isStale()) return;
    const started = process.hrtime.bigint();
    const key = `${batch.topic}|${batch.partition}`;
    if (!this.positions.has(key)) {
      const stored = (await o.loadOffsets(batch.topic)).get(batch.partition);
      this.positions.set(key, BigInt(stored ?? batch.firstOffset() ?? '0'));
    }
    const position = this.positions.get(key)!;
    const fresh = batch.messages.filter((m) => BigInt(m.offset) >= position);
    const nextOffset = BigInt(batch.lastOffset()) + 1n;
    if (nextOffset <= position) {
      payload.resolveOffset(batch.lastOffset());
      return;
    }
    const { valid, dead } = await decodeBatch(
      {
        service: o.service,
        topic: batch.topic,
        partition: batch.partition,
        decode: (value) => o.decode(batch.topic, value),
        validate: (value) => o.validate?.(value) ?? null,
        toRecord: decodedRecord<T>(batch.topic, batch.partition),
        deadLetterEncoder: o.deadLetterEncoder,
        onDeadLetter: (reason, topic) => o.hooks?.onDeadLetter?.(reason, topic),
      },
      fresh,
    );
    if (dead.length > 0)
      await o.producer.sendBatch({ topicMessages: [{ topic: o.deadLetterTopic, messages: dead }] });
    await o.handle(valid, {
      topic: batch.topic,
      partition: batch.partition,
      nextOffset: nextOffset.toString(),
    });
    this.positions.set(key, nextOffset);
    payload.resolveOffset(batch.lastOffset());
    await payload.commitOffsetsIfNecessary();
    await payload.heartbeat();
    o.hooks?.onBatchDone?.({
      topic: batch.topic,
      partition: batch.partition,
      records: fresh.length,
      deadLetters: dead.length,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
    });
  }
}
