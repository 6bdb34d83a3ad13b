import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.ts';
import type { DeadLetter } from '../schema/index.ts';
import { decodeBatch, type DecodeStep } from './decode-batch.ts';

const message = (offset: number, value: string): KafkaMessage => ({
  offset: String(offset),
  key: Buffer.from(`k${offset}`),
  value: Buffer.from(value),
  timestamp: '0',
  attributes: 0,
  headers: {},
});

/** Dead letters as JSON, so the test reads what was written. */
const encoder = { encode: (d: DeadLetter) => Buffer.from(JSON.stringify({ ...d, key: null, value: null })) };

function step(
  overrides: Partial<DecodeStep<number, number>> = {},
): DecodeStep<number, number> & { reasons: string[] } {
  const reasons: string[] = [];
  return {
    service: 'svc',
    topic: 't',
    partition: 3,
    decode: (value) => {
      const text = value!.toString();
      if (text === 'garbage') throw new AppError('bad_magic_byte', 'first byte is not 0');
      return Number(text);
    },
    validate: (value) => (value > 100 ? { reason: 'invalid_event', detail: `${value} too large` } : null),
    toRecord: (_m, value) => value * 2,
    deadLetterEncoder: encoder,
    onDeadLetter: (reason) => reasons.push(reason),
    reasons,
    ...overrides,
  };
}

describe('decodeBatch', () => {
  it('keeps good records in order; undecodable and refused ones become dead letters with their coordinates', async () => {
    const s = step();
    const { valid, dead } = await decodeBatch(s, [
      message(10, '1'),
      message(11, 'garbage'),
      message(12, '2'),
      message(13, '500'),
    ]);
    expect(valid).toEqual([2, 4]);
    const letters = dead.map((d) => JSON.parse(d.value!.toString()) as DeadLetter);
    expect(
      letters.map((l) => [l.reason, l.sourceTopic, l.sourcePartition, l.sourceOffset, l.service]),
    ).toEqual([
      ['bad_magic_byte', 't', 3, 11, 'svc'],
      ['invalid_event', 't', 3, 13, 'svc'],
    ]);
    expect(letters[1]!.detail).toBe('500 too large');
    expect(s.reasons).toEqual(['bad_magic_byte', 'invalid_event']);
  });

  it('awaits an asynchronous decode', async () => {
    const { valid } = await decodeBatch(step({ decode: async (v) => Number(v!.toString()) }), [
      message(1, '7'),
    ]);
    expect(valid).toEqual([14]);
  });

  it('throws an error that is not the record’s fault (the batch is retried, nothing dead-lettered)', async () => {
    const down = step({
      decode: () => {
        throw new AppError('registry_unavailable', 'registry did not answer', { retriable: true });
      },
    });
    await expect(decodeBatch(down, [message(1, '1')])).rejects.toThrow('registry did not answer');
    expect(down.reasons).toEqual([]);
  });
});
