/** The first schema: segment state, ID syncs, offsets, export history and leases, cookie state. */
import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from '../open-store.ts';

export function initial(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('destination_users')
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
        .on('destination_users')
        .columns(['uuid', 'dpid'])
        .execute();

      await db.schema
        .createTable('user_segments')
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
        .addColumn('uuid', 'text', (c) => c.notNull())
        .addColumn('dpid', 'integer', (c) => c.notNull())
        .addColumn('dpuuid', 'text', (c) => c.notNull())
        .addColumn('seen_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('id_syncs_pk', ['uuid', 'dpid'])
        .execute();
      await db.schema.createIndex('id_syncs_by_seen_at').on('id_syncs').column('seen_at').execute();

      await db.schema
        .createTable('export_history')
        .addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
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
        .on('export_history')
        .columns(['destination_id', 'id'])
        .execute();

      await db.schema
        .createTable('consumer_offsets')
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('partition', 'integer', (c) => c.notNull())
        .addColumn('next_offset', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('consumer_offsets_pk', ['group_id', 'topic', 'partition'])
        .execute();

      await db.schema
        .createTable('export_leases')
        .addColumn('destination_id', 'integer', (c) => c.primaryKey())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('generation', 'bigint', (c) => c.notNull())
        .addColumn('acquired_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('cookie_states')
        .addColumn('uuid', 'text', (c) => c.notNull())
        .addColumn('destination_id', 'integer', (c) => c.notNull())
        .addColumn('cookie_name', 'text', (c) => c.notNull())
        .addColumn('cookie_value', 'text', (c) => c.notNull())
        .addColumn('spec', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('cookie_states_pk', ['uuid', 'destination_id'])
        .execute();

      // Change sequence: a real sequence in PostgreSQL, a counter row in SQLite (single writer).
      if (dialect === 'postgres') {
        await sql`create sequence change_seq`.execute(db);
      } else {
        await db.schema
          .createTable('store_sequences')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('value', 'bigint', (c) => c.notNull())
          .execute();
        await sql`insert into store_sequences (name, value) values ('change_seq', 0)`.execute(db);
      }
    },
  };
}
