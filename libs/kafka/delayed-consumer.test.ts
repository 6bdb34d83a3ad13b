/**
 * DelayedConsumer without a broker: a stand-in for the few kafkajs consumer calls it makes (run with
 * eachBatch, pause/resume, commitOffsets, heartbeat) drives batches through it, so the rules of the
 * loop are checked one by one: not-due records wait with the partition paused, a commit never
 * passes a chunk in flight, a failing chunk is retried and holds the commits back, backpressure,
 * garbage dead-lettered, stop() drains and commits. The same loop against real Kafka: the url
 * conformance, crash and isolation integration tests.
 */
import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../errors/index.ts';
import { createLogger } from '../runtime/logger.ts';
import type { DeadLetter } from '../schema/index.ts';
import { DelayedConsumer, type DelayedConsumerOptions, type DueRecord } from './delayed-consumer.ts';

const logger = createLogger('test', 'silent');
const encoder = { encode: (d: DeadLetter) => Buffer.from(JSON.stringify({ reason: d.reason })) };

function message(offset: number, value: string, dueAt?: number): KafkaMessage {
  return {
    offset: String(offset),
    key: null,
    value: Buffer.from(value),
    timestamp: '0',
    attributes: 0,
    headers: dueAt === undefined ? {} : { 'retry.due-at': String(dueAt) },
  };
}

/** What DelayedConsumer asks of a kafkajs consumer, recorded. */
class FakeConsumer {
  readonly events = { GROUP_JOIN: 'consumer.group_join' };
  readonly commits: { topic: string; partition: number; offset: string }[][] = [];
  readonly paused: string[] = [];
  eachBatch: ((payload: EachBatchPayload) => Promise<void>) | undefined;
  failCommits = false;
  on() {
    return () => undefined;
  }
  async subscribe() {}
  async run(config: { eachBatch: (payload: EachBatchPayload) => Promise<void> }) {
    this.eachBatch = config.eachBatch;
  }
  pause(topics: { topic: string }[]) {
    this.paused.push(...topics.map((t) => t.topic));
  }
  async commitOffsets(offsets: { topic: string; partition: number; offset: string }[]) {
    if (this.failCommits) throw new Error('coordinator not available');
    this.commits.push(offsets);
  }
  async disconnect() {}
  lastCommitted(topic: string, partition: number): string | undefined {
    for (const commit of [...this.commits].reverse()) {
      const found = commit.find((c) => c.topic === topic && c.partition === partition);
      if (found) return found.offset;
    }
    return undefined;
  }
}

/** Feeds one fetched batch; returns what the loop did with the payload. */
async function feed(consumer: FakeConsumer, topic: string, partition: number, messages: KafkaMessage[]) {
  const resolved: string[] = [];
  const state = { paused: false, resumed: false, heartbeats: 0 };
  await consumer.eachBatch!({
    batch: { topic, partition, messages } as EachBatchPayload['batch'],
    resolveOffset: (offset: string) => resolved.push(offset),
    heartbeat: async () => {
      state.heartbeats += 1;
    },
    pause: () => {
      state.paused = true;
      return () => {
        state.resumed = true;
      };
    },
    commitOffsetsIfNecessary: async () => undefined,
    uncommittedOffsets: () => ({ topics: [] }),
    isRunning: () => true,
    isStale: () => false,
  } as unknown as EachBatchPayload);
  return { resolved, state };
}

interface Harness {
  loop: DelayedConsumer<number>;
  consumer: FakeConsumer;
  produced: { topic: string; count: number }[];
  handled: number[][];
}

function harness(
  overrides: Partial<DelayedConsumerOptions<number>> = {},
  handle?: DelayedConsumerOptions<number>['handle'],
): Harness {
  const consumer = new FakeConsumer();
  const produced: Harness['produced'] = [];
  const handled: number[][] = [];
  const loop = new DelayedConsumer<number>({
    service: 'test',
    consumer: consumer as unknown as DelayedConsumerOptions<number>['consumer'],
    producer: {
      sendBatch: async ({ topicMessages }) => {
        for (const t of topicMessages) produced.push({ topic: t.topic, count: t.messages.length });
      },
    },
    topics: ['main', 'retry-1s'],
    decode: async (value) => {
      const text = value!.toString();
      if (text === 'garbage') throw new AppError('bad_magic_byte', 'not avro');
      return Number(text);
    },
    handle:
      handle ??
      (async (records: DueRecord<number>[], settled) => {
        handled.push(records.map((r) => r.value));
        settled(records.length);
        return [];
      }),
    deadLetterTopic: 'dead-letters',
    deadLetterEncoder: encoder,
    logger,
    partitionsConsumedConcurrently: 1,
    commitIntervalMs: 60_000,
    dueAt: (headers) => Number(headers?.['retry.due-at']?.toString() ?? 0),
    ...overrides,
  });
  return { loop, consumer, produced, handled };
}

