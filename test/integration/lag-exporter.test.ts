/**
 * Lag against the real broker: records with known timestamps, offsets committed part way, then
 * lag in messages must be exact and lag in seconds the true age of the first unconsumed record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin, Kafka } from '../../libs/kafka/index.ts';
import { LagReader, type LagSnapshot } from '../../libs/kafka/index.ts';
import { collectLag } from '../../services/lag-exporter/collect-lag.ts';
import { createMetrics, parseExposition, sampleValue } from '../../libs/metrics/index.ts';
import { lagExporterConfigSchema } from '../../services/lag-exporter/config.ts';
import { startLagExporter } from '../../services/lag-exporter/start-lag-exporter.ts';
import { loadConfig } from '../../libs/config/index.ts';
import { brokers, testKafka, testLogger, uniquePrefix, waitFor } from '../support/stack.ts';

const TOLERANCE_SECONDS = 2;

let kafka: Kafka;
let admin: Admin;

beforeAll(async () => {
  kafka = testKafka('lag-exporter');
  admin = kafka.admin();
  await admin.connect();
});

afterAll(async () => {
  await admin.disconnect();
});

/** Creates a topic and writes `counts[p]` records to partition p, record i aged `ages(p, i)` seconds. */
async function seed(
  topic: string,
  counts: number[],
  ageSeconds: (partition: number, index: number) => number,
) {
  await admin.createTopics({ topics: [{ topic, numPartitions: counts.length }], waitForLeaders: true });
  const producer = kafka.producer();
  await producer.connect();
  const now = Date.now();
  const timestamps = counts.map((count, partition) =>
    Array.from({ length: count }, (_, i) => now - ageSeconds(partition, i) * 1000),
  );
  await producer.sendBatch({
    topicMessages: [
      {
        topic,
        messages: timestamps.flatMap((list, partition) =>
          list.map((ts, i) => ({ partition, value: `r${i}`, timestamp: String(ts) })),
        ),
      },
    ],
  });
  await producer.disconnect();
  return timestamps;
}

const commit = (groupId: string, topic: string, offsets: number[]) =>
  admin.setOffsets({
    groupId,
    topic,
    partitions: offsets.map((offset, partition) => ({ partition, offset: String(offset) })),
  });

const partitionOf = (snapshot: LagSnapshot, group: string, topic: string, partition: number) =>
  snapshot.groups
    .find((g) => g.group === group)
    ?.partitions.find((p) => p.topic === topic && p.partition === partition);

