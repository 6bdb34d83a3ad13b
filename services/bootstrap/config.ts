/** bootstrap configuration: environment variables (UPPER_SNAKE of each key), validated at start. */
import { Type, type Static } from '@sinclair/typebox';
import { commonConfigProperties } from '../../libs/config/index.ts';

export const bootstrapConfigSchema = Type.Object({
  ...commonConfigProperties,
  dataPartitions: Type.Integer({
    default: 6,
    minimum: 1,
    description:
      'Partitions of the data topics (qualifications, id-syncs, deliveries.*): the ceiling of consumer instances.',
  }),
  replicationFactor: Type.Integer({
    default: 1,
    minimum: 1,
    description: 'Replication factor of created topics (3 in production).',
  }),
});

export type BootstrapConfig = Static<typeof bootstrapConfigSchema>;
