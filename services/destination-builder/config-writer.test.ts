import { describe, expect, it } from 'vitest';
import type { Kafka } from '../../libs/kafka/index.ts';
import { createLogger } from '../../libs/runtime/logger.ts';
import { ConfigWriter } from './config-writer.ts';

const logger = createLogger('test', 'silent');

/** A Kafka whose transactional producers fail to initialise `failures` times (a broker killed). */
function flakyKafka(failures: number) {
  let attempts = 0;
  const kafka = {
    producer: () => ({
      connect: async () => {
        attempts += 1;
        if (attempts <= failures)
          throw Object.assign(new Error('Connection error: read ECONNRESET'), { retriable: true });
      },
      transaction: async () => ({ abort: async () => undefined }),
      disconnect: async () => undefined,
    }),
  } as unknown as Kafka;
  return { kafka, attempts: () => attempts };
}

describe('ConfigWriter start', () => {
  it('keeps trying while the broker is away during start-up (a broker killed as the builder starts)', async () => {
    const flaky = flakyKafka(3);
    const writer = new ConfigWriter({ kafka: flaky.kafka, transactionalId: 't', logger, connectRetryMs: 1 });
    await writer.start();
    expect(flaky.attempts()).toBe(4);
  });

  it('gives up after its deadline, with the broker error', async () => {
    const flaky = flakyKafka(Number.MAX_SAFE_INTEGER);
    const writer = new ConfigWriter({
      kafka: flaky.kafka,
      transactionalId: 't',
      logger,
      connectRetryMs: 1,
      startTimeoutMs: 30,
    });
    await expect(writer.start()).rejects.toThrow(
      'config producer could not connect: Connection error: read ECONNRESET',
    );
  });
});
