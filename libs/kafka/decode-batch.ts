/**
 * The decode step of every consume loop (consumer-runner, stored-offset-consumer, the url retry
 * consumer): decode each record of a fetched batch and check it; a record that does not decode
 * (bad magic byte, unknown schema id, undecodable bytes) or that the service refuses (`validate`)
 * becomes a dead-letter record with its reason and source coordinates, and the loop goes on. Any
 * other error (registry unreachable...) is thrown: the batch is retried, nothing is dead-lettered
 * for a fault that is not the record's.
 */
import type { KafkaMessage, Message } from 'kafkajs';
import { AppError } from '../errors/index.ts';
import type { DecodedRecord } from './consumer-runner.ts';
import { deadLetterMessage, type DeadLetterEncoder } from './dead-letter.ts';

/** Error codes of libs/schema decoding that mean "this record is bad", not "try again". */
export const DECODE_FAILURES: ReadonlySet<string> = new Set([
  'bad_magic_byte',
  'unknown_schema_id',
  'undecodable',
]);

export interface DecodeStep<T, R> {
  service: string;
  topic: string;
  partition: number;
  /** May return synchronously (a cached schema): the loop then skips a microtask per record. */
  decode(value: Buffer | null): T | Promise<T>;
  validate?(value: T): { reason: string; detail: string } | null;
  /** What the loop keeps of a good record. */
  toRecord(message: KafkaMessage, value: T): R;
  deadLetterEncoder: DeadLetterEncoder;
  onDeadLetter?(reason: string, topic: string): void;
}

export async function decodeBatch<T, R>(
  step: DecodeStep<T, R>,
  messages: KafkaMessage[],
): Promise<{ valid: R[]; dead: Message[] }> {
  const valid: R[] = [];
  const dead: Message[] = [];
  const deadLetter = (message: KafkaMessage, reason: string, detail: string) => {
    const input = {
      service: step.service,
      sourceTopic: step.topic,
      sourcePartition: step.partition,
      sourceOffset: message.offset,
      key: message.key,
      value: message.value,
      reason,
      detail,
    };
    dead.push(deadLetterMessage(input, step.deadLetterEncoder));
    step.onDeadLetter?.(reason, step.topic);
  };
  for (const message of messages) {
    let value: T;
    try {
      const decoded = step.decode(message.value);
      value = decoded instanceof Promise ? await decoded : decoded;
    } catch (error) {
      if (!(AppError.is(error) && DECODE_FAILURES.has(error.code))) throw error;
      deadLetter(message, error.code, error.message);
      continue;
    }
    const refused = step.validate?.(value) ?? null;
    if (refused !== null) {
      deadLetter(message, refused.reason, refused.detail);
      continue;
    }
    valid.push(step.toRecord(message, value));
  }
  return { valid, dead };
}

/** `toRecord` of the loops that hand the service DecodedRecords (consumer-runner, stored-offset-consumer). */
export function decodedRecord<T>(topic: string, partition: number) {
  return (message: KafkaMessage, value: T): DecodedRecord<T> => ({
    topic,
    partition,
    offset: message.offset,
    key: message.key,
    value,
    timestamp: Number(message.timestamp),
    headers: message.headers,
  });
}