describe('lag reader', () => {
  it('reports exact lag in messages and the age of the first unconsumed record in seconds', async () => {
    const prefix = uniquePrefix('lag');
    const topic = `${prefix}events`;
    const group = `${prefix}group`;
    // partition 0: 10 records aged 100 s .. 91 s; partition 1: 5 records aged 50 s .. 46 s
    const timestamps = await seed(topic, [10, 5], (p, i) => (p === 0 ? 100 - i : 50 - i));
    await commit(group, topic, [4, 0]);
    const reader = new LagReader({ kafka, logger: testLogger, groups: [group] });
    try {
      const snapshot = await reader.read();
      const p0 = partitionOf(snapshot, group, topic, 0);
      const p1 = partitionOf(snapshot, group, topic, 1);
      expect(p0).toMatchObject({ committedOffset: 4, logEndOffset: 10, lagMessages: 6 });
      expect(p1).toMatchObject({ committedOffset: 0, logEndOffset: 5, lagMessages: 5 });
      const trueAge = (ts: number) => (snapshot.readAt - ts) / 1000;
      expect(Math.abs((p0?.lagSeconds ?? -1) - trueAge(timestamps[0]?.[4] ?? 0))).toBeLessThan(
        TOLERANCE_SECONDS,
      );
      expect(Math.abs((p1?.lagSeconds ?? -1) - trueAge(timestamps[1]?.[0] ?? 0))).toBeLessThan(
        TOLERANCE_SECONDS,
      );
      expect(p0?.lagSeconds).toBeGreaterThan(90);
      expect(snapshot.groups[0]).toMatchObject({ group, state: 'Empty', members: 0 });
      expect(snapshot.errors).toEqual([]);

      // Caught up on partition 1, further along on partition 0: a new read follows the commits.
      await commit(group, topic, [9, 5]);
      const later = await new LagReader({ kafka, logger: testLogger, groups: [group] }).read();
      expect(partitionOf(later, group, topic, 0)?.lagMessages).toBe(1);
      expect(
        Math.abs((partitionOf(later, group, topic, 0)?.lagSeconds ?? -1) - trueAge(timestamps[0]?.[9] ?? 0)),
      ).toBeLessThan(TOLERANCE_SECONDS + (later.readAt - snapshot.readAt) / 1000);
      expect(partitionOf(later, group, topic, 1)).toMatchObject({ lagMessages: 0, lagSeconds: 0 });
    } finally {
      await reader.close();
    }
  });

  it('gives 0 messages and 0 seconds for a running consumer that caught up, with state and members', async () => {
    const prefix = uniquePrefix('lag-live');
    const topic = `${prefix}events`;
    const group = `${prefix}group`;
    await seed(topic, [3, 3], () => 30);
    const consumer = kafka.consumer({ groupId: group, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async () => undefined, autoCommitInterval: 50 });
    const reader = new LagReader({ kafka, logger: testLogger, groups: [group], cacheTtlMs: 0 });
    try {
      const snapshot = await waitFor(
        async () => {
          const s = await reader.read();
          const g = s.groups[0];
          return g?.state === 'Stable' &&
            g.partitions.length === 2 &&
            g.partitions.every((p) => p.lagMessages === 0)
            ? s
            : undefined;
        },
        { message: 'consumer caught up' },
      );
      expect(snapshot.groups[0]?.members).toBe(1);
      for (const p of snapshot.groups[0]?.partitions ?? [])
        expect(p).toMatchObject({ lagMessages: 0, lagSeconds: 0, committedOffset: 3 });
    } finally {
      await consumer.disconnect();
      await reader.close();
    }
  });

  it('keeps scraping when a group or a topic is deleted', async () => {
    const prefix = uniquePrefix('lag-gone');
    const kept = `${prefix}kept`;
    const doomed = `${prefix}doomed`;
    const keptGroup = `${prefix}kept-group`;
    const doomedGroup = `${prefix}doomed-group`;
    await seed(kept, [4], () => 20);
    await seed(doomed, [4], () => 20);
    await commit(keptGroup, kept, [1]);
    await commit(keptGroup, doomed, [1]);
    await commit(doomedGroup, kept, [2]);
    const reader = new LagReader({
      kafka,
      logger: testLogger,
      groups: [keptGroup, doomedGroup],
      cacheTtlMs: 0,
    });
    const registry = createMetrics('lag-exporter');
    collectLag(registry, reader, testLogger);
    try {
      const before = parseExposition(await registry.metrics());
      expect(
        sampleValue(before, 'segdest_consumer_group_lag_messages', { group: keptGroup, topic: doomed }),
      ).toBe(3);
      expect(
        sampleValue(before, 'segdest_consumer_group_lag_messages', { group: doomedGroup, topic: kept }),
      ).toBe(2);

      await admin.deleteTopics({ topics: [doomed] });
      await admin.deleteGroups([doomedGroup]);
      const after = await waitFor(
        async () => {
          const samples = parseExposition(await registry.metrics());
          return sampleValue(samples, 'segdest_consumer_group_state', {
            group: doomedGroup,
            state: 'Dead',
          }) === 1 &&
            sampleValue(samples, 'segdest_consumer_group_lag_messages', {
              group: keptGroup,
              topic: doomed,
            }) === undefined
            ? samples
            : undefined;
        },
        { message: 'deleted topic and group reflected' },
      );
      expect(
        sampleValue(after, 'segdest_consumer_group_lag_messages', { group: keptGroup, topic: kept }),
      ).toBe(3);
      expect(
        sampleValue(after, 'segdest_consumer_group_lag_seconds', { group: keptGroup, topic: kept }),
      ).toBeGreaterThan(15);
      expect(
        sampleValue(after, 'segdest_consumer_group_lag_messages', { group: doomedGroup }),
      ).toBeUndefined();
      expect(sampleValue(after, 'segdest_consumer_group_members', { group: doomedGroup })).toBe(0);
      expect(
        sampleValue(after, 'segdest_lag_read_errors_total', { reason: 'group_missing' }),
      ).toBeGreaterThan(0);
    } finally {
      await reader.close();
    }
  });

  it('scrapes many partitions fast, and a cached scrape costs almost nothing', async () => {
    const prefix = uniquePrefix('lag-many');
    const partitions = 300;
    const topics = [`${prefix}a`, `${prefix}b`];
    const groups = [`${prefix}g1`, `${prefix}g2`];
    // The first unconsumed record is the second of each partition (committed offset 1).
    const firstUnconsumed = new Map<string, number>();
    for (const topic of topics) {
      const timestamps = await seed(
        topic,
        Array.from({ length: partitions }, () => 2),
        () => 60,
      );
      timestamps.forEach((list, partition) => firstUnconsumed.set(`${topic}/${partition}`, list[1] ?? 0));
    }
    // setOffsets joins the group (seconds each): groups in parallel, topics of a group in turn.
    await Promise.all(
      groups.map(async (group) => {
        for (const topic of topics)
          await commit(
            group,
            topic,
            Array.from({ length: partitions }, () => 1),
          );
      }),
    );
    const reader = new LagReader({ kafka, logger: testLogger, groups, cacheTtlMs: 60_000 });
    const registry = createMetrics('lag-exporter');
    collectLag(registry, reader, testLogger);
    try {
      let started = performance.now();
      const samples = parseExposition(await registry.metrics());
      const coldMs = performance.now() - started;
      const series = samples.filter((s) => s.name === 'segdest_consumer_group_lag_seconds');
      expect(series).toHaveLength(partitions * topics.length * groups.length);
      const readAt = reader.lastSnapshot?.readAt ?? 0;
      for (const s of series) {
        const ts = firstUnconsumed.get(`${s.labels.topic}/${s.labels.partition}`) ?? 0;
        expect(Math.abs(s.value - (readAt - ts) / 1000)).toBeLessThan(TOLERANCE_SECONDS);
      }
      started = performance.now();
      await registry.metrics();
      const cachedMs = performance.now() - started;
      testLogger.warn(
        { partitions: partitions * topics.length, groups: groups.length, coldMs, cachedMs },
        'lag scrape timing',
      );
    } finally {
      await reader.close();
    }
  });
});

