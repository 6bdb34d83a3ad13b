/**
 * Metrics of every consume loop (ConsumerRunner): records consumed, batch size and duration, dead
 * letters. `hooks` plugs straight into ConsumerRunnerOptions.hooks.
 */
import type { Registry } from 'prom-client';
import { BUCKETS } from './buckets.ts';
import { defineMetrics } from './define-metrics.ts';
import type { MetricSpecs } from './metric-spec.ts';

export const CONSUMER_METRICS = {
  records: {
    name: 'segdest_consumer_records_total',
    type: 'counter',
    help: 'Records consumed and committed, per source topic (dead letters included).',
    labels: ['topic'],
  },
  batchSize: {
    name: 'segdest_consumer_batch_size_records',
    type: 'histogram',
    help: 'Records per consumed batch.',
    labels: ['topic'],
    buckets: BUCKETS.records,
  },
  batchDuration: {
    name: 'segdest_consumer_batch_duration_seconds',
    type: 'histogram',
    help: 'Time to decode, handle, produce and commit one batch.',
    labels: ['topic'],
    buckets: BUCKETS.fast,
  },
  deadLetters: {
    name: 'segdest_dead_letters_total',
    type: 'counter',
    help: 'Records sent to the dead-letter topic, by reason code and source topic.',
    labels: ['topic', 'reason'],
  },
} as const satisfies MetricSpecs;

export interface ConsumerHooks {
  onBatchDone(stats: { topic: string; records: number; seconds: number }): void;
  onDeadLetter(reason: string, topic: string): void;
}

export function consumerMetrics(registry: Registry) {
  const m = defineMetrics(registry, CONSUMER_METRICS);
  const hooks: ConsumerHooks = {
    onBatchDone({ topic, records, seconds }) {
      m.records.inc({ topic }, records);
      m.batchSize.observe({ topic }, records);
      m.batchDuration.observe({ topic }, seconds);
    },
    onDeadLetter(reason, topic) {
      m.deadLetters.inc({ topic, reason });
    },
  };
  return { ...m, hooks };
}
