/**
 * Dead-letter records: the original bytes plus why they failed. The reason, source topic,
 * partition and offset are also headers (`dlq.reason`, `dlq.topic`, `dlq.partition`, `dlq.offset`,
 * `dlq.service`), so operators can triage with any Kafka tool without decoding Avro.
 */
import type { Message } from 'kafkajs';
import type { DeadLetter } from '../schema/types.ts';

export interface DeadLetterInput {
  reason: string;
  detail: string;
  service: string;
  sourceTopic: string;
  sourcePartition: number;
  sourceOffset: string;
  key: Buffer | null;
  value: Buffer | null;
  destinationId?: number | null;
  deliveryId?: string | null;
  attempts?: number;
  lastStatus?: number | null;
}

export interface DeadLetterEncoder {
  encode(value: DeadLetter): Buffer;
}

export function deadLetterMessage(
  input: DeadLetterInput,
  encoder: DeadLetterEncoder,
  now = Date.now(),
): Message {
  const record: DeadLetter = {
    reason: input.reason,
    detail: input.detail,
    service: input.service,
    sourceTopic: input.sourceTopic,
    sourcePartition: input.sourcePartition,
    sourceOffset: Number(input.sourceOffset),
    key: input.key,
    value: input.value,
    destinationId: input.destinationId ?? null,
    deliveryId: input.deliveryId ?? null,
    attempts: input.attempts ?? 0,
    lastStatus: input.lastStatus ?? null,
    failedAt: now,
  };
  return {
    key: input.key,
    value: encoder.encode(record),
    headers: {
      'dlq.reason': input.reason,
      'dlq.service': input.service,
      'dlq.topic': input.sourceTopic,
      'dlq.partition': String(input.sourcePartition),
      'dlq.offset': input.sourceOffset,
    },
  };
}
