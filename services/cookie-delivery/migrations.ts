/** cookie-delivery's tables (libs/store/migrations.ts: the shared ones first, one set per owner). */
import type { Kysely, Migration } from 'kysely';
import { migrationSet } from '../../libs/store/index.ts';

/** The cookie state of each user per destination: what the edge read endpoint serves. */
function cookieStates(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('cookie_states')
        .ifNotExists()
        .addColumn('uuid', 'text', (c) => c.notNull())
        .addColumn('destination_id', 'integer', (c) => c.notNull())
        .addColumn('cookie_name', 'text', (c) => c.notNull())
        .addColumn('cookie_value', 'text', (c) => c.notNull())
        .addColumn('spec', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('cookie_states_pk', ['uuid', 'destination_id'])
        .execute();
    },
  };
}

export const COOKIE_MIGRATIONS = migrationSet('cookie_delivery', { '0002-cookie-states': cookieStates });
