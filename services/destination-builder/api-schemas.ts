/**
 * JSON Schema (TypeBox) of what the builder's API answers, as named components of the OpenAPI
 * document (`components.schemas`): the destination and its parts, pages and lists, data sources,
 * tokens, the preview, the delivery figures, the export history, and the one error shape every
 * 4xx/5xx answer has. Fastify serializes each answer with these schemas (fast-json-stringify), so a
 * field that is not declared here never leaves the service; the web UI's types are generated from
 * the document (deploy/tools/api-types.ts), so it cannot drift from what is served.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { ERROR_CODES } from '../../libs/errors/index.ts';
import { PRIORITY_RULE } from '../../libs/rendering/index.ts';
import { ExportRunSchema } from '../../libs/schema/export-run.ts';
import {
  AUTHS,
  AutoFillSchema,
  DATA_FORMATS,
  DestinationStatusSchema,
  DestinationTypeSchema,
  DataSourceBody,
  DestinationBody,
  DestinationPatch,
  HMAC_ALGORITHMS,
  HMAC_KEY_ENCODINGS,
  JsonLineLayoutSchema,
  LabelSchema,
  MappingBody,
  MappingPatch,
  MappingsBody,
  MappingUpdateBody,
  PlatformSchema,
  PreviewBody,
  PUBLISH_TO,
  REFERRER_POLICIES,
  SampleEvent,
  SYNC_MODES,
  TARGETS,
  TokenBody,
} from './request-bodies.ts';
import { nullable, ref, strict, StringEnum } from './schema-kit.ts';

const isoTime = Type.String({ format: 'date-time' });
const named = (id: string, description: string) => ({ ...strict, $id: id, description });

export const IssueSchema = Type.Object(
  {
    pointer: Type.String({
      description: 'JSON pointer into the request (body, or /query/..., /params/...).',
    }),
    rule: Type.String({ description: 'The rule broken, e.g. required, unknown_field, ssrf, duplicate.' }),
    message: Type.String(),
  },
  named('Issue', 'One problem of a request, at a JSON pointer.'),
);

export const ErrorSchema = Type.Object(
  {
    error: StringEnum(
      [...new Set([...ERROR_CODES, 'body_too_large', 'unsupported_media_type', 'method_not_allowed'])],
      {
        description: 'Machine-readable error code.',
      },
    ),
    message: Type.String(),
    issues: Type.Optional(Type.Array(ref(IssueSchema))),
  },
  named('Error', 'The shape of every error answer.'),
);

export const SecretStateSchema = Type.Object(
  { set: Type.Literal(true) },
  named('SecretState', 'A write-only secret is stored; its value is never returned.'),
);

export const MappingSchema = Type.Object(
  {
    sid: Type.Integer({ minimum: 1 }),
    value: Type.String(),
    startDate: Type.String({ description: 'YYYY-MM-DD, UTC, inclusive.' }),
    endDate: nullable(Type.String({ description: 'YYYY-MM-DD, UTC, inclusive; null = never expires.' })),
    priority: nullable(Type.Integer({ description: PRIORITY_RULE })),
    key: nullable(Type.String()),
    url: nullable(Type.String()),
    secureUrl: nullable(Type.String()),
  },
  named('Mapping', 'A segment mapped to a destination, as stored.'),
);

export const UrlSettingsSchema = Type.Object(
  {
    serialize: Type.Boolean(),
    baseUrl: nullable(Type.String()),
    secureUrl: nullable(Type.String()),
    delimiter: Type.String(),
    referrerPolicy: StringEnum(REFERRER_POLICIES),
  },
  named('UrlSettings', 'How a URL destination builds its pixel calls.'),
);

export const CookieSettingsSchema = Type.Object(
  {
    name: Type.String(),
    domain: nullable(Type.String()),
    publishTo: StringEnum(PUBLISH_TO),
    publishDomains: Type.Array(Type.String()),
    dataFormat: StringEnum(DATA_FORMATS),
    key: nullable(Type.String()),
    keySeparator: Type.String(),
    pairSeparator: Type.String(),
    serialize: Type.Boolean(),
    serialSeparator: Type.String(),
    maxSizeBytes: Type.Integer(),
    ttlDays: Type.Integer(),
  },
  named('CookieSettings', 'The cookie a cookie destination publishes.'),
);

export const RealTimeSettingsSchema = Type.Object(
  {
    endpoint: Type.String(),
    auth: StringEnum(AUTHS),
    oauthTokenUrl: nullable(Type.String()),
    oauthClientId: nullable(Type.String()),
    oauthClientSecret: nullable(ref(SecretStateSchema)),
    hmacAlgorithm: StringEnum(HMAC_ALGORITHMS),
    hmacHeader: nullable(Type.String()),
    hmacKey: nullable(ref(SecretStateSchema)),
    hmacKeyEncoding: StringEnum(HMAC_KEY_ENCODINGS),
    usersPerRequest: Type.Integer(),
    flushIntervalMs: Type.Integer(),
    timeoutMs: Type.Integer(),
  },
  named('RealTimeSettings', 'Real-time server-to-server delivery (JSON over HTTP).'),
);

export const BatchSettingsSchema = Type.Object(
  {
    schedule: Type.String(),
    syncModes: Type.Array(StringEnum(SYNC_MODES)),
    gzip: Type.Boolean(),
    splitSizeBytes: nullable(Type.Integer()),
    target: StringEnum(TARGETS),
    localDir: nullable(Type.String()),
    sftpHost: nullable(Type.String()),
    sftpPort: Type.Integer(),
    sftpUser: nullable(Type.String()),
    sftpKey: nullable(ref(SecretStateSchema)),
    sftpHostKey: nullable(Type.String()),
    sftpPath: nullable(Type.String()),
    fileNameTemplate: nullable(Type.String()),
    lineTemplate: nullable(Type.String()),
    jsonLine: nullable(ref(JsonLineLayoutSchema)),
  },
  named('BatchSettings', 'Batch server-to-server export (files).'),
);

export const S2sSettingsSchema = Type.Object(
  {
    dpid: Type.Integer(),
    accountAlias: Type.String(),
    realTime: nullable(ref(RealTimeSettingsSchema)),
    batch: nullable(ref(BatchSettingsSchema)),
  },
  named('S2sSettings', 'A server-to-server destination: real-time, batch, or both.'),
);

export const DestinationSchema = Type.Object(
  {
    id: Type.Integer({ minimum: 1 }),
    name: Type.String(),
    description: Type.String(),
    type: ref(DestinationTypeSchema),
    status: ref(DestinationStatusSchema),
    platform: ref(PlatformSchema),
    dataExportLabels: Type.Array(ref(LabelSchema)),
    autoFill: ref(AutoFillSchema),
    version: Type.Integer({ minimum: 1, description: 'Also the ETag; send it back as If-Match.' }),
    createdBy: Type.String(),
    createdAt: isoTime,
    updatedBy: Type.String(),
    updatedAt: isoTime,
    mappings: Type.Array(ref(MappingSchema)),
    url: nullable(ref(UrlSettingsSchema)),
    cookie: nullable(ref(CookieSettingsSchema)),
    s2s: nullable(ref(S2sSettingsSchema)),
  },
  named('Destination', 'A destination as stored, secrets shown only as {"set": true}.'),
);

export const DestinationPageSchema = Type.Object(
  {
    total: Type.Integer({ minimum: 0 }),
    limit: Type.Integer({ minimum: 1 }),
    offset: Type.Integer({ minimum: 0 }),
    items: Type.Array(ref(DestinationSchema)),
  },
  named('DestinationPage', 'One page of destinations.'),
);

export const MappingListSchema = Type.Object(
  { items: Type.Array(ref(MappingSchema)) },
  named('MappingList', 'The mappings of a destination.'),
);

export const DataSourceSchema = Type.Object(
  {
    id: Type.Integer({ minimum: 1 }),
    name: Type.String(),
    exportControls: Type.Array(ref(LabelSchema)),
    version: Type.Integer({ minimum: 1 }),
    updatedBy: Type.String(),
    updatedAt: isoTime,
  },
  named('DataSource', 'A data source and its data export controls.'),
);

export const DataSourceListSchema = Type.Object(
  { items: Type.Array(ref(DataSourceSchema)) },
  named('DataSourceList', 'Every data source.'),
);

const tokenFields = {
  id: Type.String({ pattern: '^[a-z0-9]{12}$' }),
  name: Type.String(),
  role: StringEnum(['viewer', 'editor', 'admin']),
  createdBy: Type.String(),
  createdAt: isoTime,
  expiresAt: nullable(isoTime),
};

export const TokenSchema = Type.Object(tokenFields, named('Token', 'An API token (never its value).'));

export const TokenListSchema = Type.Object(
  { items: Type.Array(ref(TokenSchema)) },
  named('TokenList', 'Every API token.'),
);

export const CreatedTokenSchema = Type.Object(
  { ...tokenFields, token: Type.String({ description: 'The bearer token; shown this once.' }) },
  named('CreatedToken', 'A new API token with its value, shown once.'),
);

export const PreviewResultSchema = Type.Object(
  {
    type: ref(DestinationTypeSchema),
    notes: Type.Array(Type.String(), {
      description: 'Why a real delivery would not happen, or what it leaves out.',
    }),
    urls: Type.Optional(
      Type.Array(Type.Object({ url: Type.String(), sids: Type.Array(Type.Integer()) }, strict)),
    ),
    failures: Type.Optional(
      Type.Array(Type.Object({ sids: Type.Array(Type.Integer()), message: Type.String() }, strict)),
    ),
    referrerPolicy: Type.Optional(StringEnum(REFERRER_POLICIES)),
    cookie: Type.Optional(
      Type.Object(
        { name: Type.String(), value: Type.String(), domain: Type.String(), ttlDays: Type.Integer() },
        strict,
      ),
    ),
    included: Type.Optional(Type.Array(Type.Integer())),
    dropped: Type.Optional(Type.Array(Type.Integer())),
    message: Type.Optional(
      Type.Object({}, { additionalProperties: true, description: 'The real-time S2S JSON message.' }),
    ),
    line: Type.Optional(Type.String({ description: 'The same message on one line, as sent.' })),
  },
  named('PreviewResult', 'What the destination would send for the sample event; nothing is sent.'),
);

const LatencyBucketSchema = Type.Object(
  {
    le: nullable(Type.Number({ description: 'Upper bound in seconds; null = +Inf.' })),
    count: Type.Number(),
  },
  strict,
);

export const DeliveryFiguresSchema = Type.Object(
  {
    type: nullable(Type.String()),
    sent: Type.Number(),
    succeeded: Type.Number(),
    retried: Type.Number(),
    failed: Type.Number(),
    byStatusClass: Type.Record(Type.String(), Type.Number()),
    latency: Type.Object(
      { count: Type.Number(), sumSeconds: Type.Number(), buckets: Type.Array(LatencyBucketSchema) },
      strict,
    ),
    circuitState: nullable(Type.Number({ description: '0 closed, 1 half-open, 2 open.' })),
  },
  named('DeliveryFigures', 'Delivery attempts of one destination since its services started.'),
);

export const ExportFiguresSchema = Type.Object(
  {
    mode: Type.String(),
    runsSucceeded: Type.Number(),
    runsFailed: Type.Number(),
    rows: Type.Number(),
    bytes: Type.Number(),
    lastSuccessAt: nullable(isoTime),
    nextDueAt: nullable(isoTime),
  },
  named('ExportFigures', 'Batch export runs of one destination and mode since the exporter started.'),
);

export const DeliveryStatsSchema = Type.Object(
  {
    available: Type.Boolean({ description: 'False when no delivery service answered.' }),
    readAt: isoTime,
    sources: Type.Array(
      Type.Object({ url: Type.String(), ok: Type.Boolean(), error: Type.Optional(Type.String()) }, strict),
    ),
    destinations: Type.Record(
      Type.String({ pattern: '^[0-9]+$' }),
      Type.Object(
        { delivery: ref(DeliveryFiguresSchema), exports: Type.Array(ref(ExportFiguresSchema)) },
        strict,
      ),
    ),
  },
  named('DeliveryStats', 'Per-destination delivery and export figures, read from the services’ metrics.'),
);

export const ExportRunComponent = Type.Object(ExportRunSchema.properties, {
  ...named('ExportRun', 'One batch export run as the s2s exporter records it.'),
});

export const ExportHistorySchema = Type.Object(
  {
    available: Type.Boolean({ description: 'False when the exporter is not configured or did not answer.' }),
    error: Type.Optional(Type.String()),
    exports: Type.Array(ref(ExportRunComponent)),
  },
  named('ExportHistory', 'Export runs of a batch S2S destination, newest first.'),
);

export const DestinationTemplateSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    description: Type.String(),
    source: Type.Object(
      { title: Type.String(), url: Type.String({ format: 'uri' }) },
      { ...strict, description: 'The public page the layout comes from (docs/partners.md).' },
    ),
    fillIns: Type.Array(
      Type.Object(
        { pointer: Type.String({ description: 'JSON pointer into body.' }), hint: Type.String() },
        strict,
      ),
      { description: 'What only you know: fill these in before saving.' },
    ),
    body: ref(DestinationBody),
  },
  named('DestinationTemplate', 'A partner layout Adobe documents, as a destination body to start from.'),
);

export const DestinationTemplateListSchema = Type.Object(
  { items: Type.Array(ref(DestinationTemplateSchema)) },
  named('DestinationTemplateList', 'Every destination template.'),
);

/** Every named component, registered with `app.addSchema` before the routes that refer to them. */
export const COMPONENTS: readonly TSchema[] = [
  DestinationTypeSchema,
  DestinationStatusSchema,
  PlatformSchema,
  AutoFillSchema,
  LabelSchema,
  JsonLineLayoutSchema,
  IssueSchema,
  ErrorSchema,
  SecretStateSchema,
  MappingSchema,
  UrlSettingsSchema,
  CookieSettingsSchema,
  RealTimeSettingsSchema,
  BatchSettingsSchema,
  S2sSettingsSchema,
  DestinationSchema,
  DestinationPageSchema,
  MappingListSchema,
  DataSourceSchema,
  DataSourceListSchema,
  TokenSchema,
  TokenListSchema,
  CreatedTokenSchema,
  PreviewResultSchema,
  DeliveryFiguresSchema,
  ExportFiguresSchema,
  DeliveryStatsSchema,
  ExportRunComponent,
  ExportHistorySchema,
  DestinationTemplateSchema,
  DestinationTemplateListSchema,
  MappingBody,
  DestinationBody,
  MappingsBody,
  MappingUpdateBody,
  DestinationPatch,
  MappingPatch,
  DataSourceBody,
  TokenBody,
  SampleEvent,
  PreviewBody,
];
