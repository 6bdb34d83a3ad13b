/**
 * Splits a set of output messages into produce requests that the broker accepts, however large the
 * fan-out. Kafka contract: a record batch (all records of one request for one partition) may not
 * exceed the broker's `message.max.bytes` / the topic's `max.message.bytes` (1 MiB by default:
 * "The request included a message larger than the max message size the server will accept",
 * non-retriable). kafkajs puts every message of one `send`/`sendBatch` call for a partition into one
 * record batch, so each request here carries at most `maxRequestBytes` in total: whatever the
 * partitioner does, no partition's batch can pass the limit.
 * A single message that is larger than the limit on its own can never be produced: it is returned
 * apart (`oversized`) for the caller to dead-letter.
 */
import type { Message, TopicMessages } from 'kafkajs';

/** Bytes a record adds to a record batch beyond key, value and headers (varints, attributes). */
const RECORD_OVERHEAD_BYTES = 32;

export interface FittedRequests {
  requests: TopicMessages[][];
  oversized: { topic: string; message: Message; bytes: number }[];
}

export function messageBytes(message: Message): number {
  let bytes = RECORD_OVERHEAD_BYTES + byteLength(message.key) + byteLength(message.value);
  if (message.headers) {
    for (const [name, value] of Object.entries(message.headers)) {
      bytes += Buffer.byteLength(name) + 8;
      if (Array.isArray(value)) for (const v of value) bytes += byteLength(v);
      else bytes += byteLength(value as Buffer | string | undefined);
    }
  }
  return bytes;
}

export function fitRequests(outputs: TopicMessages[], maxRequestBytes: number): FittedRequests {
  const requests: TopicMessages[][] = [];
  const oversized: FittedRequests['oversized'] = [];
  let current = new Map<string, Message[]>();
  let currentBytes = 0;
  const flush = () => {
    if (current.size === 0) return;
    requests.push([...current].map(([topic, messages]) => ({ topic, messages })));
    current = new Map();
    currentBytes = 0;
  };
  for (const { topic, messages } of outputs) {
    for (const message of messages) {
      const bytes = messageBytes(message);
      if (bytes > maxRequestBytes) {
        oversized.push({ topic, message, bytes });
        continue;
      }
      if (currentBytes + bytes > maxRequestBytes) flush();
      let list = current.get(topic);
      if (!list) {
        list = [];
        current.set(topic, list);
      }
      list.push(message);
      currentBytes += bytes;
    }
  }
  flush();
  return { requests, oversized };
}

function byteLength(value: Buffer | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}
