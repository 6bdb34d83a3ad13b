/**
 * Reads a whole topic from the beginning and keeps following it, like Kafka Connect's
 * KafkaBasedLog for its config topic: every instance of a service replays the log into memory.
 * It knows its exact position per partition (control records of transactions included), so
 * `waitUntilCaughtUp()` can implement read-your-writes: fetch the end offsets now, wait until
 * everything before them has been applied.
 *
 * Uses a consumer group unique to this reader instance (nothing is committed): every instance gets
 * every partition.
 */
import { randomUUID } from 'node:crypto';
import type { Admin, Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { AppError } from '../errors/index.ts';
import type { Logger } from '../runtime/logger.ts';

export interface TopicReaderOptions {
  kafka: Kafka;
  topic: string;
  /** Names the reader's private consumer group, e.g. `router-config`. */
  name: string;
  logger: Logger;
  /** Applies one record in log order; a throw is logged and the record skipped (never stops the reader). */
  apply(message: KafkaMessage, partition: number): Promise<void> | void;
}

export class TopicReader {
  private consumer: Consumer | undefined;
  private admin: Admin | undefined;
  private readonly positions = new Map<number, bigint>();
  private readonly waiters = new Set<() => void>();
  private caughtUp = false;

  constructor(private readonly options: TopicReaderOptions) {}

  get ready(): boolean {
    return this.caughtUp;
  }

  /** Starts following the topic; resolves once everything written before the call is applied. */
  async start(timeoutMs = 60_000): Promise<void> {
    const o = this.options;
    const consumer = o.kafka.consumer({
      groupId: `${o.name}-${randomUUID()}`,
      maxWaitTimeInMs: 100,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      readUncommitted: false,
    });
    this.consumer = consumer;
    this.admin = o.kafka.admin();
    await this.admin.connect();
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      // Batches without records are skipped: kafkajs reports their lastOffset as high watermark - 1,
      // and under read_committed the high watermark already covers records of a transaction not yet
      // committed, so trusting it would claim them applied (read-your-writes broken). A batch of
      // only a commit marker has a first offset and does advance.
      if (payload.topic === o.topic && payload.lastOffset !== undefined && payload.firstOffset !== null)
        this.advance(payload.partition, payload.lastOffset);
    });
    await consumer.connect();
    await consumer.subscribe({ topic: o.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          try {
            await o.apply(message, batch.partition);
          } catch (error) {
            o.logger.error(
              { err: error, topic: o.topic, offset: message.offset },
              'record could not be applied, skipped',
            );
          }
        }
        this.advance(batch.partition, batch.lastOffset());
      },
    });
    await this.waitUntilCaughtUp(timeoutMs);
    this.caughtUp = true;
  }

  /** Waits until every record written before this call has been applied (read-your-writes). */
  async waitUntilCaughtUp(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let targets = await this.endOffsets().catch(() => null);
    // No partition listed (metadata not settled, e.g. just after a broker restart) would read as
    // "nothing to wait for" and break read-your-writes: ask again until the topic shows its end.
    while (targets === null) {
      if (Date.now() > deadline) {
        throw new AppError('kafka', `${this.options.topic}: end offsets unknown after ${timeoutMs} ms`, {
          retriable: true,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      targets = await this.endOffsets().catch(() => null);
    }
    const ends = targets;
    const reached = () => [...ends].every(([partition, end]) => (this.positions.get(partition) ?? 0n) >= end);
    if (reached()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => {
          this.waiters.delete(check);
          reject(
            new AppError('kafka', `${this.options.topic}: not caught up after ${timeoutMs} ms`, {
              retriable: true,
            }),
          );
        },
        Math.max(1, deadline - Date.now()),
      );
      const check = () => {
        if (!reached()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    await this.admin?.disconnect();
    this.consumer = undefined;
    this.admin = undefined;
    this.caughtUp = false;
  }

  private advance(partition: number, lastOffset: string): void {
    const next = BigInt(lastOffset) + 1n;
    if (next > (this.positions.get(partition) ?? 0n)) this.positions.set(partition, next);
    for (const waiter of [...this.waiters]) waiter();
  }

  private async endOffsets(): Promise<Map<number, bigint>> {
    if (!this.admin) throw new AppError('internal', `${this.options.topic}: reader not started`);
    const offsets = await this.admin.fetchTopicOffsets(this.options.topic);
    if (offsets.length === 0 || offsets.some((o) => BigInt(o.high) < 0n)) {
      throw new AppError('kafka', `${this.options.topic}: no end offsets yet`, { retriable: true });
    }
    return new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
  }
}
