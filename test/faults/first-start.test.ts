/**
 * Defect (issue 13.3): the all-in-one failed its first start on a fresh topic prefix: its services
 * registered the same subjects at once, the second writer of a subject's compatibility rule got
 * 409 "A rule named 'COMPATIBILITY' already exists", reported as "not BACKWARD compatible".
 * Topic bootstrap run by several processes at once must not fail either.
 */
import { describe, expect, it } from 'vitest';
import { bootstrapTopics, topicCatalog, topicNames } from '../../libs/kafka/index.ts';
import { SchemaRegistryClient, createSerdes, registerSerdes } from '../../libs/schema/index.ts';
import { registryUrl, testKafka, uniquePrefix } from '../support/stack.ts';

describe('first start on a fresh prefix', () => {
  it('six services registering the same subjects at once all succeed, with the same ids', async () => {
    const topics = topicNames(uniquePrefix('first-start'));
    const clients = Array.from({ length: 6 }, () => new SchemaRegistryClient(registryUrl));
    const serdes = clients.map((client) => createSerdes(client, topics));
    const outcomes = await Promise.allSettled(serdes.map((s) => registerSerdes(s)));
    expect(
      outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason)),
    ).toEqual([]);
    const schema = { type: 'record', name: 'Probe', fields: [{ name: 'a', type: 'string' }] };
    const ids = await Promise.all(clients.map((c) => c.register(schema, `${topics.qualifications}-probe`)));
    expect(new Set(ids).size).toBe(1);
  });

  it('four processes bootstrapping the same catalog at once all succeed and every topic has leaders', async () => {
    const prefix = uniquePrefix('first-boot');
    const catalog = topicCatalog(prefix, 3);
    const admins = Array.from({ length: 4 }, (_, i) => testKafka(`boot-${i}`).admin());
    await Promise.all(admins.map((a) => a.connect()));
    try {
      const created = await Promise.all(admins.map((admin) => bootstrapTopics(admin, catalog)));
      expect(new Set(created.flat())).toEqual(new Set(catalog.map((t) => t.name)));
      const { topics } = await admins[0]!.fetchTopicMetadata({ topics: catalog.map((t) => t.name) });
      expect(topics).toHaveLength(catalog.length);
      for (const t of topics) expect(t.partitions.every((p) => p.leader >= 0)).toBe(true);
    } finally {
      await Promise.all(admins.map((a) => a.disconnect()));
    }
  });
});