async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('DelayedConsumer', () => {
  it('dispatches due records in chunks and commits the offset after the last done one', async () => {
    const h = harness({ chunkRecords: 2 });
    await h.loop.start();
    const { resolved } = await feed(
      h.consumer,
      'main',
      0,
      [0, 1, 2, 3, 4].map((o) => message(o, `${o}`)),
    );
    await settle();
    expect(h.handled).toEqual([[0, 1], [2, 3], [4]]);
    expect(resolved).toEqual(['1', '3', '4']);
    await h.loop.commit();
    expect(h.consumer.lastCommitted('main', 0)).toBe('5');
    await h.loop.stop();
  });

  it('pauses a partition at its first record not yet due and resumes it when that record is due', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const now = 1_000_000;
    const h = harness({ now: () => now });
    await h.loop.start();
    const { state, resolved } = await feed(h.consumer, 'retry-1s', 0, [
      message(10, '10', now - 5),
      message(11, '11', now + 5000),
      message(12, '12', now - 1),
    ]);
    await settle();
    // Record 10 is due; 11 is not, so it and everything behind it (12 too) wait with the partition.
    expect(h.handled).toEqual([[10]]);
    expect(resolved).toEqual(['10']);
    expect(state.paused).toBe(true);
    expect(state.resumed).toBe(false);
    await vi.advanceTimersByTimeAsync(4999);
    expect(state.resumed).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    expect(state.resumed).toBe(true);
    await h.loop.stop();
  });

  it('never commits past a chunk whose calls are still running, whatever finished after it', async () => {
    const releases: (() => void)[] = [];
    const h = harness({ chunkRecords: 2 }, async (records, settled) => {
      await new Promise<void>((resolve) => releases.push(resolve));
      settled(records.length);
      return [];
    });
    await h.loop.start();
    await feed(
      h.consumer,
      'main',
      1,
      [0, 1, 2, 3].map((o) => message(o, `${o}`)),
    );
    await settle();
    expect(releases).toHaveLength(2);
    releases[1]!(); // the second chunk (offsets 2-3) finishes first
    await settle();
    await h.loop.commit();
    expect(h.consumer.lastCommitted('main', 1)).toBeUndefined();
    releases[0]!();
    await settle();
    await h.loop.commit();
    expect(h.consumer.lastCommitted('main', 1)).toBe('4');
    await h.loop.stop();
  });

  it('retries a chunk whose outputs cannot be produced, and holds its partition back until they are', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    let failures = 2;
    const sendBatch = vi.fn(async () => {
      if (failures-- > 0) throw new Error('broker not available');
    });
    const h = harness({ producer: { sendBatch } }, async (records, settled) => {
      settled(records.length);
      return [{ topic: 'retry-1s', messages: records.map((r) => ({ key: null, value: r.raw })) }];
    });
    await h.loop.start();
    await feed(h.consumer, 'main', 0, [message(0, '0'), message(1, '1')]);
    await vi.advanceTimersByTimeAsync(0);
    await h.loop.commit();
    expect(h.consumer.lastCommitted('main', 0)).toBeUndefined();
    await vi.advanceTimersByTimeAsync(100 + 1000);
    // Two failed sends, then a third that succeeds: handled once, produced once, committed.
    expect(sendBatch).toHaveBeenCalledTimes(3);
    await h.loop.commit();
    expect(h.consumer.lastCommitted('main', 0)).toBe('2');
    await h.loop.stop();
  });

  it('dead-letters garbage and refused values beside the valid records of the same chunk', async () => {
    const reasons: string[] = [];
    const h = harness({
      validate: (value) => (value < 0 ? { reason: 'invalid_event', detail: 'negative' } : null),
      onDeadLetter: (reason) => reasons.push(reason),
    });
    await h.loop.start();
    await feed(h.consumer, 'main', 0, [
      message(0, '1'),
      message(1, 'garbage'),
      message(2, '-4'),
      message(3, '2'),
    ]);
    await settle();
    expect(h.handled).toEqual([[1, 2]]);
    expect(h.produced).toEqual([{ topic: 'dead-letters', count: 2 }]);
    expect(reasons.sort()).toEqual(['bad_magic_byte', 'invalid_event']);
    await h.loop.commit();
    expect(h.consumer.lastCommitted('main', 0)).toBe('4');
    await h.loop.stop();
  });

  it('stops fetching at maxPendingRecords, heartbeating, and goes on once calls settle', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const releases: (() => void)[] = [];
    const h = harness({ chunkRecords: 2, maxPendingRecords: 2 }, async (records, settled) => {
      await new Promise<void>((resolve) => releases.push(resolve));
      settled(records.length);
      return [];
    });
    await h.loop.start();
    const fed = feed(
      h.consumer,
      'main',
      0,
      [0, 1, 2, 3].map((o) => message(o, `${o}`)),
    );
    await vi.advanceTimersByTimeAsync(2500);
    expect(h.loop.pending).toBe(2);
    expect(releases).toHaveLength(1);
    releases[0]!();
    await vi.advanceTimersByTimeAsync(0);
    const { resolved, state } = await fed;
    expect(state.heartbeats).toBeGreaterThanOrEqual(2);
    expect(resolved).toEqual(['1', '3']);
    expect(releases).toHaveLength(2);
    releases[1]!();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.loop.pending).toBe(0);
    await h.loop.stop();
  });

  it('stop() waits for the chunks in flight, commits them, and pauses every topic', async () => {
    let release: (() => void) | undefined;
    const h = harness({}, async (records, settled) => {
      await new Promise<void>((resolve) => (release = resolve));
      settled(records.length);
      return [];
    });
    await h.loop.start();
    await feed(h.consumer, 'main', 2, [message(7, '7')]);
    await settle();
    const stopped = h.loop.stop();
    await settle();
    expect(h.consumer.paused).toEqual(['main', 'retry-1s']);
    release!();
    await stopped;
    expect(h.consumer.lastCommitted('main', 2)).toBe('8');
  });

  it('a failed commit is tried again at the next one, and nothing is lost meanwhile', async () => {
    const h = harness();
    await h.loop.start();
    await feed(h.consumer, 'main', 0, [message(0, '0')]);
    await settle();
    h.consumer.failCommits = true;
    await h.loop.commit();
    expect(h.consumer.lastCommitted('main', 0)).toBeUndefined();
    h.consumer.failCommits = false;
    await h.loop.commit();
    expect(h.consumer.lastCommitted('main', 0)).toBe('1');
    await h.loop.stop();
  });
});
