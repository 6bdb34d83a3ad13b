/**
 * Brings an owner's tables to its latest migration (kysely Migrator; the sets are in
 * migrations.ts): tracked in `<owner>_migration`, so each service sees only its own migrations.
 * Idempotent. Concurrent starts are serialized by kysely's lock per owner and, on PostgreSQL, by one
 * advisory lock for every owner: two services sharing a database never create the shared tables at
 * the same moment.
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { AppError } from '../errors/index.ts';
import type { MigrationSet } from './migrations.ts';
import type { Store } from './open-store.ts';

/** pg_advisory_lock keys shared by every owner's migrations ("segd", 1). */
const LOCK_CLASS = 0x73656764;
const LOCK_ID = 1;

export async function migrateToLatest(store: Store, set: MigrationSet): Promise<string[]> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const built: Record<string, Migration> = {};
      for (const [name, create] of Object.entries(set.migrations)) built[name] = create(store.dialect);
      return built;
    },
  };
  const run = async (db: Kysely<unknown>) => {
    // kysely looks its own tables up across all schemas unless told which: pin it to ours, so
    // databases that share a PostgreSQL cluster by schema (search_path) never see each other's.
    const migrationTableSchema = store.dialect === 'postgres' ? await currentSchema(db) : undefined;
    return new Migrator({
      db,
      provider,
      migrationTableName: `${set.owner}_migration`,
      migrationLockTableName: `${set.owner}_migration_lock`,
      ...(migrationTableSchema === undefined ? {} : { migrationTableSchema }),
    }).migrateToLatest();
  };
  const { error, results } =
    store.dialect === 'postgres'
      ? await store.db.connection().execute(async (db) => {
          await sql`select pg_advisory_lock(${LOCK_CLASS}, ${LOCK_ID})`.execute(db);
          try {
            return await run(db as unknown as Kysely<unknown>);
          } finally {
            await sql`select pg_advisory_unlock(${LOCK_CLASS}, ${LOCK_ID})`.execute(db);
          }
        })
      : await run(store.db as unknown as Kysely<unknown>);
  if (error !== undefined) {
    throw new AppError('database', `migration failed: ${(error as Error).message ?? String(error)}`, {
      retriable: false,
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

async function currentSchema(db: Kysely<unknown>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0]!.schema;
}
