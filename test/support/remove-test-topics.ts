/**
 * Deletes the topics that earlier test and benchmark runs left on a long-lived local broker: every
 * test makes its own `t-<label>-<id>.` topics and leaves them, and after a few thousand partitions
 * the broker dies of "Too many open files" (an open segment file per partition, against a
 * 20,000-descriptor limit here). Only on a broker at 127.0.0.1 / localhost: topics of a shared
 * cluster are never touched.
 */
import { createKafka } from '../../libs/kafka/index.ts';
import { createLogger } from '../../libs/runtime/logger.ts';

const LOCAL = /^(127\.0\.0\.1|localhost|\[::1\]):\d+$/;

export async function removeTestTopics(brokers: string[]): Promise<number> {
  if (!brokers.every((broker) => LOCAL.test(broker))) return 0;
  const kafka = createKafka({
    brokers,
    clientId: 'test-cleanup',
    logger: createLogger('test-cleanup', 'silent'),
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith('t-'));
    for (let i = 0; i < topics.length; i += 500)
      await admin.deleteTopics({ topics: topics.slice(i, i + 500), timeout: 120_000 });
    return topics.length;
  } finally {
    await admin.disconnect();
  }
}
