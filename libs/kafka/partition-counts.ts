/** The partition count of each topic, in the order asked (topic metadata, read once). */
import type { Kafka } from 'kafkajs';

export async function partitionCounts(kafka: Kafka, topics: string[]): Promise<number[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
    const byName = new Map(metadata.map((t) => [t.name, t.partitions.length]));
    return topics.map((name) => byName.get(name) ?? 0);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
