/** Router configuration, from the environment (see README for the generated table). */
import { Type, type Static } from '@sinclair/typebox';
import { commonConfigProperties } from '../../libs/config/index.ts';

export const routerConfigSchema = Type.Object({
  ...commonConfigProperties,
  groupId: Type.String({ default: 'router', description: 'Consumer group of the router instances.' }),
  transactionalIdPrefix: Type.String({
    default: 'router',
    description: 'Prefix of the per-partition transactional ids (same for every instance of a deployment).',
  }),
  httpPort: Type.Integer({ default: 8082, description: 'Port of /metrics, /healthz and /readyz.' }),
  httpHost: Type.String({ default: '127.0.0.1', description: 'Interface the ops server binds to.' }),
  maxSegmentsPerEvent: Type.Integer({
    default: 1000,
    minimum: 1,
    description: 'Events with more segments than this are dead-lettered as invalid.',
  }),
  partitionsConsumedConcurrently: Type.Integer({
    default: 6,
    minimum: 1,
    description: 'Input partitions processed in parallel, each in its own transaction.',
  }),
  maxBytesPerPartition: Type.Integer({
    default: 1024 * 1024,
    description:
      'Fetch size per partition: bigger batches, fewer transactions. Keep at or under the broker message.max.bytes (1 MiB by default): kafkajs writes one record batch per partition.',
  }),
  transactionTimeoutMs: Type.Integer({ default: 30_000, description: 'Kafka transaction timeout.' }),
  sessionTimeoutMs: Type.Integer({
    default: 30_000,
    minimum: 6000,
    description: 'Consumer session timeout: how long a dead instance keeps its partitions.',
  }),
});

export type RouterConfig = Static<typeof routerConfigSchema>;
