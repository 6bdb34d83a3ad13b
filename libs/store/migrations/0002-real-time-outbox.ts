/**
 * Real-time S2S delivery queue: `realtime_outbox` holds users waiting to be sent to a real-time
 * destination (one row per destination and user, written in the same transaction as the state
 * change, so no change is lost to a crash); `realtime_batches` holds the POSTs built from it, frozen
 * (body and delivery id stay the same across retries) until the partner accepts them or we give up.
 */
import type { Kysely, Migration } from 'kysely';
import type { StoreDialect } from '../open-store.ts';

export function realTimeOutbox(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('realtime_outbox')
        .addColumn('destination_id', 'integer', (c) => c.notNull())
        .addColumn('uuid', 'text', (c) => c.notNull())
        .addColumn('dpid', 'integer', (c) => c.notNull())
        .addColumn('change_seq', 'bigint', (c) => c.notNull())
        .addColumn('enqueued_at', 'bigint', (c) => c.notNull())
        .addColumn('regions', 'text', (c) => c.notNull().defaultTo('[]'))
        .addPrimaryKeyConstraint('realtime_outbox_pk', ['destination_id', 'uuid'])
        .execute();
      await db.schema
        .createIndex('realtime_outbox_by_age')
        .on('realtime_outbox')
        .columns(['destination_id', 'enqueued_at'])
        .execute();

      await db.schema
        .createTable('realtime_batches')
        .addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
          dialect === 'postgres'
            ? c.primaryKey().generatedByDefaultAsIdentity()
            : c.primaryKey().autoIncrement(),
        )
        .addColumn('destination_id', 'integer', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('user_count', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('first_attempt_at', 'bigint')
        .addColumn('due_at', 'bigint', (c) => c.notNull())
        .addColumn('claimed_by', 'text')
        .addColumn('claim_until', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('last_status', 'integer')
        .addColumn('last_reason', 'text')
        .execute();
      await db.schema
        .createIndex('realtime_batches_by_destination')
        .on('realtime_batches')
        .columns(['destination_id', 'id'])
        .execute();
    },
  };
}
