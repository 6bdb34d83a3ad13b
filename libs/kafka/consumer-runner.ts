/**
 * The consume loop every service uses (kafkajs eachBatch):
 *   decode each record -> undecodable ones become dead letters (reason + source coordinates),
 *   optional domain validation -> invalid ones become dead letters too,
 *   the handler turns the valid records into output messages,
 *   outputs + dead letters are produced, then the input offsets are committed.
 * Two delivery modes:
 *   - at-least-once: plain producer, offsets committed after the outputs are acknowledged;
 *   - exactly-once: a transactional producer; outputs, dead letters and the consumed offsets go in
 *     one Kafka transaction (sendOffsets), aborted and re-read from the last commit on any error.
 * Outputs are produced in requests that fit the broker's limit (fit-requests.ts), however large
 * the fan-out of one input batch; a single output larger than the limit becomes a dead letter.
 * Bad data never stops the loop; only infrastructure errors (registry or broker unreachable) make
 * the batch fail. A failed batch is thrown as a retriable error, whatever its cause, so kafkajs
 * retries it and then restarts the consumer (the transactional producer that failed is discarded
 * first, so the retry runs on a fresh, correctly fenced one).
 *
 * A failed commit is not an aborted one: the coordinator may have written the commit and died
 * before answering (a broker killed), and its successor completes it. Re-processing from the
 * consumer's position would then commit the batch twice. So, in exactly-once mode, the first batch
 * of a partition after an assignment and after every failed transaction is preceded by a resync:
 * the partition's producer is (re)initialised -- InitProducerId returns only once every earlier
 * transaction of its transactional.id is complete -- then the group's committed offset is read,
 * and when it is past the batch, the consumer seeks there instead of processing the batch again.
 * The same step closes the pre-KIP-447 rebalance gap (a new owner reading an offset that a
 * zombie's pending transaction is about to move).
 */
import type { Consumer, EachBatchPayload, IHeaders, Producer, TopicMessages, Transaction } from 'kafkajs';
import type { CommittedOffsets } from './committed-offsets.ts';
import { AppError } from '../errors/index.ts';
import type { Logger } from '../runtime/logger.ts';
import { oversizedDeadLetter, type DeadLetterEncoder } from './dead-letter.ts';
import { decodeBatch, decodedRecord } from './decode-batch.ts';
import { fitRequests } from './fit-requests.ts';
import { retriableBatchError } from './retriable-batch-error.ts';
import type { BatchSender } from './output-producer.ts';

export interface DecodedRecord<T> {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: T;
  timestamp: number;
  headers: IHeaders | undefined;
}

export interface BatchContext {
  topic: string;
  partition: number;
  heartbeat(): Promise<void>;
}

export interface RunnerHooks {
  /** Called once per batch, after outputs and offsets are committed. */
  onBatchDone?(stats: {
    topic: string;
    partition: number;
    records: number;
    deadLetters: number;
    seconds: number;
  }): void;
  /** Called for each dead letter, with its reason code. */
  onDeadLetter?(reason: string, topic: string): void;
  /** Called after each transaction (exactly-once mode), committed or aborted. */
  onTransaction?(outcome: 'committed' | 'aborted', seconds: number): void;
  /** Called for each produce request of a batch's outputs, with its size. */
  onProduceRequest?(bytes: number): void;
}

export interface ConsumerRunnerOptions<T> {
  service: string;
  consumer: Consumer;
  groupId: string;
  topics: string[];
  /** Decodes a record value; may answer synchronously (no promise per record on the hot path). */
  decode(value: Buffer | null): T | Promise<T>;
  /** Returns a reason and detail when a decoded value is invalid for the domain. */
  validate?(value: T): { reason: string; detail: string } | null;
  /** Turns valid records into output messages (may also perform side effects). */
  handle(records: DecodedRecord<T>[], ctx: BatchContext): Promise<TopicMessages[]>;
  /** At-least-once: the producer for outputs and dead letters (an OutputProducer sizes requests). */
  producer?: BatchSender;
  /** true: outputs, dead letters and offsets commit atomically in one transaction per batch. */
  exactlyOnce: boolean;
  /**
   * Exactly-once with one transactional producer per input partition (transactional.id derived
   * from the partition), the pre-KIP-447 design kafkajs supports: a partition that moves to another
   * instance is fenced by its new owner, and partitions commit in parallel. `discard` drops a
   * producer after a failed transaction; the next `get` creates and fences a new one.
   */
  producers?: {
    get(topic: string, partition: number): Promise<Producer>;
    discard(topic: string, partition: number): Promise<void>;
  };
  /** Exactly-once: where the group's commits stand, read on a resync (see above). */
  committedOffsets?: Pick<CommittedOffsets, 'read'>;
  /** Bytes per produce request in a transaction (readProduceLimit). */
  maxRequestBytes?: number;
  deadLetterTopic: string;
  deadLetterEncoder: DeadLetterEncoder;
  logger: Logger;
  hooks?: RunnerHooks;
  fromBeginning?: boolean;
  /** Records per handler call are capped by kafkajs fetch sizes; this caps partitions in flight. */
  partitionsConsumedConcurrently?: number;
}

export class ConsumerRunner<T> {
  /**
   * Exactly-once: partitions whose position is known to match the group's commit in this
   * generation (resynced, or committed by this runner since); cleared on every group join.
   */
  private readonly inSync = new Set<string>();

