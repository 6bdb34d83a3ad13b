import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createMetrics } from '../metrics/index.ts';
import { createLogger } from '../runtime/logger.ts';
import { SupervisedConsumer } from './supervised-consumer.ts';

/** Just enough of a kafkajs consumer to drive its instrumentation events by hand. */
function fakeKafka(connectFailures = 0) {
  const emitter = new EventEmitter();
  let failures = connectFailures;
  const consumer = {
    events: { GROUP_JOIN: 'consumer.group_join', CRASH: 'consumer.crash' },
    on: (name: string, listener: (event: unknown) => void) => {
      emitter.on(name, listener);
      return () => emitter.off(name, listener);
    },
    connect: vi.fn(async () => {
      if (failures > 0) {
        failures -= 1;
        throw new Error('broker down');
      }
    }),
    disconnect: vi.fn(async () => undefined),
  };
  const config: unknown[] = [];
  const kafka = {
    consumer: (c: unknown) => {
      config.push(c);
      return consumer;
    },
  };
  return {
    kafka: kafka as never,
    consumer,
    config,
    join: () => emitter.emit('consumer.group_join', { payload: { memberAssignment: {} } }),
    crash: (restart: boolean) =>
      emitter.emit('consumer.crash', {
        payload: { error: new Error('Cannot call x in state ABORTING'), restart },
      }),
  };
}

const logger = createLogger('test', 'silent');

async function until(condition: () => boolean) {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
}

describe('SupervisedConsumer', () => {
  it('derives the heartbeat from the session, once', () => {
    const fake = fakeKafka();
    new SupervisedConsumer({
      kafka: fake.kafka,
      registry: createMetrics('t'),
      logger,
      settings: { groupId: 'g', sessionTimeoutMs: 10_000 },
    });
    expect(fake.config[0]).toMatchObject({ groupId: 'g', sessionTimeout: 10_000, heartbeatInterval: 2000 });
  });

  it('restarts a consumer that kafkajs stopped, and is not live until it rejoins', async () => {
    const fake = fakeKafka();
    const registry = createMetrics('t');
    const run = vi.fn(async () => undefined);
    const s = new SupervisedConsumer({
      kafka: fake.kafka,
      registry,
      logger,
      settings: { groupId: 'g' },
      restartDelaysMs: [1],
    });
    await s.start(run);
    fake.join();
    expect(s.ready() && s.live()).toBe(true);
    fake.crash(false);
    expect(s.live()).toBe(false);
    expect(s.ready()).toBe(false);
    await until(() => run.mock.calls.length === 2);
    fake.join();
    expect(s.live() && s.ready()).toBe(true);
    const restarts = await registry.getSingleMetric('segdest_kafka_consumer_restarts_total')!.get();
    expect(restarts.values[0]!.value).toBe(1);
  });

  it('leaves a retriable crash to kafkajs (no second run) but reports it down meanwhile', async () => {
    const fake = fakeKafka();
    const run = vi.fn(async () => undefined);
    const s = new SupervisedConsumer({
      kafka: fake.kafka,
      registry: createMetrics('t'),
      logger,
      settings: { groupId: 'g' },
      restartDelaysMs: [1],
    });
    await s.start(run);
    fake.join();
    fake.crash(true);
    expect(s.live()).toBe(false);
    await new Promise((r) => setTimeout(r, 30));
    expect(run).toHaveBeenCalledTimes(1);
    fake.join();
    expect(s.live()).toBe(true);
  });

  it('gives up after maxRestarts failed restarts, so that the process is restarted', async () => {
    const fake = fakeKafka(10);
    const onGiveUp = vi.fn();
    const s = new SupervisedConsumer({
      kafka: fake.kafka,
      registry: createMetrics('t'),
      logger,
      settings: { groupId: 'g' },
      restartDelaysMs: [1],
      maxRestarts: 3,
      onGiveUp,
    });
    await s.start(async () => undefined).catch(() => undefined);
    fake.crash(false);
    await until(() => onGiveUp.mock.calls.length === 1);
    expect(s.state).toBe('failed');
    expect(s.live()).toBe(false);
    expect(fake.consumer.connect.mock.calls.length).toBe(1 + 3);
  });

  it('stops supervising on stop(): a crash after it starts nothing', async () => {
    const fake = fakeKafka();
    const run = vi.fn(async () => undefined);
    const s = new SupervisedConsumer({
      kafka: fake.kafka,
      registry: createMetrics('t'),
      logger,
      settings: { groupId: 'g' },
      restartDelaysMs: [1],
    });
    await s.start(run);
    await s.stop();
    fake.crash(false);
    await new Promise((r) => setTimeout(r, 30));
    expect(run).toHaveBeenCalledTimes(1);
  });
});
