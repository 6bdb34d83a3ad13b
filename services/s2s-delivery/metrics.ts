/** s2s-delivery metrics: the consume loop's (catalog) plus state counters and audience gauges. */
import { Counter, Gauge } from 'prom-client';
import { consumerMetrics, type Registry } from '../../libs/metrics/index.ts';

export function createS2sDeliveryMetrics(registry: Registry) {
  return {
    consumer: consumerMetrics(registry),
    stateChanges: new Counter({
      name: 'segdest_s2s_state_changes_total',
      help: 'Rows changed in the s2s state store, by kind segment|user|id_sync.',
      labelNames: ['state'],
      registers: [registry],
    }),
    audience: new Gauge({
      name: 'segdest_s2s_audience_users',
      help: 'Users with live segments per destination, by state addressable|unaddressable (has an unexpired ID sync).',
      labelNames: ['destination_id', 'state'],
      registers: [registry],
    }),
  };
}

export type S2sDeliveryMetrics = ReturnType<typeof createS2sDeliveryMetrics>;
