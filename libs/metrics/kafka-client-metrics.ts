/**
 * Metrics fed by the Kafka client's instrumentation events (kafkajs `consumer.on(...)` etc., wired in
 * libs/kafka/instrument-kafka.ts): broker request latency and timeouts per API, request queue size,
 * connection state, consumer rebalances, crashes and assigned partitions.
 * client: consumer | producer | admin; api: the Kafka protocol API name (Fetch, Produce, ...).
 */
import type { Registry } from 'prom-client';
import { BUCKETS } from './buckets.ts';
import { defineMetrics } from './define-metrics.ts';
import type { MetricSpecs } from './metric-spec.ts';

export const KAFKA_CLIENT_METRICS = {
  requestDuration: {
    name: 'segdest_kafka_request_duration_seconds',
    type: 'histogram',
    help: 'Broker request latency (sent to response), per client and protocol API.',
    labels: ['client', 'api'],
    buckets: BUCKETS.fast,
  },
  requestTimeouts: {
    name: 'segdest_kafka_request_timeouts_total',
    type: 'counter',
    help: 'Broker requests that timed out, per client and protocol API.',
    labels: ['client', 'api'],
  },
  queuedRequests: {
    name: 'segdest_kafka_queued_requests',
    type: 'gauge',
    help: 'Requests waiting in the client request queues (summed over brokers).',
    labels: ['client'],
  },
  connected: {
    name: 'segdest_kafka_connected',
    type: 'gauge',
    help: '1 while the client is connected, 0 after disconnect or stop.',
    labels: ['client'],
  },
  rebalances: {
    name: 'segdest_kafka_consumer_rebalances_total',
    type: 'counter',
    help: 'Consumer group joins (every rebalance this member took part in).',
    labels: ['group'],
  },
  crashes: {
    name: 'segdest_kafka_consumer_crashes_total',
    type: 'counter',
    help: 'Consumer crashes, outcome restarted (kafkajs restarts it) or stopped.',
    labels: ['group', 'outcome'],
  },
  restarts: {
    name: 'segdest_kafka_consumer_restarts_total',
    type: 'counter',
    help: 'Consumer restarts by the service after kafkajs stopped it (libs/kafka/supervised-consumer.ts).',
    labels: ['group'],
  },
  consumerUp: {
    name: 'segdest_kafka_consumer_state',
    type: 'gauge',
    help: '1 while the consumer is running in its group, 0 while it is down or restarting.',
    labels: ['group'],
  },
  brokerReachable: {
    name: 'segdest_kafka_broker_state',
    type: 'gauge',
    help: '1 while the last broker probe (metadata request, every few seconds) succeeded.',
    labels: [],
  },
  assignedPartitions: {
    name: 'segdest_kafka_consumer_assigned_partitions',
    type: 'gauge',
    help: 'Partitions assigned to this member after the last rebalance.',
    labels: ['group'],
  },
} as const satisfies MetricSpecs;

export function kafkaClientMetrics(registry: Registry) {
  return defineMetrics(registry, KAFKA_CLIENT_METRICS);
}
