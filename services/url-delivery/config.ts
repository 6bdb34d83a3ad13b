/** url-delivery configuration: environment variables (UPPER_SNAKE of each key), validated at start. */
import { Type, type Static } from '@sinclair/typebox';
import { commonConfigProperties } from '../../libs/config/index.ts';
import { partnerConfigProperties } from '../../libs/http-delivery/index.ts';

const int = (def: number, description: string, minimum = 0) =>
  Type.Integer({ default: def, minimum, description });

export const urlDeliveryConfigSchema = Type.Object({
  ...commonConfigProperties,
  ...partnerConfigProperties({ connectionsPerOrigin: 64, rateUnit: 'Requests' }),
  groupId: Type.String({
    default: 'url-delivery',
    description: 'Consumer group of deliveries.url and its retry topics.',
  }),
  httpHost: Type.String({
    default: '0.0.0.0',
    description: 'Address of the /metrics /healthz /readyz server.',
  }),
  httpPort: int(8083, 'Port of the /metrics /healthz /readyz server (0 = any).'),
  responseTimeoutMs: int(
    3000,
    'Time a partner has to send the response headers, and then its whole body (AAM: 3000 ms).',
    1,
  ),
  maxRedirects: int(2, 'Redirect hops followed (each to a public or allow-listed address only); 0 = none.'),
  maxAttempts: int(8, 'Calls per delivery before it is dead-lettered (retries_exhausted).', 1),
  maxAgeMs: int(3_600_000, 'Give up when the next attempt would come later than this after the first.', 1),
  maxInFlightPerDestination: int(256, 'Requests in flight per destination; more wait their turn.', 1),
  maxQueuedPerDestination: int(
    1000,
    'Calls that may wait for a slot of a stuck destination; more go to the retry topics (destination_busy).',
    1,
  ),
  stuckAfterMs: int(
    1000,
    'No answer from a destination for this long with all its slots taken marks it stuck.',
    1,
  ),
  maxUrlBytes: int(8192, 'Longest URL sent; longer serialized calls are split.', 256),
  partitionsConsumedConcurrently: int(12, 'Partitions handled at the same time by one instance.', 1),
  maxPendingRecords: int(
    4000,
    'Delivery requests fetched and not yet finished (calls running or queued) before fetching waits.',
    1,
  ),
  commitIntervalMs: int(
    500,
    'How often the offsets of finished delivery requests are committed (redelivered after a crash if not).',
    10,
  ),
  userAgent: Type.String({ default: 'segdest-url-delivery/0.1', description: 'User-Agent of pixel calls.' }),
});

export type UrlDeliveryConfig = Static<typeof urlDeliveryConfigSchema>;
