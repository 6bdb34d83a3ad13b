/**
 * s2s-delivery metrics: the consume loop's (catalog), state counters, the shared delivery metrics
 * with destination_type="s2s" for real-time POSTs (one request = one batch of up to usersPerRequest
 * users: attempts{outcome=succeeded|retried|given_up} are batches sent / failed; latency = event time
 * of the batch's oldest change to the 2xx that delivered it), and the catalog export metrics (runs,
 * duration, rows, bytes, last success, next due, state rows, addressable/unaddressable users of the
 * last successful export). Export mode labels: full | incremental (docs/metrics.md).
 */
import { Counter } from 'prom-client';
import { consumerMetrics, deliveryMetrics, exportMetrics, type Registry } from '../../libs/metrics/index.ts';
import {
  statusClassOf,
  type CircuitState,
  type GateRefusal,
  type HttpOutcome,
} from '../../libs/http-delivery/index.ts';
import type { ExportMode } from './store/stream-users.ts';

const TYPE = 's2s';

export function createS2sDeliveryMetrics(registry: Registry) {
  const d = deliveryMetrics(registry);
  const exports = exportMetrics(registry);
  const labels = (destinationId: number) => ({
    destination_type: TYPE,
    destination_id: String(destinationId),
  });
  const modeLabels = (destinationId: number, mode: ExportMode) => ({
    destination_id: String(destinationId),
    mode: mode === 'iter' ? 'incremental' : 'full',
  });
  return {
    consumer: consumerMetrics(registry),
    exports,
    idSyncsExpired: new Counter({
      name: 'segdest_s2s_id_syncs_expired_total',
      help: 'ID syncs deleted because they were not seen for ID_SYNC_MAX_AGE_DAYS.',
      registers: [registry],
    }),
    stateChanges: new Counter({
      name: 'segdest_s2s_state_changes_total',
      help: 'Rows changed in the s2s state store, by kind segment|user|id_sync.',
      labelNames: ['state'],
      registers: [registry],
    }),
    realTimeQueued: new Counter({
      name: 'segdest_s2s_realtime_queued_users_total',
      help: 'Users queued for a real-time destination (state changed and addressable), per destination.',
      labelNames: ['destination_id'],
      registers: [registry],
    }),
    realTimeUsers: new Counter({
      name: 'segdest_s2s_realtime_users_total',
      help: 'Users in real-time batches that finished, by outcome succeeded|given_up.',
      labelNames: ['destination_id', 'outcome'],
      registers: [registry],
    }),
    sent(destinationId: number, outcome: HttpOutcome): void {
      d.sent.inc(labels(destinationId));
      d.requestDuration.observe(labels(destinationId), outcome.durationMs / 1000);
    },
    /** A batch answered 2xx: from the event time of its oldest change to the response. */
    delivered(destinationId: number, oldestEventTime: number, nowMs: number): void {
      d.latency.observe(labels(destinationId), Math.max(0, nowMs - oldestEventTime) / 1000);
    },
    attempt(
      destinationId: number,
      outcome: 'succeeded' | 'retried' | 'given_up',
      result: HttpOutcome | GateRefusal,
    ): void {
      const status = statusClassOf(result);
      d.attempts.inc({ ...labels(destinationId), outcome, status_class: status });
    },
    circuit(destinationId: number, state: CircuitState): void {
      d.setCircuitState(TYPE, String(destinationId), state);
    },
    sampleInFlight(read: () => Iterable<[destinationId: number, inFlight: number]>): void {
      d.sampleInFlight(TYPE, read);
    },
    exportFinished(
      destinationId: number,
      mode: ExportMode,
      result: {
        outcome: 'succeeded' | 'failed';
        seconds: number;
        lines: number;
        bytes: number;
        at: number;
        /** Users of the export's window: written (addressable) and left out for lack of a partner id. */
        users: { addressable: number; unaddressable: number };
      },
    ): void {
      const l = modeLabels(destinationId, mode);
      exports.runs.inc({ ...l, outcome: result.outcome });
      exports.duration.observe(l, result.seconds);
      if (result.outcome !== 'succeeded') return;
      exports.rows.inc(l, result.lines);
      exports.bytes.inc(l, result.bytes);
      exports.lastSuccess.set(l, result.at / 1000);
      const id = String(destinationId);
      exports.users.set({ destination_id: id, state: 'addressable' }, result.users.addressable);
      exports.users.set({ destination_id: id, state: 'unaddressable' }, result.users.unaddressable);
    },
    exportNextDue(destinationId: number, mode: ExportMode, at: number): void {
      exports.nextDue.set(modeLabels(destinationId, mode), at / 1000);
    },
  };
}

export type S2sDeliveryMetrics = ReturnType<typeof createS2sDeliveryMetrics>;
