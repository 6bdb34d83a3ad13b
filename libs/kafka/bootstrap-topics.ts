/**
 * Creates missing topics of a catalog; existing topics are left as they are. Safe to run from
 * several processes at once (every service of the all-in-one, a compose bootstrap job):
 *   - TOPIC_ALREADY_EXISTS means another writer won: success;
 *   - retriable broker errors (UNKNOWN_TOPIC_OR_PARTITION while metadata propagates, a controller
 *     moving, a broker restarting) are retried with backoff;
 *   - it returns only once every topic of the catalog has a leader for every partition in the
 *     metadata, so the first produce or subscribe after it does not race the creation.
 * Replication factor: the given one, else min(3, brokers in the cluster) (1 on a single node).
 */
import type { Admin } from 'kafkajs';
import type { TopicSpec } from './topics.ts';

export interface BootstrapOptions {
  /** How long to keep retrying before giving up. */
  timeoutMs?: number;
}

export async function bootstrapTopics(
  admin: Admin,
  specs: TopicSpec[],
  replicationFactor?: number,
  options: BootstrapOptions = {},
): Promise<string[]> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  const created: string[] = [];
  for (let attempt = 0; ; attempt += 1) {
    try {
      const existing = new Set(await admin.listTopics());
      const missing = specs.filter((spec) => !existing.has(spec.name));
      if (missing.length > 0) {
        const factor = replicationFactor ?? Math.min(3, (await admin.describeCluster()).brokers.length);
        await admin
          .createTopics({
            waitForLeaders: true,
            topics: missing.map((spec) => ({
              topic: spec.name,
              numPartitions: spec.partitions,
              replicationFactor: factor,
              configEntries: Object.entries(spec.configs).map(([name, value]) => ({ name, value })),
            })),
          })
          .catch((error: unknown) => {
            if (!alreadyExists(error)) throw error;
          });
        created.push(...missing.map((spec) => spec.name).filter((name) => !created.includes(name)));
      }
      await waitForLeaders(admin, specs);
      return created;
    } catch (error) {
      if (Date.now() >= deadline || (error as { retriable?: boolean }).retriable === false) {
        if (!alreadyExists(error)) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 5000)));
    }
  }
}

async function waitForLeaders(admin: Admin, specs: TopicSpec[]): Promise<void> {
  const { topics } = await admin.fetchTopicMetadata({ topics: specs.map((s) => s.name) });
  const byName = new Map(topics.map((t) => [t.name, t]));
  for (const spec of specs) {
    const topic = byName.get(spec.name);
    if (!topic || topic.partitions.length === 0 || topic.partitions.some((p) => p.leader < 0)) {
      throw Object.assign(new Error(`topic ${spec.name} has no leader yet`), { retriable: true });
    }
  }
}

function alreadyExists(error: unknown): boolean {
  const e = error as { type?: string; errors?: { type?: string }[]; message?: string } | undefined;
  if (e?.type === 'TOPIC_ALREADY_EXISTS') return true;
  if (
    Array.isArray(e?.errors) &&
    e.errors.length > 0 &&
    e.errors.every((x) => x.type === 'TOPIC_ALREADY_EXISTS')
  )
    return true;
  return /already exists/i.test(String(e?.message ?? ''));
}
