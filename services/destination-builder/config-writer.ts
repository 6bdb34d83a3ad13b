/**
 * The single writer of the builder's config topics (`destinations`, `data-sources`, `api-tokens`)
 * and of `destinations.audit`. Each write runs `decide` (catch up with the topic, check the version,
 * validate, build the records) and commits the records in one Kafka transaction, so a change and
 * its audit record are committed together or not at all.
 *
 * Concurrency (see README "Single writer"):
 *  - in this process, writes are serialized by a mutex: decide + commit never interleave;
 *  - across processes, every instance uses the same transactional.id. Initialising a producer
 *    bumps the epoch and fences every older producer with that id, so a commit succeeds only if no
 *    other instance initialised after this one did -- and this instance initialised before it
 *    caught up and checked the version. A fenced instance re-initialises (fencing the other) and
 *    re-runs decide from scratch, now seeing the other's committed write. Hence no two commits can
 *    both have checked against the same version: exactly one wins, the other gets 409.
 */
import { createProducer, type Kafka, type Producer, type TopicMessages } from '../../libs/kafka/index.ts';
import { AppError } from '../../libs/errors/index.ts';
import type { Logger } from '../../libs/runtime/logger.ts';
import { retryUntil } from './retry-until.ts';
import { Mutex } from './mutex.ts';

const MAX_ATTEMPTS = 4;

export interface WriterOptions {
  kafka: Kafka;
  transactionalId: string;
  logger: Logger;
  /** How long start() keeps trying while the brokers are away (then the process exits). */
  startTimeoutMs?: number;
  /** First pause between start attempts (doubling to 5 s). */
  connectRetryMs?: number;
}

export interface Decision<R> {
  messages: TopicMessages[];
  result: R;
}

export interface Written<R> {
  result: R;
  /** Offset of the first record written to each topic (`topic` -> offset). */
  offsets: Map<string, string>;
}

export class ConfigWriter {
  private producer: Producer | undefined;
  private readonly mutex = new Mutex();
  /** Commits and how many were re-run after this instance was fenced (for tests and metrics). */
  readonly stats = { commits: 0, fencedRetries: 0 };

  constructor(private readonly options: WriterOptions) {}

  private readonly stopping = new AbortController();

  /**
   * Opens the transactional producer. A broker killed while the builder starts (the coordinator
   * of its transactional id unreachable for a few seconds) is waited out, not a crash.
   */
  async start(): Promise<void> {
    await this.mutex.run(() =>
      retryUntil(() => this.connect(), {
        what: 'config producer start',
        logger: this.options.logger,
        deadlineMs: this.options.startTimeoutMs ?? 120_000,
        initialMs: this.options.connectRetryMs ?? 200,
        retriable: (error) => AppError.is(error) && error.retriable,
        signal: this.stopping.signal,
      }),
    );
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.mutex.run(async () => {
      await this.producer?.disconnect();
      this.producer = undefined;
    });
  }

  /**
   * Serialized decide-and-commit; decide may throw (404, 409, 422) to write nothing. `settle` runs
   * after the commit, still under the lock: it must wait until this instance's view has applied
   * the records, so the next decide (which catches up to the read-committed end) sees them.
   */
  write<R>(
    decide: () => Promise<Decision<R>>,
    settle: (offsets: Map<string, string>) => Promise<void>,
  ): Promise<Written<R>> {
    return this.mutex.run(async () => {
      for (let attempt = 1; ; attempt += 1) {
        let written: Written<R>;
        try {
          written = await this.attempt(decide);
        } catch (error) {
          if (AppError.is(error) && error.code !== 'kafka') throw error;
          if (attempt === MAX_ATTEMPTS) {
            throw new AppError('kafka', `config write failed ${attempt} times: ${(error as Error).message}`, {
              retriable: true,
              cause: error,
            });
          }
          // Fenced by another instance (or the producer broke): take over with a fresh epoch and
          // decide again against the then caught-up state.
          this.options.logger.warn(
            { err: error, attempt },
            'config write failed, re-initialising the transactional producer',
          );
          this.stats.fencedRetries += 1;
          await this.producer?.disconnect().catch(() => undefined);
          this.producer = undefined;
          continue;
        }
        if (written.offsets.size > 0) await settle(written.offsets);
        return written;
      }
    });
  }

  private async attempt<R>(decide: () => Promise<Decision<R>>): Promise<Written<R>> {
    if (this.producer === undefined) await this.connect();
    const { messages, result } = await decide();
    const offsets = new Map<string, string>();
    if (messages.length === 0) return { result, offsets };
    const transaction = await (this.producer as Producer).transaction();
    try {
      const metadata = await transaction.sendBatch({ topicMessages: messages });
      for (const record of metadata) {
        if (record.baseOffset !== undefined && !offsets.has(record.topicName))
          offsets.set(record.topicName, record.baseOffset);
      }
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      throw error;
    }
    this.stats.commits += 1;
    return { result, offsets };
  }

  private async connect(): Promise<void> {
    const producer = createProducer(this.options.kafka, { transactionalId: this.options.transactionalId });
    try {
      await producer.connect();
      // kafkajs initialises the transactional producer id lazily, on the first transaction(); do it
      // now, before any decide(): InitProducerId fences older producers with this id and returns
      // only once their transactions are complete (markers written), so the read-committed
      // catch-up that follows sees every write committed before this point.
      await (await producer.transaction()).abort();
    } catch (cause) {
      await producer.disconnect().catch(() => undefined);
      throw new AppError('kafka', `config producer could not connect: ${(cause as Error).message}`, {
        retriable: true,
        cause,
      });
    }
    this.producer = producer;
  }
}
