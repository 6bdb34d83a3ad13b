/**
 * The two conversions of the destination form's draft (new-draft.ts): an API destination ->
 * draft (edit), draft -> API body (create / replace). Pure. Field names follow the API body so that an issue's JSON pointer names the input directly
 * (`/url/baseUrl`, `/s2s/realTime/endpoint`, ...). Secrets are write-only: the draft holds only
 * what the user typed and whether a stored one exists; blank keeps it, "remove" sends null.
 */
import type { Destination, DestinationInput, Mapping } from './api-types.ts';
import { newDraft, noSecret, type Draft, type SecretDraft } from './new-draft.ts';

export type { Draft, SecretDraft };
export { newDraft };

const text = (value: string | null | undefined) => value ?? '';

export function draftFromDestination(d: Destination): Draft {
  const draft = newDraft(d.type);
  draft.name = d.name;
  draft.description = d.description;
  draft.status = d.status;
  draft.platform = d.platform;
  draft.dataExportLabels = [...d.dataExportLabels];
  draft.autoFill = d.autoFill;
  if (d.url) {
    draft.url = { ...d.url, baseUrl: text(d.url.baseUrl), secureUrl: text(d.url.secureUrl) };
  }
  if (d.cookie) {
    const c = d.cookie;
    draft.cookie = {
      ...c,
      domain: text(c.domain),
      key: text(c.key),
      publishDomains: c.publishDomains.join('\n'),
      maxSizeBytes: String(c.maxSizeBytes),
      ttlDays: String(c.ttlDays),
    };
  }
  if (d.s2s) {
    const { realTime: rt, batch: b } = d.s2s;
    draft.s2s.dpid = String(d.s2s.dpid);
    draft.s2s.accountAlias = d.s2s.accountAlias;
    draft.s2s.realTimeEnabled = rt !== null;
    draft.s2s.batchEnabled = b !== null;
    if (rt) {
      draft.s2s.realTime = {
        endpoint: rt.endpoint,
        auth: rt.auth,
        oauthTokenUrl: text(rt.oauthTokenUrl),
        oauthClientId: text(rt.oauthClientId),
        oauthClientSecret: noSecret(rt.oauthClientSecret !== null),
        hmacAlgorithm: rt.hmacAlgorithm,
        hmacHeader: text(rt.hmacHeader),
        hmacKey: noSecret(rt.hmacKey !== null),
        hmacKeyEncoding: rt.hmacKeyEncoding,
        usersPerRequest: String(rt.usersPerRequest),
        flushIntervalMs: String(rt.flushIntervalMs),
        timeoutMs: String(rt.timeoutMs),
      };
    }
    if (b) {
      draft.s2s.batch = {
        schedule: b.schedule,
        full: b.syncModes.includes('FULL'),
        iter: b.syncModes.includes('ITER'),
        gzip: b.gzip,
        splitSizeBytes: b.splitSizeBytes === null ? '' : String(b.splitSizeBytes),
        target: b.target,
        localDir: text(b.localDir),
        sftpHost: text(b.sftpHost),
        sftpPort: String(b.sftpPort),
        sftpUser: text(b.sftpUser),
        sftpKey: noSecret(b.sftpKey !== null),
        sftpHostKey: text(b.sftpHostKey),
        sftpPath: text(b.sftpPath),
        fileNameTemplate: text(b.fileNameTemplate),
        lineTemplate: text(b.lineTemplate),
        jsonLine: b.jsonLine === null ? '' : JSON.stringify(b.jsonLine, null, 2),
      };
    }
  }
  return draft;
}

/**
 * A number input's text as sent: an integer when it reads as one, otherwise the text itself, so
 * that the API's schema answers with a field error on the right input instead of the UI guessing.
 */
