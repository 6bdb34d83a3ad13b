/**
 * Migrations per owner (issue 15), on SQLite and PostgreSQL: each service creates only its tables,
 * tracked in its own migration table; two owners migrating one database at once both succeed; and a
 * database created by the single pre-issue-15 set (test/fixtures/legacy-migrations), fully or partly
 * migrated and holding data, is taken over without loss.
 */
import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openStore, type Store, type StoreDialect } from '../../libs/store/index.ts';
import { COOKIE_MIGRATIONS } from '../../services/cookie-delivery/migrations.ts';
import { S2S_MIGRATIONS } from '../../services/s2s-delivery/store/migrations.ts';
import { LEGACY_MIGRATIONS } from '../fixtures/legacy-migrations/index.ts';
import { createTestDatabase, storeDialects } from '../support/database.ts';

const COOKIE_TABLES = ['consumer_offsets', 'cookie_states'];
const S2S_TABLES = [
  'consumer_offsets',
  'destination_users',
  'export_history',
  'export_leases',
  'id_syncs',
  'realtime_batches',
  'realtime_outbox',
  'user_segments',
];

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function freshStore(dialect: StoreDialect, label: string): Promise<{ store: Store; url: string }> {
  const database = await createTestDatabase(dialect, label);
  cleanups.push(() => database.drop());
  const store = openStore(database.url);
  cleanups.push(() => store.close());
  return { store, url: database.url };
}

/** The product's tables (not kysely's own, not SQLite's). */
async function tables(store: Store): Promise<string[]> {
  const { rows } =
    store.dialect === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema()`.execute(store.db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(store.db);
  return rows
    .map((r) => r.name)
    .filter(
      (name) => !name.includes('migration') && !name.startsWith('sqlite_') && name !== 'store_sequences',
    )
    .sort();
}

async function columns(store: Store, table: string): Promise<string[]> {
  const { rows } =
    store.dialect === 'postgres'
      ? await sql<{ name: string }>`select column_name as name from information_schema.columns
          where table_schema = current_schema() and table_name = ${table}`.execute(store.db)
      : await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(store.db);
  return rows.map((r) => r.name).sort();
}

/** Runs the shipped single set as the old builds did (table kysely_migration), up to `last`. */
async function legacyMigrate(store: Store, last?: string): Promise<void> {
  const migrator = new Migrator({
    db: store.db as unknown as Kysely<unknown>,
    provider: {
      async getMigrations() {
        const built: Record<string, Migration> = {};
        for (const [name, create] of Object.entries(LEGACY_MIGRATIONS)) built[name] = create(store.dialect);
        return built;
      },
    },
    ...(store.dialect === 'postgres'
      ? {
          migrationTableSchema: (await sql<{ s: string }>`select current_schema() as s`.execute(store.db))
            .rows[0]!.s,
        }
      : {}),
  });
  const { error } = last === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(last);
  if (error) throw error;
}

const nextSeq = async (store: Store): Promise<number> =>
  store.dialect === 'postgres'
    ? Number((await sql<{ v: string }>`select nextval('change_seq') as v`.execute(store.db)).rows[0]!.v)
    : Number(
        (
          await sql<{ v: number }>`select value as v from store_sequences where name = 'change_seq'`.execute(
            store.db,
          )
        ).rows[0]!.v,
      );

describe.each(storeDialects)('migrations per owner (%s)', (dialect) => {
  it('each owner creates only its tables, recorded in its own migration table, once', async () => {
    const cookie = await freshStore(dialect, 'mig-cookie');
    expect(await migrateToLatest(cookie.store, COOKIE_MIGRATIONS)).toEqual([
      '0001-offsets-and-sequence',
      '0002-cookie-states',
    ]);
    expect(await tables(cookie.store)).toEqual(COOKIE_TABLES);
    expect(await migrateToLatest(cookie.store, COOKIE_MIGRATIONS)).toEqual([]);

    const s2s = await freshStore(dialect, 'mig-s2s');
    expect(await migrateToLatest(s2s.store, S2S_MIGRATIONS)).toEqual([
      '0001-offsets-and-sequence',
      '0002-s2s-state',
    ]);
    expect(await tables(s2s.store)).toEqual(S2S_TABLES);
    expect(await columns(s2s.store, 'realtime_outbox')).toContain('event_time');
  });

  it('one database shared by both owners: each keeps its own migrations, the shared tables once', async () => {
    const { store, url } = await freshStore(dialect, 'mig-shared');
    const other = openStore(url);
    cleanups.push(() => other.close());
    // At once, as compose starts cookie- and s2s-delivery on one PostgreSQL (serialized there by the
    // advisory lock); SQLite files are one per service, so one after the other.
    if (dialect === 'postgres') {
      await Promise.all([migrateToLatest(store, COOKIE_MIGRATIONS), migrateToLatest(other, S2S_MIGRATIONS)]);
    } else {
      await migrateToLatest(store, COOKIE_MIGRATIONS);
      await migrateToLatest(other, S2S_MIGRATIONS);
    }
    expect(await tables(store)).toEqual([...new Set([...COOKIE_TABLES, ...S2S_TABLES])].sort());
    expect(await migrateToLatest(other, COOKIE_MIGRATIONS)).toEqual([]);
    expect(await migrateToLatest(store, S2S_MIGRATIONS)).toEqual([]);
  });

  it('takes over a database of the old single set, with its data and its sequence', async () => {
    const { store } = await freshStore(dialect, 'mig-legacy');
    await legacyMigrate(store);
    await sql`insert into user_segments (destination_id, uuid, sid, value, member, updated_at, change_seq, changed_at)
      values (7, 'u1', 101, 'v', 1, 1000, 41, 1000)`.execute(store.db);
    await sql`insert into cookie_states (uuid, destination_id, cookie_name, cookie_value, spec, updated_at)
      values ('u1', 2, 'c', 'x=1', '{}', 1000)`.execute(store.db);
    await sql`insert into consumer_offsets (group_id, topic, partition, next_offset, updated_at)
      values ('g', 't', 0, 12, 1000)`.execute(store.db);
    if (dialect === 'postgres') await sql`select setval('change_seq', 41)`.execute(store.db);
    else await sql`update store_sequences set value = 41 where name = 'change_seq'`.execute(store.db);

    expect(await migrateToLatest(store, S2S_MIGRATIONS)).toEqual([
      '0001-offsets-and-sequence',
      '0002-s2s-state',
    ]);
    expect(await migrateToLatest(store, COOKIE_MIGRATIONS)).toEqual([
      '0001-offsets-and-sequence',
      '0002-cookie-states',
    ]);
    const count = async (table: string) =>
      Number(
        (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(store.db)).rows[0]!
          .n,
      );
    expect(await count('user_segments')).toBe(1);
    expect(await count('cookie_states')).toBe(1);
    expect(await count('consumer_offsets')).toBe(1);
    // The change sequence goes on from where the old build left it.
    expect(await nextSeq(store)).toBeGreaterThanOrEqual(41);
  });

  it('completes a database an older build left half-way (before the event-time columns)', async () => {
    const { store } = await freshStore(dialect, 'mig-partial');
    await legacyMigrate(store, '0002-real-time-outbox');
    expect(await columns(store, 'realtime_outbox')).not.toContain('event_time');
    await migrateToLatest(store, S2S_MIGRATIONS);
    expect(await columns(store, 'realtime_outbox')).toContain('event_time');
    expect(await columns(store, 'realtime_batches')).toContain('oldest_event_time');
  });
});
