/**
 * cookie-delivery metrics (docs/metrics.md): per destination, cookie states written (stored |
 * removed), requests rejected (by reason), segments dropped by the size cap and cookies served; the
 * latency of one edge read (histogram, by outcome hit | miss | invalid); plus the consume loop's
 * metrics (records, batches, dead letters).
 */
import { consumerMetrics, cookieMetrics, type Registry } from '../../libs/metrics/index.ts';
import type { RejectReason } from './classify.ts';

export type CookieDeliveryMetrics = ReturnType<typeof cookieDeliveryMetrics>;
export type ReadOutcome = 'hit' | 'miss' | 'invalid';

export function cookieDeliveryMetrics(registry: Registry) {
  const m = cookieMetrics(registry);
  const consumer = consumerMetrics(registry);
  return {
    consumer,
    written(destinationId: number, outcome: 'stored' | 'removed'): void {
      m.written.inc({ destination_id: String(destinationId), outcome });
    },
    rejected(destinationId: number, reason: RejectReason): void {
      m.rejected.inc({ destination_id: String(destinationId), reason });
    },
    segmentsDropped(destinationId: number, count: number): void {
      if (count > 0) m.segmentsDropped.inc({ destination_id: String(destinationId) }, count);
    },
    served(destinationId: number): void {
      m.served.inc({ destination_id: String(destinationId) });
    },
    read(outcome: ReadOutcome, seconds: number): void {
      m.readDuration.observe({ outcome }, seconds);
    },
  };
}
