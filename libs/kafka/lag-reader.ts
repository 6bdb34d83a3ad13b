/**
 * Consumer lag of the product's groups, read from the cluster (like Burrow / kafka_exporter) plus
 * the exact lag in seconds: the age of the first record each group has not consumed yet, read at
 * the committed offset (like klag-exporter; kafka-lag-exporter interpolated it instead).
 *
 * One read: list/describe groups -> committed offsets per group -> log end offsets per topic (each
 * topic once, bounded concurrency) -> record timestamps for lagging partitions (one Fetch per leader;
 * cached per committed offset, since the record at an offset never changes). Results are cached for
 * `cacheTtlMs` and concurrent callers share one read, so scrapes stay cheap. Each read uses its own short-lived admin
 * and fetch connections. A deleted group reports
 * state Dead with no partitions; a deleted topic is skipped; both count as errors, never throw.
 */
import type { Admin, Kafka } from 'kafkajs';
import type { Logger } from '../runtime/logger.ts';
import { mapWithConcurrency } from './map-with-concurrency.ts';
import { partitionLag, type PartitionLag } from './partition-lag.ts';
import {
  partitionKey,
  RecordTimestampReader,
  type OffsetRequest,
  type TimestampResult,
} from './record-timestamp-reader.ts';

export interface LagReaderOptions {
  kafka: Kafka;
  logger: Logger;
  /** Group ids read every time (reported as Dead when they do not exist). */
  groups?: string[];
  /** Also read every consumer group whose id starts with this prefix ('' = none). */
  groupPrefix?: string;
  cacheTtlMs?: number;
  /** Admin requests in flight at once. */
  concurrency?: number;
  now?: () => number;
}

export interface GroupLag {
  group: string;
  state: string;
  members: number;
  partitions: PartitionLag[];
}

export interface LagReadError {
  reason: 'group_missing' | 'topic_missing' | 'timestamp_unavailable' | 'cluster';
  group?: string;
  topic?: string;
  detail?: string;
}

export interface LagSnapshot {
  readAt: number;
  durationSeconds: number;
  groups: GroupLag[];
  errors: LagReadError[];
}

interface Committed {
  group: string;
  topic: string;
  partition: number;
  offset: string;
}

export class LagReader {
  private cached: LagSnapshot | undefined;
  private inFlight: Promise<LagSnapshot> | undefined;
  /** Record timestamps by topic/partition/offset: a record never changes, so these stay valid. */
  private readonly timestamps = new Map<string, TimestampResult>();
  /** Results of this read only ('none' or errors: the next read asks again). */
  private readonly transient = new Map<string, TimestampResult>();
  private readonly recordReader: RecordTimestampReader;

  constructor(private readonly options: LagReaderOptions) {
    this.recordReader = new RecordTimestampReader({ kafka: options.kafka });
  }

