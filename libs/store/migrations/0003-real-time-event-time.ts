/**
 * Event times for the s2s real-time latency (segdest_delivery_latency_seconds, docs/metrics.md):
 * `realtime_outbox.event_time` is the event time of the change that queued the user (the
 * qualification's eventTime, or the ID sync's seenAt when a sync made the user addressable), and
 * `realtime_batches.oldest_event_time` the oldest of those in the batch. Rows queued before this
 * migration keep null (unknown): their batches are delivered but not observed.
 */
import type { Kysely, Migration } from 'kysely';

export function realTimeEventTime(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('realtime_outbox').addColumn('event_time', 'bigint').execute();
      await db.schema.alterTable('realtime_batches').addColumn('oldest_event_time', 'bigint').execute();
    },
  };
}
