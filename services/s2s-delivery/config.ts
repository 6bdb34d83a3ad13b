/** s2s-delivery configuration, from the environment (see README for the generated table). */
import { Type, type Static } from '@sinclair/typebox';
import { commonConfigProperties } from '../../libs/config/index.ts';

export const s2sDeliveryConfigSchema = Type.Object({
  ...commonConfigProperties,
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
  audienceRefreshMs: Type.Integer({
    default: 60_000,
    minimum: 1000,
    description: 'How often the addressable/unaddressable user gauges are recounted.',
  }),
});

export type S2sDeliveryConfig = Static<typeof s2sDeliveryConfigSchema>;
