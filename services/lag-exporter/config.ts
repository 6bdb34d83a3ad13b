/** lag-exporter configuration: environment variables (UPPER_SNAKE of each key), validated at start. */
import { Type, type Static } from '@sinclair/typebox';
import { commonConfigProperties } from '../../libs/config/index.ts';

const int = (def: number, description: string, minimum = 0) =>
  Type.Integer({ default: def, minimum, description });

export const lagExporterConfigSchema = Type.Object({
  kafkaBrokers: commonConfigProperties.kafkaBrokers,
  logLevel: commonConfigProperties.logLevel,
  consumerGroups: Type.Array(Type.String(), {
    default: ['router', 'url-delivery', 'cookie-delivery', 's2s-delivery'],
    description: 'Consumer groups always reported (a missing one shows state Dead).',
  }),
  consumerGroupPrefix: Type.String({
    default: '',
    description:
      'Also report every consumer group whose id starts with this prefix; empty = only CONSUMER_GROUPS.',
  }),
  cacheTtlMs: int(
    5000,
    'Scrapes within this time of the last read reuse it (keep below the scrape interval).',
  ),
  concurrency: int(8, 'Admin requests in flight at once during a read.', 1),
  staleAfterMs: int(60000, '/readyz fails when the last successful read is older than this.', 1000),
  httpHost: Type.String({
    default: '0.0.0.0',
    description: 'Address of the /metrics /healthz /readyz server.',
  }),
  httpPort: int(8086, 'Port of the /metrics /healthz /readyz /status server (0 = any).'),
  statusTargets: Type.Array(Type.String({ pattern: '^[a-z0-9-]+=https?://' }), {
    default: [
      'destination-builder=http://127.0.0.1:8080/metrics',
      'router=http://127.0.0.1:8082/metrics',
      'url-delivery=http://127.0.0.1:8083/metrics',
      'cookie-delivery=http://127.0.0.1:8084/metrics',
      's2s-delivery=http://127.0.0.1:8085/metrics',
    ],
    description: 'Services the /status page plots, `name=<its /metrics URL>`, comma-separated.',
  }),
  statusPollMs: int(2000, 'How often the /status page polls /status.json.', 250),
  statusTimeoutMs: int(1500, 'Time each service has to answer a /status scrape of its /metrics.', 50),
});

export type LagExporterConfig = Static<typeof lagExporterConfigSchema>;
