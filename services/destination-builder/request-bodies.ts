/**
 * JSON Schema (TypeBox) of the API's request bodies: destinations and mappings (full bodies and
 * merge patches), data sources, tokens and the preview's sample event. Structure and types
 * only: every object refuses unknown fields; the domain rules (SPEC §3) are checked afterwards by
 * services/destination-builder/validation/validate-destination.ts with field-level issues. Enum symbols are the ones of
 * schemas/destination-config.avsc. Secrets are write-only strings: absent = keep the stored one,
 * null = remove it, a string = replace it.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import {
  JSON_LINE_LIMITS,
  PRIORITY_RULE,
  SEGMENT_PLACEHOLDERS,
  USER_PLACEHOLDERS,
} from '../../libs/rendering/index.ts';
import { mergePatchSchema } from './merge-patch.ts';
import { nullable, ref, strict, StringEnum } from './schema-kit.ts';

const optionalNullable = <T extends TSchema>(schema: T) => Type.Optional(nullable(schema));
const text = (maxLength: number) => Type.String({ maxLength });
const secret = Type.Optional(
  nullable(Type.String({ minLength: 1, maxLength: 16_384, description: 'Write-only secret.' })),
);
export const LABELS = ['PII', 'ONSITE_TARGETING', 'OFFSITE_TARGETING', 'ONSITE_PERSONALIZATION'] as const;
export const LabelSchema = StringEnum(LABELS, {
  $id: 'Label',
  description: 'A data export label (SPEC §6).',
});
export const DESTINATION_TYPES = ['URL', 'COOKIE', 'S2S'] as const;
export const STATUSES = ['ACTIVE', 'PAUSED'] as const;
export const PLATFORMS = ['ALL', 'BROWSER', 'ANDROID', 'IOS'] as const;
export const AUTO_FILLS = ['NONE', 'SEGMENT_ID', 'INTEGRATION_CODE'] as const;
export const REFERRER_POLICIES = ['HIDE', 'SHOW'] as const;
export const PUBLISH_TO = ['ALL', 'ONLY_LISTED', 'ALL_EXCEPT_LISTED'] as const;
export const DATA_FORMATS = ['SINGLE_KEY', 'MULTI_KEY'] as const;
export const AUTHS = ['NONE', 'OAUTH2', 'HMAC'] as const;
export const HMAC_ALGORITHMS = ['SHA256', 'SHA1'] as const;
export const HMAC_KEY_ENCODINGS = ['UTF8', 'BASE64'] as const;
export const SYNC_MODES = ['FULL', 'ITER'] as const;
export const TARGETS = ['LOCAL', 'SFTP'] as const;
export const DestinationTypeSchema = StringEnum(DESTINATION_TYPES, { $id: 'DestinationType' });
export const DestinationStatusSchema = StringEnum(STATUSES, {
  $id: 'DestinationStatus',
  description: 'PAUSED: nothing is delivered.',
});
export const PlatformSchema = StringEnum(PLATFORMS, {
  $id: 'Platform',
  description: 'The device platforms a destination receives.',
});
export const AutoFillSchema = StringEnum(AUTO_FILLS, {
  $id: 'AutoFill',
  description: 'Fills an empty mapping value with the segment id or the integration code.',
});
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
    priority: optionalNullable(Type.Integer({ minimum: 0, maximum: 1_000_000, description: PRIORITY_RULE })),
    key: optionalNullable(text(255)),
    url: optionalNullable(text(4096)),
    secureUrl: optionalNullable(text(4096)),
  },
  {
    ...strict,
    $id: 'MappingInput',
    description: 'A segment mapped to a destination (SPEC §3).',
    examples: [{ sid: 1201, value: 'sports-fans', startDate: '2026-01-01', endDate: null }],
  },
);

const UrlBody = Type.Object(
  {
    serialize: Type.Boolean(),
    baseUrl: optionalNullable(text(4096)),
    secureUrl: optionalNullable(text(4096)),
    delimiter: Type.Optional(text(8)),
    referrerPolicy: Type.Optional(StringEnum(REFERRER_POLICIES)),
  },
  strict,
);

const CookieBody = Type.Object(
  {
    name: text(256),
    domain: optionalNullable(text(253)),
    publishTo: Type.Optional(StringEnum(PUBLISH_TO)),
    publishDomains: Type.Optional(Type.Array(text(253), { maxItems: 1000 })),
    dataFormat: StringEnum(DATA_FORMATS),
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
    auth: Type.Optional(StringEnum(AUTHS)),
    oauthTokenUrl: optionalNullable(text(2048)),
    oauthClientId: optionalNullable(text(512)),
    oauthClientSecret: secret,
    hmacAlgorithm: Type.Optional(StringEnum(HMAC_ALGORITHMS)),
    hmacHeader: optionalNullable(text(128)),
    hmacKey: secret,
    hmacKeyEncoding: Type.Optional(
      StringEnum(HMAC_KEY_ENCODINGS, {
        description:
          'How the key text becomes the key bytes: UTF8 (default) = its UTF-8 bytes; BASE64 = the text base64-decoded (standard or URL-safe), as many partners hand keys out. Changing it needs the key sent again.',
      }),
    ),
    usersPerRequest: Type.Optional(Type.Integer()),
    flushIntervalMs: Type.Optional(Type.Integer()),
    timeoutMs: Type.Optional(Type.Integer()),
  },
  strict,
);

const jsonLineValue = Type.Union(
  [Type.String({ maxLength: JSON_LINE_LIMITS.valueLength }), Type.Number(), Type.Boolean()],
  { description: 'A constant, or a string with placeholders (a lone numeric placeholder becomes a number).' },
);
const jsonLineFields = (most: number, description: string) =>
  Type.Record(Type.String({ minLength: 1, maxLength: JSON_LINE_LIMITS.keyLength }), jsonLineValue, {
    maxProperties: most,
    description,
  });

const jsonLineMembers = {
  fields: jsonLineFields(
    JSON_LINE_LIMITS.fields,
    `The user's fields, in order. Placeholders: ${placeholderList(USER_PLACEHOLDERS)}.`,
  ),
  segmentsField: Type.String({
    minLength: 1,
    maxLength: JSON_LINE_LIMITS.keyLength,
    description: "Key of the array of segment entries, written after the user's fields.",
  }),
  segment: jsonLineFields(
    JSON_LINE_LIMITS.entryFields,
    `A live segment's entry. Placeholders: the user's and ${placeholderList(SEGMENT_PLACEHOLDERS)}.`,
  ),
  removed: nullable(
    jsonLineFields(
      JSON_LINE_LIMITS.entryFields,
      "A removed segment's entry (iter files); null = removed segments are left out.",
    ),
  ),
};
const jsonLineDescription =
  "One JSON object per user (JSON lines), e.g. The Trade Desk layout of Adobe's outbound macro examples. Replaces lineTemplate.";

/** The JSON-lines layout of batch files (libs/rendering/json-line.ts), as answers show it. */
export const JsonLineLayoutSchema = Type.Object(jsonLineMembers, {
  ...strict,
  $id: 'JsonLineLayout',
  description: jsonLineDescription,
  examples: [
    {
      fields: { AdvertiserId: '{pidAlias}', DataCenterId: 2, TDID: '{dpuuid}' },
      segmentsField: 'Data',
      segment: { Name: '{value}' },
      removed: { Name: '{value}', TtlInMinutes: 0 },
    },
  ],
});
/** The same inline in bodies, so that a merge patch reaches its members. */
const JsonLineLayoutBody = Type.Object(
  { ...jsonLineMembers, removed: Type.Optional(jsonLineMembers.removed) },
  { ...strict, description: jsonLineDescription },
);

