/**
 * Metrics of the lag exporter (collected in services/metric-catalog.ts): per
 * group/topic/partition committed offset, log end offset, lag in messages and in seconds (age of the
 * first record not yet consumed; 0 when caught up), group state (one series per state, value 1 for
 * the current one) and members, plus the reader's own health.
 */
import {
  BUCKETS,
  defineMetrics,
  type DefineOptions,
  type MetricSpecs,
  type Registry,
} from '../../libs/metrics/index.ts';

export const LAG_METRICS = {
  committedOffset: {
    name: 'segdest_consumer_group_committed_offset',
    type: 'gauge',
    help: 'Offset committed by the group (the next record it will read).',
    labels: ['group', 'topic', 'partition'],
  },
  logEndOffset: {
    name: 'segdest_consumer_group_log_end_offset',
    type: 'gauge',
    help: 'Log end offset (high watermark) of the partition.',
    labels: ['group', 'topic', 'partition'],
  },
  lagMessages: {
    name: 'segdest_consumer_group_lag_messages',
    type: 'gauge',
    help: 'Log end offset minus committed offset.',
    labels: ['group', 'topic', 'partition'],
  },
  lagSeconds: {
    name: 'segdest_consumer_group_lag_seconds',
    type: 'gauge',
    help: 'Age of the first record not yet consumed (its timestamp to now); 0 when caught up.',
    labels: ['group', 'topic', 'partition'],
  },
  groupState: {
    name: 'segdest_consumer_group_state',
    type: 'gauge',
    help: 'Group state: 1 on the series of the current state (Stable, PreparingRebalance, Empty, Dead, ...).',
    labels: ['group', 'state'],
  },
  groupMembers: {
    name: 'segdest_consumer_group_members',
    type: 'gauge',
    help: 'Members of the consumer group.',
    labels: ['group'],
  },
  readDuration: {
    name: 'segdest_lag_read_duration_seconds',
    type: 'histogram',
    help: 'Duration of one lag read (all groups) against the cluster.',
    labels: [],
    buckets: BUCKETS.fast,
  },
  readErrors: {
    name: 'segdest_lag_read_errors_total',
    type: 'counter',
    help: 'Failed parts of a lag read (group_missing, topic_missing, timestamp_unavailable, cluster).',
    labels: ['reason'],
  },
  lastRead: {
    name: 'segdest_lag_last_read_timestamp_seconds',
    type: 'gauge',
    help: 'Unix time of the last completed lag read (the age of the lag figures).',
    labels: [],
  },
} as const satisfies MetricSpecs;

/** Consumer group states as Kafka reports them (classic protocol); each gets a 0/1 series. */
export const GROUP_STATES = [
  'Stable',
  'PreparingRebalance',
  'CompletingRebalance',
  'Empty',
  'Dead',
  'Unknown',
] as const;

/** `collect` runs before the lag gauges are read on a scrape (see collect-lag.ts). */
export function lagMetrics(registry: Registry, options: DefineOptions = {}) {
  return defineMetrics(registry, LAG_METRICS, options);
}
