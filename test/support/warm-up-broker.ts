/**
 * Loads the group and transaction coordinators of a fresh broker before any test runs. On a new
 * KRaft node, `__consumer_offsets` and `__transaction_state` are created on first use and answer
 * "coordinator loading / not available" for a while; services retry through it, but a test whose
 * setup happens to be the first user can spend its whole hook timeout there.
 */
import { createKafka, createProducer } from '../../libs/kafka/index.ts';
import { createLogger } from '../../libs/runtime/logger.ts';

export async function warmUpBroker(brokers: string[], timeoutMs = 90_000): Promise<void> {
  const kafka = createKafka({
    brokers,
    clientId: 'test-warm-up',
    logger: createLogger('test-warm-up', 'silent'),
  });
  const topic = '__segdest-test-warm-up';
  const deadline = Date.now() + timeoutMs;
  // Everything retries until the deadline: a restarted broker with many topics answers metadata
  // requests with "leadership election in progress" for a while.
  for (;;) {
    const admin = kafka.admin();
    const producer = createProducer(kafka, { transactionalId: 'segdest-test-warm-up' });
    const consumer = kafka.consumer({ groupId: 'segdest-test-warm-up', sessionTimeout: 10_000 });
    try {
      await admin.connect();
      // false (no error) when the topic already exists
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      await producer.connect();
      const transaction = await producer.transaction();
      await transaction.send({ topic, messages: [{ value: 'warm-up' }] });
      await transaction.commit();
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no warm-up record consumed')), 30_000);
        void consumer.run({
          eachMessage: async () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`broker warm-up failed: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      await Promise.allSettled([consumer.disconnect(), producer.disconnect(), admin.disconnect()]);
    }
  }
}
