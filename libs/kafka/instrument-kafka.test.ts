import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Admin, Consumer, Producer } from 'kafkajs';
import { createMetrics } from '../metrics/create-metrics.ts';
import { parseExposition, sampleValue } from '../metrics/parse-exposition.ts';
import { instrumentKafka } from './instrument-kafka.ts';

/** A stand-in for a kafkajs client: the same `events` names and `on` returning a remover. */
function fakeClient(kind: 'consumer' | 'producer' | 'admin') {
  const emitter = new EventEmitter();
  const events = {
    REQUEST: `${kind}.network.request`,
    REQUEST_TIMEOUT: `${kind}.network.request_timeout`,
    REQUEST_QUEUE_SIZE: `${kind}.network.request_queue_size`,
    CONNECT: `${kind}.connect`,
    DISCONNECT: `${kind}.disconnect`,
    GROUP_JOIN: 'consumer.group_join',
    CRASH: 'consumer.crash',
    STOP: 'consumer.stop',
  };
  const client = {
    events,
    on(name: string, listener: (event: unknown) => void) {
      emitter.on(name, listener);
      return () => emitter.off(name, listener);
    },
  };
  const emit = (name: string, payload: unknown) =>
    emitter.emit(name, { id: 1, type: name, timestamp: 0, payload });
  return { client, emit, events, listeners: () => emitter.eventNames().length };
}

describe('instrumentKafka', () => {
  it('turns kafkajs instrumentation events into catalog metrics', async () => {
    const registry = createMetrics('router');
    const consumer = fakeClient('consumer');
    const producer = fakeClient('producer');
    const admin = fakeClient('admin');
    const stop = instrumentKafka(registry, {
      consumer: consumer.client as unknown as Consumer,
      producer: producer.client as unknown as Producer,
      admin: admin.client as unknown as Admin,
    });

    consumer.emit(consumer.events.CONNECT, null);
    consumer.emit(consumer.events.REQUEST, { apiName: 'Fetch', duration: 250, broker: 'b1' });
    consumer.emit(consumer.events.REQUEST_QUEUE_SIZE, { broker: 'b1', queueSize: 3 });
    consumer.emit(consumer.events.REQUEST_QUEUE_SIZE, { broker: 'b2', queueSize: 2 });
    consumer.emit(consumer.events.GROUP_JOIN, {
      groupId: 'router',
      memberAssignment: { q: [0, 1, 2], d: [0] },
    });
    consumer.emit(consumer.events.CRASH, { groupId: 'router', restart: true, error: new Error('x') });
    producer.emit(producer.events.REQUEST_TIMEOUT, { apiName: 'Produce' });
    admin.emit(admin.events.DISCONNECT, null);

    const s = parseExposition(await registry.metrics());
    const group = { group: 'router' };
    expect(
      sampleValue(s, 'segdest_kafka_request_duration_seconds_sum', { client: 'consumer', api: 'Fetch' }),
    ).toBe(0.25);
    expect(sampleValue(s, 'segdest_kafka_queued_requests', { client: 'consumer' })).toBe(5);
    expect(sampleValue(s, 'segdest_kafka_consumer_rebalances_total', group)).toBe(1);
    expect(sampleValue(s, 'segdest_kafka_consumer_assigned_partitions', group)).toBe(4);
    expect(sampleValue(s, 'segdest_kafka_consumer_crashes_total', { ...group, outcome: 'restarted' })).toBe(
      1,
    );
    expect(sampleValue(s, 'segdest_kafka_consumer_crashes_total', { ...group, outcome: 'stopped' })).toBe(0);
    expect(
      sampleValue(s, 'segdest_kafka_request_timeouts_total', { client: 'producer', api: 'Produce' }),
    ).toBe(1);
    expect(sampleValue(s, 'segdest_kafka_connected', { client: 'consumer' })).toBe(1);
    expect(sampleValue(s, 'segdest_kafka_connected', { client: 'admin' })).toBe(0);

    stop();
    expect(consumer.listeners() + producer.listeners() + admin.listeners()).toBe(0);
  });
});
