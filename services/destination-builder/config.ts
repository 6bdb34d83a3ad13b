/** Configuration of the destination builder (environment variables, validated at start). */
import { Type, type Static } from '@sinclair/typebox';
import { commonConfigProperties } from '../../libs/config/index.ts';
import { localExportConfigProperties } from '../../libs/destinations/local-export-config.ts';
import { secretBoxConfigProperties } from './validation/secret-box-config.ts';

export const builderConfigSchema = Type.Object({
  ...commonConfigProperties,
  ...secretBoxConfigProperties,
  ...localExportConfigProperties,
  host: Type.String({ default: '0.0.0.0', description: 'Address the HTTP API listens on.' }),
  port: Type.Integer({ default: 8080, minimum: 0, maximum: 65535, description: 'Port of the HTTP API.' }),
  bodyLimitBytes: Type.Integer({
    default: 1_048_576,
    minimum: 1024,
    description: 'Largest accepted request body; larger ones get 413.',
  }),
  checkResponses: Type.Boolean({
    default: false,
    description:
      'Check every answer against its documented response schema before it is sent (a mismatch, e.g. a field the schema lacks, is logged and answered 500). For development and tests; production serializes by the schema.',
  }),
  bootstrapAdminToken: Type.String({
    default: '',
    description:
      'Admin bearer token accepted in addition to the tokens topic (creates the first tokens); empty = none. Kept only hashed in memory.',
  }),
  outboundAllowList: Type.Array(Type.String(), {
    default: [],
    description: 'IPs, CIDRs or host names that destinations may target although not public (tests, demos).',
  }),
  allowHttpEndpoints: Type.Boolean({
    default: false,
    description: 'Accept http:// S2S endpoints and token URLs (AAM requires https; for local partners only).',
  }),
  transactionalId: Type.String({
    default: 'destination-builder',
    description:
      'Kafka transactional.id shared by every builder instance (fences zombie writers); the topic prefix is prepended.',
  }),
  uiDir: Type.String({
    default: '',
    description:
      'Folder of the built web UI served at /ui/ (`npm run build:ui`); empty = ui/dist beside the service; no UI when it has no index.html.',
  }),
  deliveryMetricsUrls: Type.Array(Type.String(), {
    default: [],
    description:
      'Prometheus /metrics URLs of the delivery services that GET /v1/delivery-stats reads for the UI charts; empty = no figures.',
  }),
  exportHistoryUrl: Type.String({
    default: '',
    description:
      'Base URL of the s2s-delivery ops port whose export history GET /v1/destinations/{id}/export-history reads; empty = none.',
  }),
  exportHistoryToken: Type.String({
    default: '',
    description: 'Bearer token for the s2s-delivery export API (its EXPORT_API_TOKEN); empty = none.',
  }),
  catchUpTimeoutMs: Type.Integer({
    default: 5000,
    minimum: 100,
    description: 'How long a request waits for the config topics to catch up (read-your-writes) before 503.',
  }),
});

export type BuilderConfig = Static<typeof builderConfigSchema>;
