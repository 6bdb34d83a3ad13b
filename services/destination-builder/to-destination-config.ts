/**
 * Turns an API body into the DestinationConfig record written to the topic: defaults of
 * schemas/destination-config.avsc, auto-fill of mapping values (SPEC §3: the segment id, or the
 * integration code given with the mapping -- the builder has no segment catalog), and write-only
 * secrets: a new value is encrypted with the secret box, an absent one keeps the stored ciphertext,
 * null removes it. Pure apart from encryption; validation comes after, but for the one rule that
 * needs the plain secret: a BASE64 HMAC key must be base64 text.
 */
import { secretContext, type SecretBox, type SecretField } from '../../libs/destinations/secret-box.ts';
import type {
  AutoFill,
  CookieSettings,
  DestinationConfig,
  EncryptedSecret,
  S2sBatch,
  S2sRealTime,
  S2sSettings,
  SegmentMapping,
  UrlSettings,
} from '../../libs/schema/types.ts';
import type { BatchBody, DestinationBody, MappingBody, RealTimeBody } from './request-bodies.ts';
import { ValidationFailed } from './validation/validation-failed.ts';
import { validationIssue } from './validation/validation-issue.ts';

export interface BuildContext {
  id: number;
  actor: string;
  now: number;
  secretBox: SecretBox;
  /** The stored destination when updating. */
  previous?: DestinationConfig;
}

export function toMapping(body: MappingBody, autoFill: AutoFill): SegmentMapping {
  let value = body.value ?? '';
  if (value === '' && autoFill === 'SEGMENT_ID') value = String(body.sid);
  if (value === '' && autoFill === 'INTEGRATION_CODE') value = body.integrationCode ?? '';
  return {
    sid: body.sid,
    value,
    startDate: body.startDate,
    endDate: body.endDate ?? null,
    priority: body.priority ?? null,
    key: body.key ?? null,
    url: body.url ?? null,
    secureUrl: body.secureUrl ?? null,
  };
}

export function toDestinationConfig(body: DestinationBody, ctx: BuildContext): DestinationConfig {
  const previous = ctx.previous;
  const autoFill = body.autoFill ?? 'NONE';
  return {
    id: ctx.id,
    name: body.name,
    description: body.description ?? '',
    type: body.type,
    status: body.status ?? 'ACTIVE',
    platform: body.platform ?? 'ALL',
    dataExportLabels: body.dataExportLabels ?? [],
    autoFill,
    version: (previous?.version ?? 0) + 1,
    createdBy: previous?.createdBy ?? ctx.actor,
    createdAt: previous?.createdAt ?? ctx.now,
    updatedBy: ctx.actor,
    updatedAt: ctx.now,
    mappings: body.mappings ? body.mappings.map((m) => toMapping(m, autoFill)) : (previous?.mappings ?? []),
    url: body.url ? toUrl(body.url) : null,
    cookie: body.cookie ? toCookie(body.cookie) : null,
    s2s: body.s2s ? toS2s(body.s2s, ctx) : null,
  };
}

function toUrl(body: NonNullable<DestinationBody['url']>): UrlSettings {
  return {
    serialize: body.serialize,
    baseUrl: body.baseUrl ?? null,
    secureUrl: body.secureUrl ?? null,
    delimiter: body.delimiter ?? ',',
    referrerPolicy: body.referrerPolicy ?? 'HIDE',
  };
}

function toCookie(body: NonNullable<DestinationBody['cookie']>): CookieSettings {
  return {
    name: body.name,
    domain: body.domain === '' ? null : (body.domain ?? null),
    publishTo: body.publishTo ?? 'ALL',
    publishDomains: body.publishDomains ?? [],
    dataFormat: body.dataFormat,
    key: body.key ?? null,
    keySeparator: body.keySeparator ?? '=',
    pairSeparator: body.pairSeparator ?? '&',
    serialize: body.serialize ?? false,
    serialSeparator: body.serialSeparator ?? ',',
    maxSizeBytes: body.maxSizeBytes ?? 2048,
    ttlDays: body.ttlDays ?? 30,
  };
}