function integer(value: string): number | string {
  const trimmed = value.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** JSON text as sent: parsed when it parses, otherwise the text, which the API refuses at its field. */
function jsonOrText(value: string): unknown {
  if (value.trim() === '') return null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/**
 * A template's body (GET /v1/destination-templates) as a draft: the blank draft of its type with
 * every field the template sets. Templates carry no secrets.
 */
export function draftFromTemplate(body: DestinationInput): Draft {
  const draft = newDraft(body.type);
  overlay(draft as unknown as Fields, body as unknown as Fields);
  if (body.s2s) {
    draft.s2s.realTimeEnabled = body.s2s.realTime !== null && body.s2s.realTime !== undefined;
    draft.s2s.batchEnabled = body.s2s.batch !== null && body.s2s.batch !== undefined;
    const b = body.s2s.batch;
    if (b) {
      draft.s2s.batch.full = b.syncModes.includes('FULL');
      draft.s2s.batch.iter = b.syncModes.includes('ITER');
    }
  }
  return draft;
}

type Fields = Record<string, unknown>;

/** Copies `source` onto the draft `target` where the draft has the field: text as text, objects merged. */
function overlay(target: Fields, source: Fields): void {
  for (const [key, value] of Object.entries(source)) {
    if (!(key in target) || value === null || value === undefined) continue;
    const current = target[key];
    if (typeof current === 'string') {
      target[key] = typeof value === 'object' ? JSON.stringify(value, null, 2) : String(value);
    } else if (typeof current === 'boolean') {
      target[key] = Boolean(value);
    } else if (typeof current === 'object' && current !== null && !Array.isArray(current)) {
      if (typeof value === 'object' && !Array.isArray(value)) overlay(current as Fields, value as Fields);
    }
  }
}

function secret(draft: SecretDraft): { value?: string | null } {
  if (draft.value !== '') return { value: draft.value };
  if (draft.remove) return { value: null };
  return {};
}

function withSecret(body: Record<string, unknown>, field: string, draft: SecretDraft) {
  const s = secret(draft);
  if ('value' in s) body[field] = s.value;
}

export function bodyFromDraft(draft: Draft, mappings?: Mapping[]): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: draft.name,
    description: draft.description,
    type: draft.type,
    status: draft.status,
    platform: draft.platform,
    dataExportLabels: draft.dataExportLabels,
    autoFill: draft.autoFill,
  };
  if (mappings !== undefined) body.mappings = mappings;
  if (draft.type === 'URL') {
    const u = draft.url;
    body.url = {
      serialize: u.serialize,
      baseUrl: orNull(u.baseUrl),
      secureUrl: orNull(u.secureUrl),
      delimiter: u.delimiter,
      referrerPolicy: u.referrerPolicy,
    };
  }
  if (draft.type === 'COOKIE') {
    const c = draft.cookie;
    body.cookie = {
      name: c.name,
      domain: orNull(c.domain),
      publishTo: c.publishTo,
      publishDomains: c.publishDomains
        .split(/[\s,]+/)
        .map((domain) => domain.trim())
        .filter((domain) => domain !== ''),
      dataFormat: c.dataFormat,
      key: c.dataFormat === 'SINGLE_KEY' ? orNull(c.key) : null,
      keySeparator: c.keySeparator,
      pairSeparator: c.pairSeparator,
      serialize: c.serialize,
      serialSeparator: c.serialSeparator,
      maxSizeBytes: integer(c.maxSizeBytes),
      ttlDays: integer(c.ttlDays),
    };
  }
  if (draft.type === 'S2S') {
    const s = draft.s2s;
    let realTime: Record<string, unknown> | null = null;
    if (s.realTimeEnabled) {
      const rt = s.realTime;
      realTime = {
        endpoint: rt.endpoint.trim(),
        auth: rt.auth,
        oauthTokenUrl: rt.auth === 'OAUTH2' ? orNull(rt.oauthTokenUrl) : null,
        oauthClientId: rt.auth === 'OAUTH2' ? orNull(rt.oauthClientId) : null,
        hmacAlgorithm: rt.hmacAlgorithm,
        hmacHeader: rt.auth === 'HMAC' ? orNull(rt.hmacHeader) : null,
        hmacKeyEncoding: rt.hmacKeyEncoding,
        usersPerRequest: integer(rt.usersPerRequest),
        flushIntervalMs: integer(rt.flushIntervalMs),
        timeoutMs: integer(rt.timeoutMs),
      };
      withSecret(realTime, 'oauthClientSecret', rt.oauthClientSecret);
      withSecret(realTime, 'hmacKey', rt.hmacKey);
    }
    let batch: Record<string, unknown> | null = null;
    if (s.batchEnabled) {
      const b = s.batch;
      batch = {
        schedule: b.schedule.trim(),
        syncModes: [...(b.full ? ['FULL'] : []), ...(b.iter ? ['ITER'] : [])],
        gzip: b.gzip,
        splitSizeBytes: b.splitSizeBytes.trim() === '' ? null : integer(b.splitSizeBytes),
        target: b.target,
        localDir: b.target === 'LOCAL' ? orNull(b.localDir) : null,
        sftpHost: b.target === 'SFTP' ? orNull(b.sftpHost) : null,
        sftpPort: integer(b.sftpPort),
        sftpUser: b.target === 'SFTP' ? orNull(b.sftpUser) : null,
        sftpHostKey: b.target === 'SFTP' ? orNull(b.sftpHostKey) : null,
        sftpPath: b.target === 'SFTP' ? orNull(b.sftpPath) : null,
        fileNameTemplate: orNull(b.fileNameTemplate),
        lineTemplate: orNull(b.lineTemplate),
        jsonLine: jsonOrText(b.jsonLine),
      };
      withSecret(batch, 'sftpKey', b.sftpKey);
    }
    body.s2s = { dpid: integer(s.dpid), accountAlias: s.accountAlias, realTime, batch };
  }
  return body;
}
