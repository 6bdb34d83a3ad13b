/**
 * The consume loop of the HTTP delivery services, over the main topic and its delay (retry) topics:
 *   records not yet due (header retry.due-at in the future) are not handled: the partition is paused
 *   and resumed when the first of them is due, so nobody sleeps and other partitions keep flowing
 *   (main-topic records carry no due time and are always due);
 *   undecodable records become dead letters with the reason and source coordinates;
 *   the handler delivers the due records and returns what to produce (retries, dead letters);
 *   outputs are produced, then the offsets of the handled records are committed (at-least-once).
 * After a crash, records handled but not committed are delivered again; X-Delivery-Id lets the
 * partner drop the duplicate.
 */
import type { Consumer, EachBatchPayload, IHeaders, Producer, TopicMessages } from '../kafka/index.ts';
import { deadLetterMessage, type DeadLetterEncoder } from '../kafka/index.ts';
import { AppError } from '../errors/index.ts';
import type { Logger } from '../runtime/logger.ts';
import { dueAtOf } from './retry-state.ts';

export interface DueRecord<T> {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  /** Original value bytes (re-produced as-is into retry topics and dead letters). */
  raw: Buffer;
  value: T;
  headers: IHeaders | undefined;
}

export interface DelayedConsumerOptions<T> {
  service: string;
  consumer: Consumer;
  producer: Producer;
  topics: string[];
  decode(value: Buffer | null): Promise<T>;
  handle(records: DueRecord<T>[]): Promise<TopicMessages[]>;
  deadLetterTopic: string;
  deadLetterEncoder: DeadLetterEncoder;
  logger: Logger;
  partitionsConsumedConcurrently: number;
  onBatchDone?(stats: { topic: string; records: number; seconds: number }): void;
  onDeadLetter?(reason: string, topic: string): void;
  now?: () => number;
}

const DECODE_FAILURES = new Set(['bad_magic_byte', 'unknown_schema_id', 'undecodable']);

export class DelayedConsumer<T> {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly o: DelayedConsumerOptions<T>) {}

  async start(): Promise<void> {
    await this.o.consumer.subscribe({ topics: this.o.topics, fromBeginning: true });
    await this.o.consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.o.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.processBatch(payload),
    });
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.o.consumer.disconnect();
  }

  private async processBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0 || !payload.isRunning() || payload.isStale()) return;
    const started = performance.now();
    const now = (this.o.now ?? Date.now)();
    const firstNotDue = batch.messages.findIndex((m) => dueAtOf(m.headers) > now);
    const due = firstNotDue === -1 ? batch.messages : batch.messages.slice(0, firstNotDue);

    if (due.length > 0) {
      const valid: DueRecord<T>[] = [];
      const dead = [];
      for (const message of due) {
        try {
          const value = await this.o.decode(message.value);
          valid.push({
            topic: batch.topic,
            partition: batch.partition,
            offset: message.offset,
            key: message.key,
            raw: message.value as Buffer,
            value,
            headers: message.headers,
          });
        } catch (error) {
          if (!(AppError.is(error) && DECODE_FAILURES.has(error.code))) throw error;
          dead.push(
            deadLetterMessage(
              {
                reason: error.code,
                detail: error.message,
                service: this.o.service,
                sourceTopic: batch.topic,
                sourcePartition: batch.partition,
                sourceOffset: message.offset,
                key: message.key,
                value: message.value,
              },
              this.o.deadLetterEncoder,
            ),
          );
          this.o.onDeadLetter?.(error.code, batch.topic);
        }
      }
      const outputs = valid.length > 0 ? await this.o.handle(valid) : [];
      if (dead.length > 0) outputs.push({ topic: this.o.deadLetterTopic, messages: dead });
      if (outputs.length > 0) await this.o.producer.sendBatch({ topicMessages: outputs });
      payload.resolveOffset(due[due.length - 1]!.offset);
      await payload.commitOffsetsIfNecessary();
      await payload.heartbeat();
      this.o.onBatchDone?.({
        topic: batch.topic,
        records: due.length,
        seconds: (performance.now() - started) / 1000,
      });
    }

    if (firstNotDue !== -1) {
      // Pause this partition until its head record is due; fetching resumes from that record.
      const waitMs = dueAtOf(batch.messages[firstNotDue]!.headers) - (this.o.now ?? Date.now)();
      const resume = payload.pause();
      const timer = setTimeout(
        () => {
          this.timers.delete(timer);
          resume();
        },
        Math.max(1, waitMs),
      );
      this.timers.add(timer);
    }
  }
}