  constructor(private readonly options: ConsumerRunnerOptions<T>) {
    if (options.exactlyOnce ? !options.producers || !options.committedOffsets : !options.producer) {
      throw new AppError(
        'invalid_config',
        'ConsumerRunner needs producers and committedOffsets (exactly-once) or a producer',
      );
    }
    if (options.exactlyOnce) {
      options.consumer.on(options.consumer.events.GROUP_JOIN, () => this.inSync.clear());
    }
  }

  async start(): Promise<void> {
    const o = this.options;
    await o.consumer.subscribe({ topics: o.topics, fromBeginning: o.fromBeginning ?? true });
    await o.consumer.run({
      autoCommit: !o.exactlyOnce,
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

  private async processBatch(payload: EachBatchPayload): Promise<void> {
    const o = this.options;
    const { batch } = payload;
    if (batch.messages.length === 0 || !payload.isRunning() || payload.isStale()) return;
    if (o.exactlyOnce && !(await this.resync(batch.topic, batch.partition, batch.firstOffset()))) return;
    const started = process.hrtime.bigint();
    const { valid, dead } = await decodeBatch(
      {
        service: o.service,
        topic: batch.topic,
        partition: batch.partition,
        decode: (value) => o.decode(value),
        validate: (value) => o.validate?.(value) ?? null,
        toRecord: decodedRecord<T>(batch.topic, batch.partition),
        deadLetterEncoder: o.deadLetterEncoder,
        onDeadLetter: (reason, topic) => o.hooks?.onDeadLetter?.(reason, topic),
      },
      batch.messages,
    );

    const ctx: BatchContext = {
      topic: batch.topic,
      partition: batch.partition,
      heartbeat: payload.heartbeat,
    };
    const outputs = valid.length > 0 ? await o.handle(valid, ctx) : [];
    if (dead.length > 0) outputs.push({ topic: o.deadLetterTopic, messages: dead });
    const nextOffset = (BigInt(batch.lastOffset()) + 1n).toString();

    if (o.exactlyOnce) {
      await this.commitTransaction(batch.topic, batch.partition, outputs, nextOffset);
      payload.resolveOffset(batch.lastOffset());
    } else {
      if (outputs.length > 0) await o.producer!.sendBatch({ topicMessages: outputs });
      payload.resolveOffset(batch.lastOffset());
      await payload.commitOffsetsIfNecessary();
    }
    await payload.heartbeat();
    o.hooks?.onBatchDone?.({
      topic: batch.topic,
      partition: batch.partition,
      records: batch.messages.length,
      deadLetters: dead.length,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
    });
  }

  /**
   * Exactly-once, before the first batch of a partition in a generation or after a failed
   * transaction: false when the group's commit is already past this batch (the consumer now seeks
   * there), true when the batch is to be processed.
   */
  private async resync(topic: string, partition: number, firstOffset: string | null): Promise<boolean> {
    const o = this.options;
    const key = `${topic}:${partition}`;
    if (this.inSync.has(key) || firstOffset === null) return true;
    await o.producers!.get(topic, partition);
    const committed = await o.committedOffsets!.read(topic, partition);
    this.inSync.add(key);
    if (committed === undefined || committed <= BigInt(firstOffset)) return true;
    o.logger.warn(
      { topic, partition, batchOffset: firstOffset, committedOffset: committed.toString() },
      'resuming after a transaction that committed although its answer was lost',
    );
    this.inSync.delete(key);
    o.consumer.seek({ topic, partition, offset: committed.toString() });
    return false;
  }

  /**
   * Outputs and the consumed offset in one transaction, produced in requests that fit the broker.
   * On any failure the transaction is aborted (best effort: the broker may be gone) and the producer
   * discarded: a producer whose abort failed is stuck in a state where it cannot begin again, and
   * its replacement's initTransactions() fences it and aborts what it left open.
   */
  private async commitTransaction(
    topic: string,
    partition: number,
    outputs: TopicMessages[],
    nextOffset: string,
  ): Promise<void> {
    const o = this.options;
    const limit = o.maxRequestBytes ?? 900_000;
    const { requests, oversized } = fitRequests(outputs, limit);
    if (oversized.length > 0) {
      const dead = oversized.map((item) => {
        o.hooks?.onDeadLetter?.('output_too_large', topic);
        return oversizedDeadLetter({ ...item, limit, service: o.service }, o.deadLetterEncoder);
      });
      requests.push(...fitRequests([{ topic: o.deadLetterTopic, messages: dead }], limit).requests);
    }
    const txStarted = process.hrtime.bigint();
    const txSeconds = () => Number(process.hrtime.bigint() - txStarted) / 1e9;
    let transaction: Transaction | undefined;
    try {
      const producer = await o.producers!.get(topic, partition);
      transaction = await producer.transaction();
      for (const request of requests) {
        await transaction.sendBatch({ topicMessages: request });
        if (o.hooks?.onProduceRequest) {
          let bytes = 0;
          for (const t of request) for (const m of t.messages) bytes += m.value?.length ?? 0;
          o.hooks.onProduceRequest(bytes);
        }
      }
      await transaction.sendOffsets({
        consumerGroupId: o.groupId,
        topics: [{ topic, partitions: [{ partition, offset: nextOffset }] }],
      });
      await transaction.commit();
      o.hooks?.onTransaction?.('committed', txSeconds());
    } catch (error) {
      this.inSync.delete(`${topic}:${partition}`);
      o.hooks?.onTransaction?.('aborted', txSeconds());
      if (transaction) {
        await transaction.abort().catch((abortError: unknown) => {
          o.logger.warn({ err: abortError, topic, partition }, 'transaction abort failed');
        });
      }
      await o.producers!.discard(topic, partition);
      throw error;
    }
  }
}
