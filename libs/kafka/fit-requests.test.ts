import { describe, expect, it } from 'vitest';
import { fitRequests, messageBytes } from './fit-requests.ts';

const message = (bytes: number, key = 'k') => ({ key, value: Buffer.alloc(bytes, 1) });

describe('fitRequests', () => {
  it('keeps a small output in one request', () => {
    const { requests, oversized } = fitRequests(
      [
        { topic: 'a', messages: [message(10), message(10)] },
        { topic: 'b', messages: [message(10)] },
      ],
      10_000,
    );
    expect(requests).toHaveLength(1);
    expect(requests[0]!.map((t) => [t.topic, t.messages.length])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    expect(oversized).toEqual([]);
  });

  it('splits a fan-out far beyond the limit into requests that each fit, in order, losing nothing', () => {
    const outputs = [
      { topic: 'url', messages: Array.from({ length: 5000 }, (_, i) => message(300, `u${i}`)) },
      { topic: 's2s', messages: Array.from({ length: 3000 }, (_, i) => message(500, `s${i}`)) },
    ];
    const limit = 64 * 1024;
    const { requests, oversized } = fitRequests(outputs, limit);
    expect(oversized).toEqual([]);
    expect(requests.length).toBeGreaterThan(40);
    for (const request of requests) {
      const bytes = request.flatMap((t) => t.messages).reduce((sum, m) => sum + messageBytes(m), 0);
      expect(bytes).toBeLessThanOrEqual(limit);
    }
    const keys = (topic: string) =>
      requests.flatMap((r) =>
        r.filter((t) => t.topic === topic).flatMap((t) => t.messages.map((m) => m.key)),
      );
    expect(keys('url')).toEqual(outputs[0]!.messages.map((m) => m.key));
    expect(keys('s2s')).toEqual(outputs[1]!.messages.map((m) => m.key));
  });

  it('sets apart a message that can never fit', () => {
    const big = message(2000);
    const { requests, oversized } = fitRequests(
      [{ topic: 'a', messages: [message(10), big, message(10)] }],
      1000,
    );
    expect(oversized).toHaveLength(1);
    expect(oversized[0]!.message).toBe(big);
    expect(oversized[0]!.bytes).toBeGreaterThan(2000);
    expect(requests.flatMap((r) => r.flatMap((t) => t.messages))).toHaveLength(2);
  });

  it('counts headers and string values', () => {
    const plain = messageBytes({ key: 'k', value: 'abc' });
    const withHeaders = messageBytes({
      key: 'k',
      value: 'abc',
      headers: { 'retry.attempt': '3', x: ['a', 'b'] },
    });
    expect(withHeaders).toBeGreaterThan(plain + 'retry.attempt'.length);
  });
});