function placeholderList(placeholders: Record<string, string>): string {
  return Object.entries(placeholders)
    .map(([name, meaning]) => `{${name}} ${meaning}`)
    .join('; ');
}

const BatchBody = Type.Object(
  {
    schedule: text(128),
    syncModes: Type.Array(StringEnum(SYNC_MODES), { maxItems: 2 }),
    gzip: Type.Optional(Type.Boolean()),
    splitSizeBytes: optionalNullable(Type.Integer()),
    target: StringEnum(TARGETS),
    localDir: optionalNullable(text(1024)),
    sftpHost: optionalNullable(text(253)),
    sftpPort: Type.Optional(Type.Integer()),
    sftpUser: optionalNullable(text(256)),
    sftpKey: secret,
    sftpHostKey: optionalNullable(text(64)),
    sftpPath: optionalNullable(text(1024)),
    fileNameTemplate: optionalNullable(text(200)),
    lineTemplate: optionalNullable(text(1024)),
    jsonLine: optionalNullable(JsonLineLayoutBody),
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
    type: ref(DestinationTypeSchema),
    status: Type.Optional(ref(DestinationStatusSchema)),
    platform: Type.Optional(ref(PlatformSchema)),
    dataExportLabels: Type.Optional(Type.Array(ref(LabelSchema), { maxItems: 4 })),
    autoFill: Type.Optional(ref(AutoFillSchema)),
    mappings: Type.Optional(Type.Array(ref(MappingBody), { maxItems: 5000 })),
    url: optionalNullable(UrlBody),
    cookie: optionalNullable(CookieBody),
    s2s: optionalNullable(S2sBody),
  },
  {
    ...strict,
    $id: 'DestinationInput',
    description: 'A destination as written by POST and PUT (PUT keeps the mappings when omitted).',
    examples: [
      {
        name: 'Partner pixel',
        type: 'URL',
        platform: 'BROWSER',
        autoFill: 'SEGMENT_ID',
        url: {
          serialize: true,
          baseUrl: 'http://pixel.partner.example/p?segs=%alias%',
          secureUrl: 'https://pixel.partner.example/p?segs=%alias%',
          delimiter: ',',
        },
        mappings: [{ sid: 1201, startDate: '2026-01-01' }],
      },
    ],
  },
);

