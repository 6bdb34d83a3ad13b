/**
 * Stores for tests, one fresh database per test, on both dialects:
 *   sqlite   a new file in a temporary directory;
 *   postgres a new schema (search_path) in the PostgreSQL named by DATABASE_URL, which must be set:
 *            `bash deploy/local/postgres.sh up` starts a local one and prints the variable.
 * No test skips because PostgreSQL is missing; it fails, naming the command above.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  migrateToLatest,
  openStore,
  type MigrationSet,
  type Store,
  type StoreDialect,
} from '../../libs/store/index.ts';
import { COOKIE_MIGRATIONS } from '../../services/cookie-delivery/migrations.ts';
import { S2S_MIGRATIONS } from '../../services/s2s-delivery/store/migrations.ts';

export const storeDialects: StoreDialect[] = ['sqlite', 'postgres'];

export interface TestDatabase {
  dialect: StoreDialect;
  /** DATABASE_URL of this test's database (hand it to a child process). */
  url: string;
  drop(): Promise<void>;
}

export function postgresUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(
      'Store tests need PostgreSQL: run `bash deploy/local/postgres.sh up` and export the DATABASE_URL it ' +
        `prints (postgres://...)${url ? `; DATABASE_URL is ${url}` : '; DATABASE_URL is not set'}.`,
    );
  }
  return url;
}

/** A fresh, empty database (not migrated) for one test. */
export async function createTestDatabase(dialect: StoreDialect, label: string): Promise<TestDatabase> {
  const suffix = randomUUID().replaceAll('-', '').slice(0, 10);
  if (dialect === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), `store-${label}-`));
    return {
      dialect,
      url: `sqlite://${join(dir, 'state.db')}`,
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const base = postgresUrl();
  const schema = `t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${suffix}`;
  await adminQuery(base, `create schema ${schema}`);
  const separator = base.includes('?') ? '&' : '?';
  return {
    dialect,
    url: `${base}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    drop: () => adminQuery(base, `drop schema if exists ${schema} cascade`),
  };
}

/**
 * A fresh database, opened and migrated (by default with both owners' sets, as a database shared by
 * cookie- and s2s-delivery); `drop` closes the store and removes the database.
 */
export async function createTestStore(
  dialect: StoreDialect,
  label: string,
  sets: MigrationSet[] = [COOKIE_MIGRATIONS, S2S_MIGRATIONS],
): Promise<{ store: Store; url: string; drop(): Promise<void> }> {
  const database = await createTestDatabase(dialect, label);
  const store = openStore(database.url);
  for (const set of sets) await migrateToLatest(store, set);
  return {
    store,
    url: database.url,
    async drop() {
      await store.close();
      await database.drop();
    },
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
