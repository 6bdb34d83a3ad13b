/** Creates missing topics of a catalog; existing topics are left as they are. */
import type { Admin } from 'kafkajs';
import type { TopicSpec } from './topics.ts';

export async function bootstrapTopics(
  admin: Admin,
  specs: TopicSpec[],
  replicationFactor = 1,
): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !existing.has(spec.name));
  if (missing.length > 0) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((spec) => ({
        topic: spec.name,
        numPartitions: spec.partitions,
        replicationFactor,
        configEntries: Object.entries(spec.configs).map(([name, value]) => ({ name, value })),
      })),
    });
  }
  return missing.map((spec) => spec.name);
}
