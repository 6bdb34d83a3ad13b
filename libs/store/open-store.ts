/**
 * Opens the state store named by DATABASE_URL: SQLite through better-sqlite3 (WAL journal,
 * synchronous=NORMAL, one connection per process) or PostgreSQL through a pg Pool. Both speak the
 * same kysely query layer; the few dialect differences (sequences, locks) live beside the queries
 * that need them and switch on `store.dialect`.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { parseDatabaseUrl } from './parse-database-url.ts';
import type { StoreSchema } from './store-schema.ts';

export type StoreDialect = 'sqlite' | 'postgres';

/** What every query function takes: a database handle (pool or transaction) and its dialect. */
export interface StoreHandle {
  db: Kysely<StoreSchema>;
  dialect: StoreDialect;
}

/** A handle inside one SQL transaction. */
export interface StoreTx extends StoreHandle {
  db: Transaction<StoreSchema>;
}

export interface Store extends StoreHandle {
  /** Runs fn in one SQL transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** PostgreSQL pool size. */
  poolSize?: number;
  /** SQLite: how long a writer waits for another process's lock. */
  busyTimeoutMs?: number;
  /** PostgreSQL: how long opening a connection may take (default 10 s). */
  connectTimeoutMs?: number;
}

const INT8_OID = 20;

/** pg returns bigint as string by default; our bigints are epoch millis, offsets and sequences (< 2^53). */
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

export function openStore(databaseUrl: string, options: StoreOptions = {}): Store {
  const target = parseDatabaseUrl(databaseUrl);
  let db: Kysely<StoreSchema>;
  if (target.dialect === 'sqlite') {
    if (target.filename !== ':memory:') mkdirSync(dirname(target.filename), { recursive: true });
    const sqlite = new SqliteDatabase(target.filename);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    db = new Kysely<StoreSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
  } else {
    const pool = new pg.Pool({
      connectionString: target.connectionString,
      max: options.poolSize ?? 10,
      types: pgTypes,
      // A connect to a server that is restarting or unreachable fails after 10 s instead of waiting
      // for ever (pg's default), so a consumer's retry and readiness see it; keep-alive finds a peer
      // that vanished without closing the connection.
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      keepAlive: true,
    });
    pool.on('error', () => {
      // An idle client lost its connection; the pool replaces it and queries report their own errors.
    });
    pool.on('connect', (client) => {
      // A checked-out client whose server goes away (PostgreSQL restarted) emits 'error' too; without
      // a listener Node ends the process. Its query fails with the same error, which the caller handles.
      client.on('error', () => undefined);
    });
    db = new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool }) });
  }
  const dialect = target.dialect;
  return {
    db,
    dialect,
    transaction: (fn) => db.transaction().execute((trx) => fn({ db: trx, dialect })),
    close: () => db.destroy(),
  };
}
