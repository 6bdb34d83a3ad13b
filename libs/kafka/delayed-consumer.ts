/**
 * The consume loop of url-delivery, over the main topic and its delay (retry) topics (beside the
 * other consume loops: consumer-runner.ts, stored-offset-consumer.ts; it speaks the kafkajs consumer).
 * Fetching and delivering overlap: a fetched batch is dispatched to the handler in chunks and the
 * loop fetches again at once, while the calls of earlier chunks are still running. So one slow call
 * never holds back the next fetch, and a record reaches its partner a fetch round trip after it was
 * produced instead of after the whole previous batch.
 *   records not yet due (`dueAt` in the future, url-delivery: header retry.due-at) are not dispatched: the partition is
 *   paused and resumed when the first of them is due, so nobody sleeps and other partitions keep
 *   flowing (main-topic records carry no due time and are always due);
 *   undecodable records, and decoded ones `validate` refuses, become dead letters with the reason
 *   and source coordinates;
 *   the handler delivers a chunk's records and returns what to produce (retries, dead letters);
 *   once those are produced the chunk is done, and every `commitIntervalMs` the offset after the
 *   longest run of done chunks of each partition is committed (PartitionProgress): at-least-once,
 *   a commit never passes a record still in flight.
 * Backpressure: at most `maxPendingRecords` records are dispatched and not done; the fetch loop
 * waits (heartbeating) when that many are. A chunk whose handling or producing throws is retried
 * after a growing pause and holds its partition's commits back until it succeeds (nothing lost).
 * After a crash, records handled but not committed are delivered again; X-Delivery-Id lets the
 * partner drop the duplicate. stop() stops fetching, waits up to `drainTimeoutMs` for the chunks in
 * flight, commits, then leaves the group.
 */
import type { Consumer, EachBatchPayload, IHeaders, KafkaMessage, Message, TopicMessages } from 'kafkajs';
import type { DeadLetterEncoder } from './dead-letter.ts';
import { decodeBatch } from './decode-batch.ts';
import type { BatchSender } from './output-producer.ts';
import type { Logger } from '../runtime/logger.ts';
import { PartitionProgress } from './partition-progress.ts';

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
  producer: BatchSender;
  topics: string[];
  decode(value: Buffer | null): Promise<T>;
  /** Returns a reason and detail when a decoded value is invalid for the domain: it is dead-lettered. */
  validate?(value: T): { reason: string; detail: string } | null;
  /**
   * Delivers the records and returns what to produce. `settled(n)` tells that n of them finished
   * their calls (their place in maxPendingRecords frees before the whole chunk is done).
   */
  handle(records: DueRecord<T>[], settled: (count: number) => void): Promise<TopicMessages[]>;
  deadLetterTopic: string;
  deadLetterEncoder: DeadLetterEncoder;
  logger: Logger;
  partitionsConsumedConcurrently: number;
  /** Records dispatched and not yet done, across partitions, before fetching waits. */
  maxPendingRecords?: number;
  /** Records per handler call. */
  chunkRecords?: number;
  /** How often the done offsets are committed. */
  commitIntervalMs?: number;
  /** How long stop() waits for the chunks in flight before leaving them to redelivery. */
  drainTimeoutMs?: number;
  /** A chunk (records dispatched together) is done: its calls ended and its outputs are produced. */
  onBatchDone?(stats: { topic: string; records: number; seconds: number }): void;
  onDeadLetter?(reason: string, topic: string): void;
  now?: () => number;
  /**
   * When a record is due (epoch ms; 0 or in the past = now). url-delivery reads its retry header
   * (retry.due-at); main-topic records carry none and are always due.
   */
  dueAt(headers: IHeaders | undefined): number;
}

const RETRY_PAUSES_MS = [100, 1000, 5000, 30_000];

const key = (topic: string, partition: number) => `${topic}|${partition}`;

