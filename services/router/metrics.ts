/**
 * Router metrics (docs/metrics.md; collected in services/metric-catalog.ts): qualifications in,
 * deliveries out per destination, drops, the Kafka transaction per batch and the routing latency from
 * event time to the committed output; plus the consume loop's metrics.
 */
import {
  BUCKETS,
  consumerMetrics,
  defineMetrics,
  type MetricSpecs,
  type Registry,
} from '../../libs/metrics/index.ts';

export const ROUTER_METRICS = {
  eventsIn: {
    name: 'segdest_router_events_total',
    type: 'counter',
    help: 'Qualification events read by the router (valid ones, after decoding).',
    labels: [],
  },
  deliveriesOut: {
    name: 'segdest_router_deliveries_total',
    type: 'counter',
    help: 'Delivery records written to the deliveries topics, per destination.',
    labels: ['destination_type', 'destination_id'],
  },
  drops: {
    name: 'segdest_router_drops_total',
    type: 'counter',
    help: 'Events or deliveries dropped on purpose (no matching destination, disabled, filtered), by reason.',
    labels: ['reason'],
  },
  repartitioned: {
    name: 'segdest_router_repartitioned_events_total',
    type: 'counter',
    help: 'Events found on another partition than murmur2(uuid) (a publisher with another partitioner): their deliveries are placed by murmur2(uuid).',
    labels: [],
  },
  transactionDuration: {
    name: 'segdest_router_transaction_duration_seconds',
    type: 'histogram',
    help: 'Duration of one Kafka transaction (send outputs + offsets + commit), by outcome committed|aborted.',
    labels: ['outcome'],
    buckets: BUCKETS.fast,
  },
  routingLatency: {
    name: 'segdest_router_routing_latency_seconds',
    type: 'histogram',
    help: 'Event time of the qualification to the commit of its deliveries, per destination type.',
    labels: ['destination_type'],
    buckets: BUCKETS.endToEnd,
  },
} as const satisfies MetricSpecs;

export function routerMetrics(registry: Registry) {
  return defineMetrics(registry, ROUTER_METRICS);
}

export function createRouterMetrics(registry: Registry) {
  return { router: routerMetrics(registry), consumer: consumerMetrics(registry) };
}

export type RouterMetrics = ReturnType<typeof createRouterMetrics>;
