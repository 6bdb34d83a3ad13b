/**
 * Migrations by owner (issue 15): each service migrates only the tables it uses, tracked in its own
 * kysely table (`<owner>_migration`), so two services sharing one database (docker-compose's
 * PostgreSQL) never see each other's migrations. The tables both use (consumer offsets, the change
 * sequence) come first in every set, from here. Names sort lexically; never rename or edit a
 * migration that has shipped: add one.
 *
 * Databases from before (one set for all ten tables, table `kysely_migration`): every migration
 * here is idempotent (tables, indexes and the sequence "if not exists", columns added when missing),
 * so an owner's first run on such a database finds its tables, adds what an older build had not
 * created yet, and records itself; the old `kysely_migration` table is left alone.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from './open-store.ts';

export type MigrationFactory = (dialect: StoreDialect) => Migration;

export interface MigrationSet {
  /** Owner name: the kysely tables are `<owner>_migration` and `<owner>_migration_lock`. */
  owner: string;
  migrations: Record<string, MigrationFactory>;
}

/** The owner's set: the shared tables first, then its own migrations (named from 0002 on). */
export function migrationSet(owner: string, own: Record<string, MigrationFactory>): MigrationSet {
  for (const name of Object.keys(own)) {
    if (name <= SHARED_NAME) throw new Error(`migration ${name} of ${owner} must sort after ${SHARED_NAME}`);
  }
  return { owner, migrations: { [SHARED_NAME]: offsetsAndSequence, ...own } };
}

const SHARED_NAME = '0001-offsets-and-sequence';

/** Consumer offsets stored with the state, and the change sequence (PostgreSQL sequence, SQLite row). */
function offsetsAndSequence(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('consumer_offsets')
        .ifNotExists()
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('partition', 'integer', (c) => c.notNull())
        .addColumn('next_offset', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('consumer_offsets_pk', ['group_id', 'topic', 'partition'])
        .execute();
      if (dialect === 'postgres') {
        await sql`create sequence if not exists change_seq`.execute(db);
      } else {
        await db.schema
          .createTable('store_sequences')
          .ifNotExists()
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('value', 'bigint', (c) => c.notNull())
          .execute();
        await sql`insert or ignore into store_sequences (name, value) values ('change_seq', 0)`.execute(db);
      }
    },
  };
}

/** Adds the columns a table lacks (a table created by an older build before they existed). */
export async function addMissingColumns(
  db: Kysely<unknown>,
  dialect: StoreDialect,
  table: string,
  columns: Record<string, 'bigint' | 'integer' | 'text'>,
): Promise<void> {
  const { rows } =
    dialect === 'postgres'
      ? await sql<{ name: string }>`select column_name as name from information_schema.columns
          where table_schema = current_schema() and table_name = ${table}`.execute(db)
      : await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
  if (rows.length === 0) throw new Error(`table ${table} does not exist`);
  const have = new Set(rows.map((r) => r.name));
  for (const [name, type] of Object.entries(columns)) {
    if (!have.has(name)) await db.schema.alterTable(table).addColumn(name, type).execute();
  }
}
