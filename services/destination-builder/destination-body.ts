/**
 * JSON Schema (TypeBox) of the request bodies for destinations and mappings. Structure and types
 * only: every object refuses unknown fields; the domain rules (SPEC §3) are checked afterwards by
 * services/destination-builder/validation/validate-destination.ts with field-level issues. Enum symbols are the ones of
 * schemas/destination-config.avsc. Secrets are write-only strings: absent = keep the stored one,
 * null = remove it, a string = replace it.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const strict = { additionalProperties: false } as const;
const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const optionalNullable = <T extends TSchema>(schema: T) => Type.Optional(nullable(schema));
const text = (maxLength: number) => Type.String({ maxLength });
const secret = Type.Optional(
  nullable(Type.String({ minLength: 1, maxLength: 16_384, description: 'Write-only secret.' })),
);
export const LabelSchema = Type.Union([
  Type.Literal('PII'),
  Type.Literal('ONSITE_TARGETING'),
  Type.Literal('OFFSITE_TARGETING'),
  Type.Literal('ONSITE_PERSONALIZATION'),
]);
const date = Type.String({ maxLength: 10, description: 'YYYY-MM-DD, UTC.' });

export const MappingBody = Type.Object(
  {
    sid: Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'Segment id.' }),
    value: Type.Optional(text(255)),
    integrationCode: Type.Optional(
      Type.String({
        maxLength: 255,
        description: 'Used as the value when autoFill is INTEGRATION_CODE and no value is given.',
      }),
    ),
    startDate: date,
    endDate: optionalNullable(date),
    priority: optionalNullable(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    key: optionalNullable(text(255)),
    url: optionalNullable(text(4096)),
    secureUrl: optionalNullable(text(4096)),
  },
  strict,
);

const UrlBody = Type.Object(
  {
    serialize: Type.Boolean(),
    baseUrl: optionalNullable(text(4096)),
    secureUrl: optionalNullable(text(4096)),
    delimiter: Type.Optional(text(8)),
    referrerPolicy: Type.Optional(Type.Union([Type.Literal('HIDE'), Type.Literal('SHOW')])),
  },
  strict,
);

const CookieBody = Type.Object(
  {
    name: text(256),
    domain: optionalNullable(text(253)),
    publishTo: Type.Optional(
      Type.Union([Type.Literal('ALL'), Type.Literal('ONLY_LISTED'), Type.Literal('ALL_EXCEPT_LISTED')]),
    ),
    publishDomains: Type.Optional(Type.Array(text(253), { maxItems: 1000 })),
    dataFormat: Type.Union([Type.Literal('SINGLE_KEY'), Type.Literal('MULTI_KEY')]),
    key: optionalNullable(text(255)),
    keySeparator: Type.Optional(text(4)),
    pairSeparator: Type.Optional(text(4)),
    serialize: Type.Optional(Type.Boolean()),
    serialSeparator: Type.Optional(text(4)),
    maxSizeBytes: Type.Optional(Type.Integer()),
    ttlDays: Type.Optional(Type.Integer()),
  },
  strict,
);

const RealTimeBody = Type.Object(
  {
    endpoint: text(2048),
    auth: Type.Optional(Type.Union([Type.Literal('NONE'), Type.Literal('OAUTH2'), Type.Literal('HMAC')])),
    oauthTokenUrl: optionalNullable(text(2048)),
    oauthClientId: optionalNullable(text(512)),
    oauthClientSecret: secret,
    hmacAlgorithm: Type.Optional(Type.Union([Type.Literal('SHA256'), Type.Literal('SHA1')])),
    hmacHeader: optionalNullable(text(128)),
    hmacKey: secret,
    usersPerRequest: Type.Optional(Type.Integer()),
    flushIntervalMs: Type.Optional(Type.Integer()),
    timeoutMs: Type.Optional(Type.Integer()),
  },
  strict,
);

const BatchBody = Type.Object(
  {
    schedule: text(128),
    syncModes: Type.Array(Type.Union([Type.Literal('FULL'), Type.Literal('ITER')]), { maxItems: 2 }),
    gzip: Type.Optional(Type.Boolean()),
    splitSizeBytes: optionalNullable(Type.Integer()),
    target: Type.Union([Type.Literal('LOCAL'), Type.Literal('SFTP')]),
    localDir: optionalNullable(text(1024)),
    sftpHost: optionalNullable(text(253)),
    sftpPort: Type.Optional(Type.Integer()),
    sftpUser: optionalNullable(text(256)),
    sftpKey: secret,
    sftpHostKey: optionalNullable(text(64)),
    sftpPath: optionalNullable(text(1024)),
    fileNameTemplate: optionalNullable(text(200)),
    lineTemplate: optionalNullable(text(1024)),
  },
  strict,
);

const S2sBody = Type.Object(
  {
    dpid: Type.Integer(),
    accountAlias: text(128),
    realTime: optionalNullable(RealTimeBody),
    batch: optionalNullable(BatchBody),
  },
  strict,
);

export const DestinationBody = Type.Object(
  {
    name: text(255),
    description: Type.Optional(text(4000)),
    type: Type.Union([Type.Literal('URL'), Type.Literal('COOKIE'), Type.Literal('S2S')]),
    status: Type.Optional(Type.Union([Type.Literal('ACTIVE'), Type.Literal('PAUSED')])),
    platform: Type.Optional(
      Type.Union([
        Type.Literal('ALL'),
        Type.Literal('BROWSER'),
        Type.Literal('ANDROID'),
        Type.Literal('IOS'),
      ]),
    ),
    dataExportLabels: Type.Optional(Type.Array(LabelSchema, { maxItems: 4 })),
    autoFill: Type.Optional(
      Type.Union([Type.Literal('NONE'), Type.Literal('SEGMENT_ID'), Type.Literal('INTEGRATION_CODE')]),
    ),
    mappings: Type.Optional(Type.Array(MappingBody, { maxItems: 5000 })),
    url: optionalNullable(UrlBody),
    cookie: optionalNullable(CookieBody),
    s2s: optionalNullable(S2sBody),
  },
  strict,
);

export const MappingsBody = Type.Object(
  { mappings: Type.Array(MappingBody, { minItems: 1, maxItems: 5000 }) },
  strict,
);

export type DestinationBody = Static<typeof DestinationBody>;
export type MappingBody = Static<typeof MappingBody>;
export type RealTimeBody = Static<typeof RealTimeBody>;
export type BatchBody = Static<typeof BatchBody>;
