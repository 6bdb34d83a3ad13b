import { afterAll, describe, expect, it } from 'vitest';
import { LiveConfig } from '../../libs/destinations/live-config.ts';
import { createProducer, type Producer } from '../../libs/kafka/index.ts';
import { testEnvironment, testLogger, waitFor, type TestEnvironment } from '../support/stack.ts';
import { urlDestination } from '../support/destinations.ts';

describe('LiveConfig: the data plane view of the destinations topic', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function setup(
    transactional: boolean,
  ): Promise<{ env: TestEnvironment; producer: Producer; live: LiveConfig }> {
    const env = await testEnvironment(transactional ? 'livecfg-tx' : 'livecfg');
    const producer = createProducer(
      env.kafka,
      transactional ? { transactionalId: `${env.prefix}writer` } : {},
    );
    await producer.connect();
    cleanups.push(() => producer.disconnect());
    // State written before the reader starts must be there when start() resolves.
    await write(
      producer,
      env,
      transactional,
      '1',
      env.serdes.destinationConfig.encode(urlDestination(1, [10, 11])),
    );
    const live = new LiveConfig({
      kafka: env.kafka,
      topic: env.topics.destinations,
      serde: env.serdes.destinationConfig,
      logger: testLogger,
      service: 'test',
    });
    cleanups.push(() => live.stop());
    await live.start();
    return { env, producer, live };
  }

  async function write(
    producer: Producer,
    env: TestEnvironment,
    tx: boolean,
    key: string,
    value: Buffer | null,
  ) {
    const record = { topic: env.topics.destinations, messages: [{ key, value }] };
    if (!tx) return producer.send(record);
    const transaction = await producer.transaction();
    await transaction.send(record);
    await transaction.commit();
  }

  it.each([false, true])(
    'sees a create, an update and a delete, and reads its writes (transactional writer: %s)',
    async (tx) => {
      const { env, producer, live } = await setup(tx);
      expect(live.ready).toBe(true);
      expect(live.destination(1)?.name).toBe('url-1');
      expect(live.mappingsForSegment(10).map((m) => m.destinationId)).toEqual([1]);

      const latencies: number[] = [];
      const timed = async (value: Buffer | null, key: string, done: () => boolean) => {
        const started = performance.now();
        await write(producer, env, tx, key, value);
        await waitFor(done, { timeoutMs: 10_000, intervalMs: 1, message: 'the change to be visible' });
        latencies.push(performance.now() - started);
      };
      await timed(
        env.serdes.destinationConfig.encode(urlDestination(2, [11, 12])),
        '2',
        () => live.destination(2) !== undefined,
      );
      expect(
        live
          .mappingsForSegment(11)
          .map((m) => m.destinationId)
          .sort(),
      ).toEqual([1, 2]);
      await timed(
        env.serdes.destinationConfig.encode(urlDestination(2, [13], { version: 2 })),
        '2',
        () => live.destination(2)?.version === 2,
      );
      expect(live.mappingsForSegment(12)).toEqual([]);
      expect(live.mappingsForSegment(13).map((m) => m.destinationId)).toEqual([2]);
      await timed(null, '2', () => live.destination(2) === undefined);
      expect(live.mappingsForSegment(13)).toEqual([]);
      testLogger.info({ latencies, tx }, 'live config propagation (ms)');

      // Read-your-writes: after waitUntilCaughtUp, a write made before the call is applied.
      await write(producer, env, tx, '3', env.serdes.destinationConfig.encode(urlDestination(3, [30])));
      await live.waitUntilCaughtUp(5000);
      expect(live.destination(3)?.id).toBe(3);
    },
  );
});