export const MappingsBody = Type.Object(
  { mappings: Type.Array(ref(MappingBody), { minItems: 1, maxItems: 5000 }) },
  {
    ...strict,
    $id: 'MappingsInput',
    examples: [
      {
        mappings: [
          { sid: 1201, startDate: '2026-01-01' },
          { sid: 1202, value: 'auto-intenders', startDate: '2026-01-01', endDate: '2026-12-31' },
        ],
      },
    ],
  },
);

export const MappingUpdateBody = Type.Omit(MappingBody, ['sid'], {
  ...strict,
  $id: 'MappingUpdate',
  description: 'The mapping of one segment, replaced (PUT).',
  examples: [{ value: 'sports-fans', startDate: '2026-01-01', endDate: '2026-06-30', priority: 2 }],
});

export type DestinationBody = Static<typeof DestinationBody>;
export type MappingBody = Static<typeof MappingBody>;
export type RealTimeBody = Static<typeof RealTimeBody>;
export type BatchBody = Static<typeof BatchBody>;

export const DestinationPatch = mergePatchSchema(DestinationBody, {
  $id: 'DestinationPatch',
  description:
    'A JSON Merge Patch (RFC 7396) of a destination: members given replace, `null` removes an optional member (a write-only secret: removes it), arrays (mappings too) replace as a whole. If-Match required.',
  examples: [{ status: 'PAUSED', description: 'paused while the partner migrates' }],
});

export const MappingPatch = mergePatchSchema(MappingUpdateBody, {
  $id: 'MappingPatch',
  description: 'A JSON Merge Patch (RFC 7396) of one mapping: `null` removes an optional member.',
  examples: [{ endDate: '2026-12-31', priority: null }],
});

export const DataSourceBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 255 })),
    exportControls: Type.Array(ref(LabelSchema), {
      maxItems: 4,
      description: 'Prohibited data export labels.',
    }),
  },
  {
    ...strict,
    $id: 'DataSourceInput',
    description: 'The data export controls of a data source (SPEC §6).',
    examples: [{ name: 'CRM', exportControls: ['PII', 'OFFSITE_TARGETING'] }],
  },
);

export const TokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 128 }),
    role: StringEnum(['viewer', 'editor', 'admin']),
    expiresAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'ISO-8601, in the future; omitted = until revoked.' }),
    ),
  },
  {
    ...strict,
    $id: 'TokenInput',
    description: 'A new API token.',
    examples: [{ name: 'ci-deployer', role: 'editor', expiresAt: '2027-06-30T00:00:00Z' }],
  },
);

const SampleEvent = Type.Object(
  {
    uuid: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z-]{1,64}$' })),
    platform: Type.Optional(StringEnum(['browser', 'android', 'ios'])),
    region: Type.Optional(nullable(Type.Integer())),
    pageProtocol: Type.Optional(StringEnum(['HTTPS', 'HTTP'])),
    realTime: Type.Optional(Type.Boolean()),
    mcid: Type.Optional(nullable(Type.String({ maxLength: 64 }))),
    partnerIds: Type.Optional(
      Type.Array(Type.Object({ dpid: Type.Integer(), id: Type.String({ maxLength: 256 }) }, strict), {
        maxItems: 50,
      }),
    ),
    consent: Type.Optional(
      nullable(
        Type.Object(
          { gdprApplies: Type.Boolean(), tcString: nullable(Type.String({ maxLength: 4096 })) },
          strict,
        ),
      ),
    ),
    optedOut: Type.Optional(Type.Boolean()),
    segments: Type.Array(
      Type.Object(
        {
          sid: Type.Integer({ minimum: 1 }),
          status: StringEnum(['QUALIFIED', 'ACTIVE', 'DISQUALIFIED']),
          updatedAt: Type.Optional(Type.String({ format: 'date-time' })),
        },
        strict,
      ),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { ...strict, $id: 'SampleEvent', description: 'A qualification event to render; defaults fill the rest.' },
);

export const PreviewBody = Type.Object(
  {
    event: ref(SampleEvent),
    at: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'When the event happens (mapping dates); default now.',
      }),
    ),
  },
  {
    ...strict,
    $id: 'PreviewRequest',
    examples: [
      { event: { segments: [{ sid: 1201, status: 'QUALIFIED' }], partnerIds: [{ dpid: 9001, id: 'p-1' }] } },
    ],
  },
);

export { SampleEvent };
export type SampleEvent = Static<typeof SampleEvent>;
