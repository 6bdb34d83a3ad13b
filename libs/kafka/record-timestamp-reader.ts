/**
 * Reads the timestamp of the first consumable record at or after given offsets, with one Fetch
 * request per partition leader (maxWaitTime 0, small per-partition byte cap, READ_COMMITTED),
 * filtering control records and aborted transactions exactly like the kafkajs consumer does.
 *
 * Kafka contract (KIP-74, Fetch v11): the broker returns whole record batches from the one holding
 * fetch_offset, so records before the offset are dropped here; a partition returns at least one batch
 * even above partition_max_bytes.
 *
 * kafkajs has no public "fetch one record at an offset" API (a consumer would need a group join per
 * read). This file is the only one using kafkajs internals (v2.2.4, frozen since 2023): the cluster
 * factory behind the Kafka instance and the consumer's Batch filter. If they are missing (client
 * upgraded or swapped), read() rejects (AppError kafka) and lag in seconds is not exported;
 * nothing crashes. Each read opens its own short-lived cluster connection, so deleted topics left in
 * a long-lived metadata cache never poison later reads.
 */
import { createRequire } from 'node:module';
import type { Kafka } from 'kafkajs';
import { AppError } from '../errors/index.ts';

export interface OffsetRequest {
  topic: string;
  partition: number;
  offset: string;
}

export type TimestampResult =
  /** First consumable record at or after the offset. */
  | { kind: 'record'; offset: string; timestamp: number }
  /** Nothing consumable from the offset to the high watermark (caught up, or only markers). */
  | { kind: 'none' }
  | { kind: 'error'; reason: string };

interface RawMessage {
  offset: string;
  timestamp: string;
  isControlRecord?: boolean;
}
interface RawPartition {
  partition: number;
  errorCode: number;
  highWatermark: string;
  abortedTransactions: unknown[];
  messages: RawMessage[];
}
interface RawBroker {
  fetch(request: unknown): Promise<{ responses: { topicName: string; partitions: RawPartition[] }[] }>;
}
interface RawCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]>;
  findBroker(options: { nodeId: string }): Promise<RawBroker>;
}
type BatchCtor = new (
  topic: string,
  fetchedOffset: string,
  partitionData: RawPartition,
) => { messages: RawMessage[]; messagesWithinOffset: RawMessage[] };

const READ_COMMITTED = 1;
const require = createRequire(import.meta.url);

function internals(kafka: Kafka): { createCluster: () => RawCluster; Batch: BatchCtor } {
  const symbol = Object.getOwnPropertySymbols(kafka).find(
    (s) => s.description === 'private:Kafka:createCluster',
  );
  const factory = symbol ? (kafka as unknown as Record<symbol, unknown>)[symbol] : undefined;
  if (typeof factory !== 'function') {
    throw new AppError('kafka', 'timestamp_unavailable: kafka client exposes no cluster factory');
  }
  const Batch = require('kafkajs/src/consumer/batch.js') as BatchCtor;
  return {
    createCluster: () =>
      (factory as (o: object) => RawCluster)({
        allowAutoTopicCreation: false,
        isolationLevel: READ_COMMITTED,
        metadataMaxAge: 60_000,
      }),
    Batch,
  };
}

export interface RecordTimestampReaderOptions {
  kafka: Kafka;
  /** Bytes asked per partition (the broker still returns one whole batch). */
  partitionMaxBytes?: number;
  /** Partitions per Fetch request. */
  partitionsPerRequest?: number;
  /** Follow-up fetches when a response held only control records or aborted data. */
  maxRounds?: number;
}

export const partitionKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

