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

/**
 * A dead letter keeps at most this much of the original value, so that the dead letter of a record
 * near the broker's limit can itself be produced; the full record stays at its source coordinates.
 */
export const MAX_DEAD_LETTER_VALUE_BYTES = 256 * 1024;

export function deadLetterMessage(
  input: DeadLetterInput,
  encoder: DeadLetterEncoder,
  now = Date.now(),
): Message {
  const truncated = input.value !== null && input.value.length > MAX_DEAD_LETTER_VALUE_BYTES;
  const record: DeadLetter = {
    reason: input.reason,
    detail: truncated
      ? `${input.detail} (value truncated from ${input.value!.length} bytes; the full record stays at its source offset)`
      : input.detail,
    service: input.service,
    sourceTopic: input.sourceTopic,
    sourcePartition: input.sourcePartition,
    sourceOffset: Number(input.sourceOffset),
    key: input.key,
    value: truncated ? input.value!.subarray(0, MAX_DEAD_LETTER_VALUE_BYTES) : input.value,
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

/**
 * The dead letter of an output message that can never be produced (larger than the broker's limit
 * on its own). Its source coordinates are the topic it was meant for; partition and offset are -1.
 */
export function oversizedDeadLetter(
  input: { topic: string; message: Message; bytes: number; limit: number; service: string },
  encoder: DeadLetterEncoder,
): Message {
  const { message } = input;
  const value = message.value === null || message.value === undefined ? null : Buffer.from(message.value);
  const key = message.key === null || message.key === undefined ? null : Buffer.from(message.key);
  return deadLetterMessage(
    {
      reason: 'output_too_large',
      detail: `a ${input.bytes}-byte record for ${input.topic} is larger than the broker accepts (${input.limit} bytes per request)`,
      service: input.service,
      sourceTopic: input.topic,
      sourcePartition: -1,
      sourceOffset: '-1',
      key,
      value,
    },
    encoder,
  );
}
