/**
 * The partition the Java client's and kafkajs' default partitioner give a key: positive
 * murmur2(key) modulo the partition count (KIP-480 "sticky" only changes keyless records). This is
 * the partitioning contract of docs/publishing.md; librdkafka matches it with
 * `partitioner=murmur2_random`, not with its default (crc32).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const murmur2 = require('kafkajs/src/producer/partitioners/default/murmur2.js') as (
  key: Buffer | string,
) => number;

export function murmur2Partition(key: Buffer | string, partitions: number): number {
  return (murmur2(key) & 0x7fffffff) % partitions;
}
