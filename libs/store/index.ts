export {
  openStore,
  type Store,
  type StoreTx,
  type StoreHandle,
  type StoreDialect,
  type StoreOptions,
} from './open-store.ts';
export { parseDatabaseUrl, type DatabaseTarget } from './parse-database-url.ts';
export { migrateToLatest } from './migrate-to-latest.ts';
export { addMissingColumns, migrationSet, type MigrationFactory, type MigrationSet } from './migrations.ts';
export { applyBatch } from './apply-batch.ts';
export type {
  SegmentUpsert,
  IdSyncUpsert,
  OffsetCommit,
  StateBatch,
  StateBatchResult,
} from './state-batch.ts';
export { loadOffsets } from './load-offsets.ts';
export type { StoreSchema } from './store-schema.ts';
export { databaseProbe } from './database-probe.ts';