  /** The last snapshot if younger than the TTL, else a fresh read shared by concurrent callers. */
  async read(): Promise<LagSnapshot> {
    const now = this.now();
    if (this.cached && now - this.cached.readAt < (this.options.cacheTtlMs ?? 5_000)) return this.cached;
    this.inFlight ??= this.readNow().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  get lastSnapshot(): LagSnapshot | undefined {
    return this.cached;
  }

  async close(): Promise<void> {
    await this.inFlight?.catch(() => undefined);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private async readNow(): Promise<LagSnapshot> {
    const started = this.now();
    const errors: LagReadError[] = [];
    // A fresh admin per read: kafkajs keeps every topic it ever asked about in its metadata
    // requests, so a long-lived admin fails on all topics once one of them is deleted.
    const admin = this.options.kafka.admin();
    try {
      await admin.connect();
      const groups = await this.readGroups(admin, errors);
      const snapshot = { readAt: this.now(), durationSeconds: (this.now() - started) / 1000, groups, errors };
      this.cached = snapshot;
      return snapshot;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  private async groupIds(admin: Admin): Promise<string[]> {
    const ids = new Set(this.options.groups ?? []);
    const prefix = this.options.groupPrefix ?? '';
    if (prefix !== '') {
      const { groups } = await admin.listGroups();
      for (const g of groups)
        if (g.groupId.startsWith(prefix) && g.protocolType === 'consumer') ids.add(g.groupId);
    }
    return [...ids].sort();
  }

  private async readGroups(admin: Admin, errors: LagReadError[]): Promise<GroupLag[]> {
    const concurrency = this.options.concurrency ?? 8;
    const ids = await this.groupIds(admin);
    if (ids.length === 0) return [];
    const [described, existingTopics] = await Promise.all([admin.describeGroups(ids), admin.listTopics()]);
    const topics = new Set(existingTopics);
    const byId = new Map(described.groups.map((g) => [g.groupId, g]));

    const committedPerGroup = await mapWithConcurrency(
      ids,
      concurrency,
      async (group): Promise<Committed[]> => {
        const state = byId.get(group)?.state ?? 'Dead';
        if (state === 'Dead') {
          errors.push({ reason: 'group_missing', group });
          return [];
        }
        const offsets = await admin.fetchOffsets({ groupId: group });
        const rows: Committed[] = [];
        for (const { topic, partitions } of offsets) {
          if (!topics.has(topic)) {
            errors.push({ reason: 'topic_missing', group, topic });
            continue;
          }
          for (const p of partitions) {
            if (BigInt(p.offset) >= 0n) rows.push({ group, topic, partition: p.partition, offset: p.offset });
          }
        }
        return rows;
      },
    );
    const committed = committedPerGroup.flat();

    const ends = new Map<string, { high: string; low: string }>();
    await mapWithConcurrency([...new Set(committed.map((c) => c.topic))], concurrency, async (topic) => {
      try {
        for (const o of await admin.fetchTopicOffsets(topic)) ends.set(partitionKey(topic, o.partition), o);
      } catch (error) {
        errors.push({ reason: 'topic_missing', topic, detail: String(error) });
      }
    });

    const firstUnconsumed = await this.firstUnconsumed(committed, ends, errors);
    const now = this.now();
    return ids.map((group) => {
      const description = byId.get(group);
      const partitions = committed
        .filter((c) => c.group === group && ends.has(partitionKey(c.topic, c.partition)))
        .map((c) => {
          const k = partitionKey(c.topic, c.partition);
          return partitionLag({
            ...c,
            committedOffset: c.offset,
            logEndOffset: ends.get(k)?.high ?? c.offset,
            firstUnconsumed: firstUnconsumed.get(`${group}\u0000${k}`),
            now,
          });
        });
      return {
        group,
        state: description?.state ?? 'Dead',
        members: description?.members.length ?? 0,
        partitions,
      };
    });
  }

  /**
   * Timestamp of the first unconsumed record per group/partition, for lagging partitions only.
   * Cached per topic/partition/offset (immutable); entries no group points at any more are dropped.
   */
  private async firstUnconsumed(
    committed: Committed[],
    ends: Map<string, { high: string; low: string }>,
    errors: LagReadError[],
  ): Promise<Map<string, TimestampResult>> {
    const wanted = new Map<string, string>(); // group key -> offset key
    const toRead = new Map<string, OffsetRequest>();
    for (const c of committed) {
      const k = partitionKey(c.topic, c.partition);
      const end = ends.get(k);
      if (!end || BigInt(c.offset) >= BigInt(end.high)) continue;
      // Records below the log start were deleted by retention: the group will resume at the start.
      const offset = BigInt(c.offset) < BigInt(end.low) ? end.low : c.offset;
      const offsetKey = `${k}\u0000${offset}`;
      wanted.set(`${c.group}\u0000${k}`, offsetKey);
      if (!this.timestamps.has(offsetKey))
        toRead.set(offsetKey, { topic: c.topic, partition: c.partition, offset });
    }
    if (toRead.size > 0) {
      try {
        const results = await this.recordReader.read([...toRead.values()]);
        for (const [offsetKey, request] of toRead) {
          const result: TimestampResult = results.get(partitionKey(request.topic, request.partition)) ?? {
            kind: 'error',
            reason: 'missing',
          };
          if (result.kind === 'record') this.timestamps.set(offsetKey, result);
          else this.transient.set(offsetKey, result);
          if (result.kind === 'error') {
            errors.push({ reason: 'timestamp_unavailable', topic: request.topic, detail: result.reason });
          }
        }
      } catch (error) {
        this.options.logger.warn({ err: error }, 'record timestamps unavailable');
        errors.push({ reason: 'timestamp_unavailable', detail: String(error) });
      }
    }
    const live = new Set(wanted.values());
    for (const offsetKey of this.timestamps.keys())
      if (!live.has(offsetKey)) this.timestamps.delete(offsetKey);
    const out = new Map<string, TimestampResult>();
    for (const [groupKey, offsetKey] of wanted) {
      const result = this.timestamps.get(offsetKey) ?? this.transient.get(offsetKey);
      if (result) out.set(groupKey, result);
    }
    this.transient.clear();
    return out;
  }
}