function toS2s(body: NonNullable<DestinationBody['s2s']>, ctx: BuildContext): S2sSettings {
  return {
    dpid: body.dpid,
    accountAlias: body.accountAlias,
    realTime: body.realTime ? toRealTime(body.realTime, ctx) : null,
    batch: body.batch ? toBatch(body.batch, ctx) : null,
  };
}

// standard or URL-safe base64, padded or not, of at least one byte
const BASE64 = /^(?:[A-Za-z0-9+/_-]{4})*(?:[A-Za-z0-9+/_-]{2}(?:==)?|[A-Za-z0-9+/_-]{3}=?)?$/;

function toRealTime(body: RealTimeBody, ctx: BuildContext): S2sRealTime {
  const stored = ctx.previous?.s2s?.realTime ?? null;
  const key = typeof body.hmacKey === 'string' ? body.hmacKey.trim() : '';
  if (
    body.hmacKeyEncoding === 'BASE64' &&
    typeof body.hmacKey === 'string' &&
    (key === '' || !BASE64.test(key))
  ) {
    throw new ValidationFailed([
      validationIssue(
        '/s2s/realTime/hmacKey',
        'invalid_encoding',
        'hmacKeyEncoding is BASE64 but the key is not base64 text; send the key as the partner gave it, or set UTF8',
      ),
    ]);
  }
  return {
    endpoint: body.endpoint,
    auth: body.auth ?? 'NONE',
    oauthTokenUrl: body.oauthTokenUrl ?? null,
    oauthClientId: body.oauthClientId ?? null,
    oauthClientSecret: secretValue(
      body.oauthClientSecret,
      stored?.oauthClientSecret ?? null,
      'oauthClientSecret',
      ctx,
    ),
    hmacAlgorithm: body.hmacAlgorithm ?? 'SHA256',
    hmacHeader: body.hmacHeader ?? null,
    hmacKey: secretValue(body.hmacKey, stored?.hmacKey ?? null, 'hmacKey', ctx),
    hmacKeyEncoding: body.hmacKeyEncoding ?? 'UTF8',
    usersPerRequest: body.usersPerRequest ?? 10,
    flushIntervalMs: body.flushIntervalMs ?? 1000,
    timeoutMs: body.timeoutMs ?? 3000,
  };
}

function toBatch(body: BatchBody, ctx: BuildContext): S2sBatch {
  const stored = ctx.previous?.s2s?.batch ?? null;
  return {
    schedule: body.schedule,
    syncModes: body.syncModes,
    gzip: body.gzip ?? true,
    splitSizeBytes: body.splitSizeBytes ?? null,
    target: body.target,
    localDir: body.localDir ?? null,
    sftpHost: body.sftpHost ?? null,
    sftpPort: body.sftpPort ?? 22,
    sftpUser: body.sftpUser ?? null,
    sftpKey: secretValue(body.sftpKey, stored?.sftpKey ?? null, 'sftpKey', ctx),
    sftpHostKey: body.sftpHostKey ?? null,
    sftpPath: body.sftpPath ?? null,
    fileNameTemplate: body.fileNameTemplate ?? null,
    lineTemplate: body.lineTemplate ?? null,
    jsonLine: body.jsonLine
      ? JSON.stringify({ ...body.jsonLine, removed: body.jsonLine.removed ?? null })
      : null,
  };
}

function secretValue(
  given: string | null | undefined,
  stored: EncryptedSecret | null,
  field: SecretField,
  ctx: BuildContext,
): EncryptedSecret | null {
  if (given === undefined) return stored;
  if (given === null) return null;
  return ctx.secretBox.encrypt(given, secretContext(ctx.id, field));
}
