/**
 * Feeds kafkajs instrumentation events into the catalog's Kafka client metrics. kafkajs contract
 * (docs/InstrumentationEvents.md): each client emits `<client>.network.request` (payload.duration in
 * ms, payload.apiName), `.network.request_timeout`, `.network.request_queue_size` (per broker),
 * `.connect`/`.disconnect`; the consumer also `consumer.group_join` (memberAssignment topic ->
 * partitions), `consumer.crash` ({ groupId, restart }) and `consumer.stop`.
 * Crash counters start at 0 on the first join. Returns a function that removes every listener.
 */
import type { Admin, Consumer, Producer } from 'kafkajs';
import type { Registry } from 'prom-client';
import { kafkaClientMetrics } from '../metrics/kafka-client-metrics.ts';

export interface InstrumentedClients {
  consumer?: Consumer;
  producer?: Producer;
  admin?: Admin;
}

type ClientKind = 'consumer' | 'producer' | 'admin';

interface NetworkEvents {
  REQUEST: string;
  REQUEST_TIMEOUT: string;
  REQUEST_QUEUE_SIZE: string;
  CONNECT: string;
  DISCONNECT: string;
}

type Listener = (event: { payload: never }) => void;
interface Emitter {
  events: NetworkEvents;
  on(eventName: string, listener: Listener): () => void;
}

export function instrumentKafka(registry: Registry, clients: InstrumentedClients): () => void {
  const m = kafkaClientMetrics(registry);
  const removers: (() => void)[] = [];
  const on = <P>(emitter: Emitter, eventName: string, listener: (payload: P) => void) => {
    removers.push(emitter.on(eventName, ((event: { payload: P }) => listener(event.payload)) as Listener));
  };

  const network = (client: ClientKind, emitter: Emitter) => {
    const queues = new Map<string, number>();
    on<{ apiName: string; duration: number }>(emitter, emitter.events.REQUEST, (p) => {
      m.requestDuration.observe({ client, api: p.apiName }, p.duration / 1000);
    });
    on<{ apiName: string }>(emitter, emitter.events.REQUEST_TIMEOUT, (p) => {
      m.requestTimeouts.inc({ client, api: p.apiName });
    });
    on<{ broker: string; queueSize: number }>(emitter, emitter.events.REQUEST_QUEUE_SIZE, (p) => {
      queues.set(p.broker, p.queueSize);
      let total = 0;
      for (const size of queues.values()) total += size;
      m.queuedRequests.set({ client }, total);
    });
    on(emitter, emitter.events.CONNECT, () => m.connected.set({ client }, 1));
    on(emitter, emitter.events.DISCONNECT, () => m.connected.set({ client }, 0));
  };

  const { consumer, producer, admin } = clients;
  if (consumer) {
    const emitter = consumer as unknown as Emitter;
    network('consumer', emitter);
    on<{ groupId: string; memberAssignment: Record<string, number[]> }>(
      emitter,
      consumer.events.GROUP_JOIN,
      (p) => {
        m.rebalances.inc({ group: p.groupId });
        // Zero-initialised so `increase(crashes[15m])` sees the first crash (no series = no increase).
        for (const outcome of ['restarted', 'stopped']) m.crashes.inc({ group: p.groupId, outcome }, 0);
        const assigned = Object.values(p.memberAssignment).reduce((sum, parts) => sum + parts.length, 0);
        m.assignedPartitions.set({ group: p.groupId }, assigned);
      },
    );
    on<{ groupId: string; restart: boolean }>(emitter, consumer.events.CRASH, (p) => {
      m.crashes.inc({ group: p.groupId, outcome: p.restart ? 'restarted' : 'stopped' });
    });
    on(emitter, consumer.events.STOP, () => m.connected.set({ client: 'consumer' }, 0));
  }
  if (producer) network('producer', producer as unknown as Emitter);
  if (admin) network('admin', admin as unknown as Emitter);

  return () => {
    for (const remove of removers.splice(0)) remove();
  };
}