function groupBy<T>(items: T[], by: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = by(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export class RecordTimestampReader {
  constructor(private readonly options: RecordTimestampReaderOptions) {}

  /** Results keyed by partitionKey(topic, partition). Per-partition failures are results, not throws. */
  async read(requests: OffsetRequest[]): Promise<Map<string, TimestampResult>> {
    const results = new Map<string, TimestampResult>();
    if (requests.length === 0) return results;
    const { createCluster, Batch } = internals(this.options.kafka);
    const cluster = createCluster();
    try {
      await cluster.connect();
      await cluster.addMultipleTargetTopics([...new Set(requests.map((r) => r.topic))]);
      let pending = requests;
      for (let round = 0; round < (this.options.maxRounds ?? 3) && pending.length > 0; round++) {
        const next: OffsetRequest[] = [];
        for (const chunk of this.byLeader(cluster, pending, results)) {
          await this.fetchChunk(cluster, Batch, chunk, results, next);
        }
        pending = next;
      }
      for (const r of pending)
        results.set(partitionKey(r.topic, r.partition), { kind: 'error', reason: 'too_many_markers' });
    } finally {
      await cluster.disconnect().catch(() => undefined);
    }
    return results;
  }

  private byLeader(
    cluster: RawCluster,
    requests: OffsetRequest[],
    results: Map<string, TimestampResult>,
  ): { nodeId: string; requests: OffsetRequest[] }[] {
    const perNode = new Map<string, OffsetRequest[]>();
    const byTopic = groupBy(requests, (r) => r.topic);
    for (const [topic, list] of byTopic) {
      let leaders: Record<string, number[]>;
      try {
        leaders = cluster.findLeaderForPartitions(
          topic,
          list.map((r) => r.partition),
        );
      } catch {
        for (const r of list)
          results.set(partitionKey(r.topic, r.partition), { kind: 'error', reason: 'no_leader' });
        continue;
      }
      for (const [nodeId, partitions] of Object.entries(leaders)) {
        const bucket = perNode.get(nodeId) ?? [];
        bucket.push(...list.filter((r) => partitions.includes(r.partition)));
        perNode.set(nodeId, bucket);
      }
    }
    const size = this.options.partitionsPerRequest ?? 200;
    const chunks: { nodeId: string; requests: OffsetRequest[] }[] = [];
    for (const [nodeId, list] of perNode) {
      for (let i = 0; i < list.length; i += size) chunks.push({ nodeId, requests: list.slice(i, i + size) });
    }
    return chunks;
  }

  private async fetchChunk(
    cluster: RawCluster,
    Batch: BatchCtor,
    chunk: { nodeId: string; requests: OffsetRequest[] },
    results: Map<string, TimestampResult>,
    next: OffsetRequest[],
  ): Promise<void> {
    const maxBytes = this.options.partitionMaxBytes ?? 16_384;
    const wanted = new Map(chunk.requests.map((r) => [partitionKey(r.topic, r.partition), r]));
    let response: Awaited<ReturnType<RawBroker['fetch']>>;
    try {
      const broker = await cluster.findBroker({ nodeId: chunk.nodeId });
      response = await broker.fetch({
        replicaId: -1,
        isolationLevel: READ_COMMITTED,
        maxWaitTime: 0,
        minBytes: 0,
        maxBytes: maxBytes * chunk.requests.length,
        topics: [...groupBy(chunk.requests, (r) => r.topic)].map(([topic, list]) => ({
          topic,
          partitions: list.map((r) => ({ partition: r.partition, fetchOffset: r.offset, maxBytes })),
        })),
      });
    } catch (error) {
      // One failing partition fails the whole response in kafkajs: retry each partition alone.
      if (chunk.requests.length > 1) {
        for (const r of chunk.requests)
          await this.fetchChunk(cluster, Batch, { ...chunk, requests: [r] }, results, next);
        return;
      }
      const reason = (error as { type?: string }).type?.toLowerCase() ?? 'fetch_failed';
      for (const r of chunk.requests)
        results.set(partitionKey(r.topic, r.partition), { kind: 'error', reason });
      return;
    }
    for (const { topicName, partitions } of response.responses) {
      for (const data of partitions) {
        const request = wanted.get(partitionKey(topicName, data.partition));
        if (!request) continue;
        const batch = new Batch(topicName, request.offset, data);
        const first = batch.messages[0];
        if (first) {
          results.set(partitionKey(topicName, data.partition), {
            kind: 'record',
            offset: first.offset,
            timestamp: Number(first.timestamp),
          });
          continue;
        }
        const last = batch.messagesWithinOffset.at(-1);
        if (last && BigInt(last.offset) + 1n < BigInt(data.highWatermark)) {
          next.push({ ...request, offset: (BigInt(last.offset) + 1n).toString() });
        } else {
          results.set(partitionKey(topicName, data.partition), { kind: 'none' });
        }
      }
    }
  }
}