describe('lag-exporter service', () => {
  it('serves /metrics, /healthz and /readyz', async () => {
    const prefix = uniquePrefix('lag-svc');
    const topic = `${prefix}events`;
    const group = `${prefix}group`;
    await seed(topic, [5], () => 10);
    await commit(group, topic, [2]);
    const config = loadConfig(lagExporterConfigSchema, {
      KAFKA_BROKERS: brokers.join(','),
      CONSUMER_GROUPS: 'unused-group',
      CONSUMER_GROUP_PREFIX: prefix,
      HTTP_PORT: '0',
      LOG_LEVEL: 'warn',
    });
    const exporter = await startLagExporter(config, { logger: testLogger });
    try {
      expect((await exporter.app.inject('/healthz')).statusCode).toBe(200);
      expect((await exporter.app.inject('/readyz')).statusCode).toBe(200);
      const response = await exporter.app.inject('/metrics');
      const samples = parseExposition(response.body);
      expect(
        sampleValue(samples, 'segdest_consumer_group_lag_messages', {
          group,
          topic,
          partition: '0',
          service: 'lag-exporter',
        }),
      ).toBe(3);
      expect(
        sampleValue(samples, 'segdest_consumer_group_state', { group: 'unused-group', state: 'Dead' }),
      ).toBe(1);
      expect(sampleValue(samples, 'process_cpu_user_seconds_total')).toBeDefined();
    } finally {
      await exporter.stop();
    }
  });
});
