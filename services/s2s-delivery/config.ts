/** s2s-delivery configuration, from the environment (see README for the generated table). */
import { Type, type Static } from '@sinclair/typebox';
import { commonConfigProperties } from '../../libs/config/index.ts';
import { partnerConfigProperties } from '../../libs/http-delivery/index.ts';
import { localExportConfigProperties } from '../../libs/destinations/local-export-config.ts';
import type { RetryPolicy } from '../../libs/http-delivery/index.ts';

const int = (def: number, description: string, minimum = 0) =>
  Type.Integer({ default: def, minimum, description });

export const s2sDeliveryConfigSchema = Type.Object({
  ...commonConfigProperties,
  ...partnerConfigProperties({ connectionsPerOrigin: 16, rateUnit: 'Real-time POSTs' }),
  groupId: Type.String({
    default: 's2s-delivery',
    description: 'Consumer group of the s2s-delivery instances.',
  }),
  databaseUrl: Type.String({
    default: 'sqlite:.local/s2s-delivery/state.db',
    description:
      'State store: sqlite:///path/file.db (embedded), sqlite::memory: or postgres://user@host:port/db.',
  }),
  httpPort: Type.Integer({
    default: 8085,
    minimum: 0,
    description: 'Port of /metrics, /healthz and /readyz.',
  }),
  httpHost: Type.String({ default: '127.0.0.1', description: 'Interface the ops server binds to.' }),
  partitionsConsumedConcurrently: Type.Integer({
    default: 1,
    minimum: 1,
    description: 'Input partitions applied in parallel (keep 1 on SQLite, which has one writer).',
  }),
  maxBytesPerPartition: Type.Integer({
    default: 1024 * 1024,
    minimum: 1024,
    description: 'Fetch size per partition: bigger batches, fewer SQL transactions.',
  }),
  sessionTimeoutMs: Type.Integer({
    default: 30_000,
    minimum: 6000,
    description: 'Consumer group session timeout: how long a dead instance keeps its partitions.',
  }),
  idSyncMaxAgeDays: Type.Integer({
    default: 120,
    minimum: 1,
    description: 'ID syncs not seen for this long count as expired (AAM: 120 days).',
  }),
  idSyncExpiryMs: Type.Integer({
    default: 3_600_000,
    minimum: 100,
    description:
      'How often ID syncs older than ID_SYNC_MAX_AGE_DAYS are deleted (queries already ignore them; this reclaims the rows). Also run at start.',
  }),
  audienceRefreshMs: Type.Integer({
    default: 60_000,
    minimum: 1000,
    description: 'How often the state row gauges (segdest_export_state_rows) are recounted.',
  }),
  instanceId: Type.String({
    default: '',
    description: 'Holder name of export leases and real-time batch claims; empty = <hostname>-<pid>.',
  }),
  exportApiToken: Type.String({
    default: '',
    description:
      'Bearer token the export API (/v1/destinations/{id}/exports, /replay) requires; give the builder the same as EXPORT_HISTORY_TOKEN. Empty = open (warned at start).',
  }),
  secretKeys: Type.Array(Type.String({ minLength: 3 }), {
    default: [],
    description:
      'AES-256-GCM keys of destination secrets (OAuth secret, HMAC key, SSH key), comma-separated `<keyId>:<base64 32 bytes>`.',
  }),
  // Real-time HTTP (SPEC §3 S2S real-time): batching and timeout come from each destination.
  maxAttempts: int(
    0,
    'POSTs per real-time batch before it is dead-lettered (retries_exhausted); 0 = no count limit, MAX_AGE_MS decides: the head batch of a destination whose partner is down keeps being tried every RETRY_DELAYS_MS[-1] until it is that old.',
  ),
  maxAgeMs: int(
    3_600_000,
    'Give a batch up when its next attempt would come later than this after the first.',
    1,
  ),
  retryDelaysMs: Type.Array(Type.Integer({ minimum: 1 }), {
    default: [1000, 5000, 15_000, 30_000],
    description:
      'Backoff of real-time retries (JSON array of ms): the n-th retry waits the n-th delay (the last repeats), ±jitter. The last is how long a partner that answers again may wait for its queue to move (the head batch blocks its destination).',
  }),
  userAgent: Type.String({
    default: 'segdest-s2s-delivery/0.1',
    description: 'User-Agent of real-time POSTs.',
  }),
  realTimePollMs: int(1000, 'Rescan of the real-time queue for work this instance was not woken for.', 10),
  realTimeClaimMs: int(
    30000,
    'How long a real-time batch stays claimed by its sender (crash takeover).',
    1000,
  ),
  tokenLifetimeMs: int(3_600_000, 'OAuth2 token lifetime when the token response has no expires_in.', 1000),
  // Batch export (SPEC §4 files): schedule, modes, target and layout come from each destination.
  exportsEnabled: Type.Boolean({
    default: true,
    description: 'Run scheduled batch exports in this instance.',
  }),
  ...localExportConfigProperties,
  exportStagingDir: Type.String({
    default: '.local/s2s-delivery/staging',
    description: 'Local directory where SFTP export files are built before upload.',
  }),
  exportCheckMs: int(5000, 'How often the export scheduler looks for due exports.', 10),
  exportRetryMs: int(
    60000,
    'Wait before a failed export is tried again (never advancing the watermark).',
    10,
  ),
  exportLeaseMs: int(60000, 'Export lease time; renewed while the export runs.', 100),
  exportPageUsers: int(2000, 'Users read from the database per page while exporting.', 1),
});

export type S2sDeliveryConfig = Static<typeof s2sDeliveryConfigSchema>;

/** The retry policy of real-time batches (the head batch of a destination: see README "Retries"). */
export function realTimeRetryPolicy(config: S2sDeliveryConfig): RetryPolicy {
  return {
    maxAttempts: config.maxAttempts,
    maxAgeMs: config.maxAgeMs,
    delaysMs: config.retryDelaysMs,
    jitter: config.retryJitter,
  };
}
