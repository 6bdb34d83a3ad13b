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
 * Bad data never stops the loop; only infrastructure errors (registry or broker unreachable) make
 * the batch fail and be retried.
 */
import type { Consumer, EachBatchPayload, IHeaders, Producer, TopicMessages } from 'kafkajs';
import { AppError } from '../errors/index.ts';
import type { Logger } from '../runtime/logger.ts';
import { deadLetterMessage, type DeadLetterEncoder } from './dead-letter.ts';

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
  /** Producer for outputs and dead letters (transactional when exactlyOnce and no producerFor). */
  producer?: Producer;
  /** true: outputs, dead letters and offsets commit atomically in one transaction per batch. */
  exactlyOnce: boolean;
  /**
   * Exactly-once with one transactional producer per input partition (transactional.id derived
   * from the partition), the pre-KIP-447 design kafkajs supports: a partition that moves to another
   * instance is fenced by its new owner, and partitions commit in parallel.
   */
  producerFor?(topic: string, partition: number): Promise<Producer>;
  deadLetterTopic: string;
  deadLetterEncoder: DeadLetterEncoder;
  logger: Logger;
  hooks?: RunnerHooks;
  fromBeginning?: boolean;
  /** Records per handler call are capped by kafkajs fetch sizes; this caps partitions in flight. */
  partitionsConsumedConcurrently?: number;
}

const DECODE_FAILURES = new Set(['bad_magic_byte', 'unknown_schema_id', 'undecodable']);

export class ConsumerRunner<T> {
  constructor(private readonly options: ConsumerRunnerOptions<T>) {
    if (!options.producer && !(options.exactlyOnce && options.producerFor)) {
      throw new AppError(
        'invalid_config',
        'ConsumerRunner needs a producer, or exactlyOnce with producerFor',
      );
    }
  }

  async start(): Promise<void> {
    const o = this.options;
    await o.consumer.subscribe({ topics: o.topics, fromBeginning: o.fromBeginning ?? true });
    await o.consumer.run({
      autoCommit: !o.exactlyOnce,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently:
        o.exactlyOnce && !o.producerFor ? 1 : (o.partitionsConsumedConcurrently ?? 1),
      eachBatch: (payload) => this.processBatch(payload),
    });
  }

  private async processBatch(payload: EachBatchPayload): Promise<void> {
    const o = this.options;
    const { batch } = payload;
    if (batch.messages.length === 0 || !payload.isRunning() || payload.isStale()) return;
    const started = process.hrtime.bigint();
    const valid: DecodedRecord<T>[] = [];
    const dead = [];
    for (const message of batch.messages) {
      const coordinates = {
        service: o.service,
        sourceTopic: batch.topic,
        sourcePartition: batch.partition,
        sourceOffset: message.offset,
        key: message.key,
        value: message.value,
      };
      let value: T;
      try {
        const decoded = o.decode(message.value);
        value = decoded instanceof Promise ? await decoded : decoded;
      } catch (error) {
        if (AppError.is(error) && DECODE_FAILURES.has(error.code)) {
          dead.push(
            deadLetterMessage(
              { ...coordinates, reason: error.code, detail: error.message },
              o.deadLetterEncoder,
            ),
          );
          o.hooks?.onDeadLetter?.(error.code, batch.topic);
          continue;
        }
        throw error;
      }
      const invalid = o.validate?.(value) ?? null;
      if (invalid !== null) {
        dead.push(deadLetterMessage({ ...coordinates, ...invalid }, o.deadLetterEncoder));
        o.hooks?.onDeadLetter?.(invalid.reason, batch.topic);
        continue;
      }
      valid.push({
        topic: batch.topic,
        partition: batch.partition,
        offset: message.offset,
        key: message.key,
        value,
        timestamp: Number(message.timestamp),
        headers: message.headers,
      });
    }

    const ctx: BatchContext = {
      topic: batch.topic,
      partition: batch.partition,
      heartbeat: payload.heartbeat,
    };
    const outputs = valid.length > 0 ? await o.handle(valid, ctx) : [];
    if (dead.length > 0) outputs.push({ topic: o.deadLetterTopic, messages: dead });
    const nextOffset = (BigInt(batch.lastOffset()) + 1n).toString();

    if (o.exactlyOnce) {
      const producer = o.producerFor ? await o.producerFor(batch.topic, batch.partition) : o.producer!;
      const transaction = await producer.transaction();
      const txStarted = process.hrtime.bigint();
      const txSeconds = () => Number(process.hrtime.bigint() - txStarted) / 1e9;
      try {
        if (outputs.length > 0) await transaction.sendBatch({ topicMessages: outputs });
        await transaction.sendOffsets({
          consumerGroupId: o.groupId,
          topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: nextOffset }] }],
        });
        await transaction.commit();
        o.hooks?.onTransaction?.('committed', txSeconds());
      } catch (error) {
        o.hooks?.onTransaction?.('aborted', txSeconds());
        await transaction.abort().catch((abortError: unknown) => {
          o.logger.warn({ err: abortError }, 'transaction abort failed');
        });
        throw error;
      }
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
}
