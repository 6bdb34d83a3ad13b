/** cookie-delivery configuration: environment variables (UPPER_SNAKE of each key), validated at start. */
import { Type, type Static } from '@sinclair/typebox';
import { commonConfigProperties } from '../../libs/config/index.ts';

const int = (def: number, description: string, minimum = 0) =>
  Type.Integer({ default: def, minimum, description });

export const cookieDeliveryConfigSchema = Type.Object({
  ...commonConfigProperties,
  groupId: Type.String({
    default: 'cookie-delivery',
    description: 'Consumer group of deliveries.cookie (also the key of the offsets stored with the state).',
  }),
  databaseUrl: Type.String({
    default: 'sqlite://cookie-delivery.db',
    description: 'State store: sqlite://<file> (embedded default) or postgres://user@host:port/db.',
  }),
  databasePoolSize: int(10, 'PostgreSQL connections (reads and writes share the pool).', 1),
  httpHost: Type.String({
    default: '0.0.0.0',
    description: 'Address of the edge read endpoint and /metrics /healthz /readyz.',
  }),
  httpPort: int(8084, 'Port of the edge read endpoint and /metrics /healthz /readyz (0 = any).'),
  partitionsConsumedConcurrently: int(3, 'Partitions handled at the same time by one instance.', 1),
});

export type CookieDeliveryConfig = Static<typeof cookieDeliveryConfigSchema>;
