/**
 * all-in-one configuration: every service in one process, on embedded defaults (SQLite files under
 * STATE_DIR, the local stack). Ports follow docs/metrics.md; each is overridable (0 = any free port).
 * The per-service configs are derived from these values and validated by each service's own schema.
 */
import { Type, type Static } from '@sinclair/typebox';
import { commonConfigProperties } from '../../libs/config/index.ts';
import { localExportConfigProperties } from '../../libs/destinations/local-export-config.ts';

const port = (def: number, service: string) =>
  Type.Integer({
    default: def,
    minimum: 0,
    maximum: 65535,
    description: `Port of ${service} (0 = any free port).`,
  });

export const allInOneConfigSchema = Type.Object({
  ...commonConfigProperties,
  httpHost: Type.String({ default: '127.0.0.1', description: 'Interface every HTTP server binds to.' }),
  builderPort: port(8080, 'the destination builder API, UI and /docs'),
  routerPort: port(8082, 'the router ops server'),
  urlDeliveryPort: port(8083, 'the url-delivery ops server'),
  cookieDeliveryPort: port(8084, 'the cookie edge endpoint and ops server'),
  s2sDeliveryPort: port(8085, 'the s2s-delivery ops server'),
  lagExporterPort: port(8086, 'the lag exporter'),
  stateDir: Type.String({
    default: '.local/all-in-one',
    description:
      'Directory of the embedded SQLite stores (cookie and s2s state) and the generated secret key.',
  }),
  cookieDatabaseUrl: Type.String({
    default: '',
    description: 'Cookie state store; empty = sqlite file in STATE_DIR.',
  }),
  s2sDatabaseUrl: Type.String({
    default: '',
    description: 'S2S state store; empty = sqlite file in STATE_DIR.',
  }),
  secretKeys: Type.String({
    default: '',
    description:
      'AES-256-GCM keys for destination secrets (`<keyId>:<base64 32 bytes>`, comma-separated); empty = a key generated once and kept in STATE_DIR/secret-keys.',
  }),
  bootstrapAdminToken: Type.String({
    default: '',
    description: 'Admin bearer token of the builder API (creates the first tokens); empty = none.',
  }),
  outboundAllowList: Type.Array(Type.String(), {
    default: [],
    description:
      'Non-public addresses partners may use (the demo allow-lists 127.0.0.1); builder and delivery services.',
  }),
  ...localExportConfigProperties,
  allowHttpEndpoints: Type.Boolean({
    default: false,
    description: 'Accept http:// S2S endpoints and token URLs (local partners only).',
  }),
  bootstrap: Type.Boolean({ default: true, description: 'Create the topic catalog before starting.' }),
  dataPartitions: Type.Integer({
    default: 6,
    minimum: 1,
    description: 'Partitions of the data topics created by the bootstrap step.',
  }),
});

export type AllInOneConfig = Static<typeof allInOneConfigSchema>;