export class DelayedConsumer<T> {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly progress = new Map<string, PartitionProgress>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly waiters: (() => void)[] = [];
  private pendingRecords = 0;
  private stopping = false;
  private commitTimer: NodeJS.Timeout | undefined;
  private committing: Promise<void> = Promise.resolve();
  private readonly maxPending: number;
  private readonly chunkRecords: number;

  constructor(private readonly o: DelayedConsumerOptions<T>) {
    this.maxPending = o.maxPendingRecords ?? 4000;
    this.chunkRecords = o.chunkRecords ?? 250;
    const { consumer } = o;
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      // Partitions given to another member: their in-flight chunks finish, but are not committed here.
      const assigned = new Set<string>();
      for (const [topic, partitions] of Object.entries(event.payload.memberAssignment))
        for (const partition of partitions) assigned.add(key(topic, partition));
      for (const k of this.progress.keys()) if (!assigned.has(k)) this.progress.delete(k);
    });
  }

  /**
   * Subscribes and runs; called again by the supervisor after a crash, when fetching restarts from
   * the committed offsets (chunks not committed are dispatched again: at-least-once).
   */
  async start(): Promise<void> {
    const { consumer } = this.o;
    this.progress.clear();
    await consumer.subscribe({ topics: this.o.topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.o.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.processBatch(payload),
    });
    this.commitTimer ??= setInterval(() => void this.commit(), this.o.commitIntervalMs ?? 500);
  }

  /** Records dispatched to the handler and not yet done. */
  get pending(): number {
    return this.pendingRecords;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.commitTimer);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const wake of this.waiters.splice(0)) wake();
    this.o.consumer.pause(this.o.topics.map((topic) => ({ topic })));
    const drained = Promise.allSettled([...this.inFlight]);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.o.drainTimeoutMs ?? 10_000);
    });
    if ((await Promise.race([drained, timeout])) === 'timeout')
      this.o.logger.warn(
        { pendingRecords: this.pendingRecords },
        'stopping with deliveries in flight; they will be delivered again',
      );
    clearTimeout(timer);
    await this.commit();
    await this.o.consumer.disconnect();
  }

  /** Commits, per partition, the offset after its longest run of done chunks (if it moved). */
  commit(): Promise<void> {
    this.committing = this.committing.then(async () => {
      const offsets: { topic: string; partition: number; offset: string; progress: PartitionProgress }[] = [];
      for (const [k, progress] of this.progress) {
        const offset = progress.toCommit();
        if (offset === null) continue;
        const at = k.lastIndexOf('|');
        offsets.push({ topic: k.slice(0, at), partition: Number(k.slice(at + 1)), offset, progress });
      }
      if (offsets.length === 0) return;
      try {
        await this.o.consumer.commitOffsets(
          offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset })),
        );
        for (const { progress, offset } of offsets) progress.markCommitted(offset);
      } catch (error) {
        this.o.logger.warn({ err: error }, 'offset commit failed; retried at the next interval');
      }
    });
    return this.committing;
  }

  private async processBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0 || !payload.isRunning() || payload.isStale() || this.stopping) return;
    const k = key(batch.topic, batch.partition);
    let progress = this.progress.get(k);
    if (!progress) {
      progress = new PartitionProgress();
      this.progress.set(k, progress);
    }
    const now = (this.o.now ?? Date.now)();
    const firstNotDue = batch.messages.findIndex((m) => this.o.dueAt(m.headers) > now);
    const due = firstNotDue === -1 ? batch.messages : batch.messages.slice(0, firstNotDue);

    let from = 0;
    while (from < due.length && progress.seen(due[from]!.offset)) from += 1;
    if (from > 0) payload.resolveOffset(due[from - 1]!.offset);
    for (let start = from; start < due.length; start += this.chunkRecords) {
      await this.capacity(payload);
      if (!payload.isRunning() || payload.isStale() || this.stopping) return;
      const chunk = due.slice(start, start + this.chunkRecords);
      const last = chunk[chunk.length - 1]!.offset;
      this.dispatch(batch.topic, batch.partition, chunk, progress.dispatch(last));
      payload.resolveOffset(last);
    }

    if (firstNotDue !== -1) {
      // Pause this partition until its head record is due; fetching resumes from that record.
      const waitMs = this.o.dueAt(batch.messages[firstNotDue]!.headers) - (this.o.now ?? Date.now)();
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

  /** Waits until fewer than maxPendingRecords records are in flight, heartbeating meanwhile. */
  private async capacity(payload: EachBatchPayload): Promise<void> {
    while (this.pendingRecords >= this.maxPending && !this.stopping) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        // A waiter whose timer fired leaves the list, so the next wake-up reaches a live one.
        const timer = setTimeout(() => {
          const at = this.waiters.indexOf(wake);
          if (at !== -1) this.waiters.splice(at, 1);
          resolve();
        }, 1000);
        this.waiters.push(wake);
      });
      await payload.heartbeat();
    }
  }

  private dispatch(topic: string, partition: number, messages: KafkaMessage[], done: () => void): void {
    const count = messages.length;
    this.pendingRecords += count;
    let settledCount = 0;
    const settled = (n: number) => {
      const freed = Math.min(n, count - settledCount);
      settledCount += freed;
      this.pendingRecords -= freed;
      // Wake the fetch loop once a whole chunk fits again, not on every record (it re-arms a timer).
      if (this.pendingRecords <= this.maxPending - this.chunkRecords) this.waiters.shift()?.();
    };
    const started = performance.now();
    const task = this.handleChunk(topic, partition, messages, settled).then((completed) => {
      this.inFlight.delete(task);
      this.pendingRecords -= count - settledCount;
      if (completed) {
        done();
        this.o.onBatchDone?.({ topic, records: count, seconds: (performance.now() - started) / 1000 });
      }
      this.waiters.shift()?.();
    });
    this.inFlight.add(task);
  }

  /**
   * Decodes, handles and produces the outputs of one chunk, retried after a pause until it succeeds
   * (true) or the consumer stops (false: not done, so not committed, so delivered again later).
   */
  private async handleChunk(
    topic: string,
    partition: number,
    messages: KafkaMessage[],
    settled: (count: number) => void,
  ): Promise<boolean> {
    let decoded: { valid: DueRecord<T>[]; dead: Message[] } | undefined;
    let outputs: TopicMessages[] | undefined;
    for (let attempt = 0; ; attempt += 1) {
      try {
        decoded ??= await this.decode(topic, partition, messages);
        if (!outputs) {
          const { valid, dead } = decoded;
          outputs = valid.length > 0 ? await this.o.handle(valid, settled) : [];
          if (dead.length > 0) outputs.push({ topic: this.o.deadLetterTopic, messages: dead });
        }
        if (outputs.length > 0) await this.o.producer.sendBatch({ topicMessages: outputs });
        return true;
      } catch (error) {
        if (this.stopping) return false;
        const pauseMs = RETRY_PAUSES_MS[Math.min(attempt, RETRY_PAUSES_MS.length - 1)]!;
        this.o.logger.error(
          { err: error, topic, partition, firstOffset: messages[0]!.offset, attempt: attempt + 1, pauseMs },
          outputs ? 'producing delivery outputs failed; retrying' : 'delivery handling failed; retrying',
        );
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    }
  }

  private decode(topic: string, partition: number, messages: KafkaMessage[]) {
    return decodeBatch(
      {
        service: this.o.service,
        topic,
        partition,
        decode: (value) => this.o.decode(value),
        validate: (value) => this.o.validate?.(value) ?? null,
        toRecord: (message, value): DueRecord<T> => ({
          topic,
          partition,
          offset: message.offset,
          key: message.key,
          raw: message.value as Buffer,
          value,
          headers: message.headers,
        }),
        deadLetterEncoder: this.o.deadLetterEncoder,
        onDeadLetter: (reason, t) => this.o.onDeadLetter?.(reason, t),
      },
      messages,
    );
  }
}
