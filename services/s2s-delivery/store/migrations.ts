/**
 * s2s-delivery's tables (libs/store/migrations.ts: the shared ones first, one set per owner):
 *   destination_users, user_segments   the audience of each destination (state, change sequence)
 *   id_syncs                           partner ids per (uuid, data provider), with when last seen
 *   export_history, export_leases      batch exports: what ran, and who may run one now
 *   realtime_outbox, realtime_batches  the real-time queue: users waiting to be sent, and the POSTs
 *                                      built from them, frozen until accepted or given up
 * Idempotent, for databases created by the single pre-issue-15 set: tables and indexes "if not
 * exists", and the event-time columns (added by its third migration) added when missing.
 */
import type { Kysely } from 'kysely';
import { addMissingColumns, migrationSet, type MigrationFactory } from '../../../libs/store/index.ts';

const s2sState: MigrationFactory = (dialect) => ({
  async up(db: Kysely<unknown>) {
    const idType = dialect === 'postgres' ? 'bigint' : 'integer';
    await db.schema
      .createTable('destination_users')
      .ifNotExists()
      .addColumn('destination_id', 'integer', (c) => c.notNull())
      .addColumn('uuid', 'text', (c) => c.notNull())
      .addColumn('dpid', 'integer', (c) => c.notNull())
      .addColumn('change_seq', 'bigint', (c) => c.notNull())
      .addColumn('changed_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('destination_users_pk', ['destination_id', 'uuid'])
      .execute();
    // An ID sync arriving for (uuid, dpid) marks that user changed in every destination of the namespace.
    await db.schema
      .createIndex('destination_users_by_uuid')
      .ifNotExists()
      .on('destination_users')
      .columns(['uuid', 'dpid'])
      .execute();

    await db.schema
      .createTable('user_segments')
      .ifNotExists()
      .addColumn('destination_id', 'integer', (c) => c.notNull())
      .addColumn('uuid', 'text', (c) => c.notNull())
      .addColumn('sid', 'integer', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('member', 'smallint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('change_seq', 'bigint', (c) => c.notNull())
      .addColumn('changed_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('user_segments_pk', ['destination_id', 'uuid', 'sid'])
      .execute();

    await db.schema
      .createTable('id_syncs')
      .ifNotExists()
      .addColumn('uuid', 'text', (c) => c.notNull())
      .addColumn('dpid', 'integer', (c) => c.notNull())
      .addColumn('dpuuid', 'text', (c) => c.notNull())
      .addColumn('seen_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('id_syncs_pk', ['uuid', 'dpid'])
      .execute();
    await db.schema
      .createIndex('id_syncs_by_seen_at')
      .ifNotExists()
      .on('id_syncs')
      .column('seen_at')
      .execute();

    await db.schema
      .createTable('export_history')
      .ifNotExists()
      .addColumn('id', idType, (c) =>
        dialect === 'postgres'
          ? c.primaryKey().generatedByDefaultAsIdentity()
          : c.primaryKey().autoIncrement(),
      )
      .addColumn('destination_id', 'integer', (c) => c.notNull())
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('finished_at', 'bigint')
      .addColumn('duration_ms', 'bigint')
      .addColumn('files', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('user_count', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('line_count', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('byte_count', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('watermark_from', 'bigint', (c) => c.notNull())
      .addColumn('watermark_to', 'bigint', (c) => c.notNull())
      .addColumn('error', 'text')
      .execute();
    await db.schema
      .createIndex('export_history_by_destination')
      .ifNotExists()
      .on('export_history')
      .columns(['destination_id', 'id'])
      .execute();

    await db.schema
      .createTable('export_leases')
      .ifNotExists()
      .addColumn('destination_id', 'integer', (c) => c.primaryKey())
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('generation', 'bigint', (c) => c.notNull())
      .addColumn('acquired_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('realtime_outbox')
      .ifNotExists()
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
      .ifNotExists()
      .on('realtime_outbox')
      .columns(['destination_id', 'enqueued_at'])
      .execute();

    await db.schema
      .createTable('realtime_batches')
      .ifNotExists()
      .addColumn('id', idType, (c) =>
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
      .ifNotExists()
      .on('realtime_batches')
      .columns(['destination_id', 'id'])
      .execute();

    // Event times of the real-time latency (null for rows queued before they existed).
    await addMissingColumns(db, dialect, 'realtime_outbox', { event_time: 'bigint' });
    await addMissingColumns(db, dialect, 'realtime_batches', { oldest_event_time: 'bigint' });
  },
});

export const S2S_MIGRATIONS = migrationSet('s2s_delivery', { '0002-s2s-state': s2sState });
