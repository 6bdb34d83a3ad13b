/**
 * Lag of one consumer group on one partition, from offsets and the timestamp of the first record the
 * group has not consumed yet (the record at the committed offset, or the next consumable one).
 *   lag messages = log end offset (high watermark) - committed offset, never negative
 *   lag seconds  = now - timestamp of that record; 0 when caught up or when only transaction markers
 *                  remain (a transactional producer leaves one marker after the last record, so
 *                  lag messages can stay at 1 while lag seconds is 0); null when it could not be read
 */
import type { TimestampResult } from './record-timestamp-reader.ts';

export interface PartitionLag {
  group: string;
  topic: string;
  partition: number;
  committedOffset: number;
  logEndOffset: number;
  lagMessages: number;
  lagSeconds: number | null;
}

export interface PartitionLagInput {
  group: string;
  topic: string;
  partition: number;
  committedOffset: string;
  logEndOffset: string;
  /** Undefined when no read was needed (caught up). */
  firstUnconsumed?: TimestampResult;
  now: number;
}

export function partitionLag(input: PartitionLagInput): PartitionLag {
  const committed = BigInt(input.committedOffset);
  const end = BigInt(input.logEndOffset);
  const lag = end > committed ? end - committed : 0n;
  let lagSeconds: number | null = 0;
  if (lag > 0n) {
    const first = input.firstUnconsumed;
    if (first === undefined || first.kind === 'error') lagSeconds = null;
    else if (first.kind === 'record') lagSeconds = Math.max(0, (input.now - first.timestamp) / 1000);
  }
  return {
    group: input.group,
    topic: input.topic,
    partition: input.partition,
    committedOffset: Number(committed),
    logEndOffset: Number(end),
    lagMessages: Number(lag),
    lagSeconds,
  };
}
