/**
 * Brings the schema to the latest migration (kysely Migrator, migrations as TS modules under
 * migrations/). Idempotent; concurrent starts are serialized by kysely's migration lock.
 */
import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import { AppError } from '../errors/index.ts';
import { migrations } from './migrations/index.ts';
import type { Store } from './open-store.ts';

export async function migrateToLatest(store: Store): Promise<string[]> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const built: Record<string, Migration> = {};
      for (const [name, create] of Object.entries(migrations)) built[name] = create(store.dialect);
      return built;
    },
  };
  // kysely looks its own tables up across all schemas unless told which: pin it to ours, so
  // databases that share a PostgreSQL cluster by schema (search_path) never see each other's.
  const migrationTableSchema = store.dialect === 'postgres' ? await currentSchema(store) : undefined;
  const { error, results } = await new Migrator({
    db: store.db,
    provider,
    ...(migrationTableSchema === undefined ? {} : { migrationTableSchema }),
  }).migrateToLatest();
  if (error !== undefined) {
    throw new AppError('database', `migration failed: ${(error as Error).message ?? String(error)}`, {
      retriable: false,
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

async function currentSchema(store: Store): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db);
  return rows[0]!.schema;
}
