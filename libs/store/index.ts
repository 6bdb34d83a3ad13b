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
export { applyBatch } from './apply-batch.ts';
export type {
  SegmentUpsert,
  IdSyncUpsert,
  OffsetCommit,
  StateBatch,
  StateBatchResult,
} from './state-batch.ts';
export { loadOffsets } from './load-offsets.ts';
export { readWatermark } from './read-watermark.ts';
export { countAudience, type AudienceCount, type CountAudienceOptions } from './count-audience.ts';
export {
  streamUsers,
  type ExportMode,
  type ExportUser,
  type ExportSegment,
  type StreamUsersOptions,
} from './stream-users.ts';
export {
  acquireExportLease,
  renewExportLease,
  releaseExportLease,
  type ExportLease,
  type LeaseRequest,
} from './export-lease.ts';
export {
  startExport,
  finishExport,
  listExports,
  lastSuccessfulExport,
  type ExportRecord,
  type ExportOutcome,
  type ExportStart,
  type ExportFinish,
} from './export-history.ts';
export { expireIdSyncs } from './expire-id-syncs.ts';
export { putCookieStates, getCookieStates, type CookieState } from './cookie-states.ts';
export type { StoreSchema } from './store-schema.ts';
export { enqueueRealTime, type EnqueueRealTime } from './enqueue-real-time.ts';
export {
  takeRealTimeUsers,
  insertRealTimeBatch,
  claimRealTimeBatch,
  retryRealTimeBatch,
  deleteRealTimeBatch,
  realTimeBacklog,
  realTimeDestinationsWithWork,
  oldestEventTime,
  type RealTimeUser,
  type RealTimeBatch,
  type RealTimeBacklog,
} from './real-time-queue.ts';
export { countStateRows } from './count-state-rows.ts';
export { databaseProbe } from './database-probe.ts';
