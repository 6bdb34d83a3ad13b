/**
 * Metrics of s2s scheduled exports (files + .info) and the state they are built from, per
 * destination and mode (full|incremental). Overdue exports are alerted on next_due_timestamp.
 */
import type { Registry } from 'prom-client';
import { BUCKETS } from './buckets.ts';
import { defineMetrics } from './define-metrics.ts';
import type { MetricSpecs } from './metric-spec.ts';

export const EXPORT_METRICS = {
  runs: {
    name: 'segdest_export_runs_total',
    type: 'counter',
    help: 'Export runs finished, by outcome succeeded|failed.',
    labels: ['destination_id', 'mode', 'outcome'],
  },
  duration: {
    name: 'segdest_export_duration_seconds',
    type: 'histogram',
    help: 'Duration of one export run (query, write temp file, rename, manifest).',
    labels: ['destination_id', 'mode'],
    buckets: BUCKETS.job,
  },
  rows: {
    name: 'segdest_export_rows_total',
    type: 'counter',
    help: 'Rows written to export files.',
    labels: ['destination_id', 'mode'],
  },
  bytes: {
    name: 'segdest_export_bytes_total',
    type: 'counter',
    help: 'Bytes written to export files.',
    labels: ['destination_id', 'mode'],
  },
  lastSuccess: {
    name: 'segdest_export_last_success_timestamp_seconds',
    type: 'gauge',
    help: 'Unix time of the last successful export.',
    labels: ['destination_id', 'mode'],
  },
  nextDue: {
    name: 'segdest_export_next_due_timestamp_seconds',
    type: 'gauge',
    help: 'Unix time the next export is scheduled for; stays in the past while a run is overdue.',
    labels: ['destination_id', 'mode'],
  },
  stateRows: {
    name: 'segdest_export_state_rows',
    type: 'gauge',
    help: 'Rows of accumulated user state held for the destination.',
    labels: ['destination_id'],
  },
  users: {
    name: 'segdest_export_users',
    type: 'gauge',
    help: 'Users in the last export, state addressable (has a partner id) or unaddressable.',
    labels: ['destination_id', 'state'],
  },
} as const satisfies MetricSpecs;

export function exportMetrics(registry: Registry) {
  return defineMetrics(registry, EXPORT_METRICS);
}
