/** publisher CLI configuration: environment variables (UPPER_SNAKE of each key); the file is an argument. */
import { Type, type Static } from '@sinclair/typebox';
import { commonConfigProperties } from '../../libs/config/index.ts';

export const publisherConfigSchema = Type.Object({
  ...commonConfigProperties,
  publishBatchSize: Type.Integer({ default: 500, minimum: 1, description: 'Events per produce request.' }),
});

export type PublisherConfig = Static<typeof publisherConfigSchema>;
