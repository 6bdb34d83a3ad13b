/**
 * TypeScript shapes of the Avro records in schemas/*.avsc (longs are JS numbers: epoch millis fit
 * in 2^53). Kept in step with the .avsc files by libs/schema/types.test.ts, which encodes a sample
 * of each type with the real schema.
 */
export type Platform = 'browser' | 'android' | 'ios';
export type PageProtocol = 'HTTPS' | 'HTTP';
export type SegmentStatus = 'QUALIFIED' | 'ACTIVE' | 'DISQUALIFIED';

export interface PartnerId {
  dpid: number;
  id: string;
}

export interface Consent {
  gdprApplies: boolean;
  tcString: string | null;
}

export interface SegmentChange {
  sid: number;
  status: SegmentStatus;
  updatedAt: number;
  dataSourceIds: number[];
}

export interface QualificationEvent {
  eventId: string;
  eventTime: number;
  uuid: string;
  /** `browser`, `android` or `ios`; anything else is invalid for routing. */
  platform: string;
  region: number | null;
  pageProtocol: PageProtocol;
  realTime: boolean;
  mcid: string | null;
  partnerIds: PartnerId[];
  consent: Consent | null;
  optedOut: boolean;
  segments: SegmentChange[];
}

export interface IdSync {
  uuid: string;
  dpid: number;
  dpuuid: string;
  seenAt: number;
}

export type DestinationType = 'URL' | 'COOKIE' | 'S2S';
export type DestinationStatus = 'ACTIVE' | 'PAUSED';
export type DestinationPlatform = 'ALL' | 'BROWSER' | 'ANDROID' | 'IOS';
export type DataExportLabel = 'PII' | 'ONSITE_TARGETING' | 'OFFSITE_TARGETING' | 'ONSITE_PERSONALIZATION';
export type AutoFill = 'NONE' | 'SEGMENT_ID' | 'INTEGRATION_CODE';

export interface SegmentMapping {
  sid: number;
  value: string;
  /** YYYY-MM-DD, UTC, inclusive. */
  startDate: string;
  /** YYYY-MM-DD, UTC, inclusive; null = never expires. */
  endDate: string | null;
  priority: number | null;
  key: string | null;
  url: string | null;
  secureUrl: string | null;
}

export interface UrlSettings {
  serialize: boolean;
  baseUrl: string | null;
  secureUrl: string | null;
  delimiter: string;
  referrerPolicy: 'HIDE' | 'SHOW';
}

export interface CookieSettings {
  name: string;
  domain: string | null;
  publishTo: 'ALL' | 'ONLY_LISTED' | 'ALL_EXCEPT_LISTED';
  publishDomains: string[];
  dataFormat: 'SINGLE_KEY' | 'MULTI_KEY';
  key: string | null;
  keySeparator: string;
  pairSeparator: string;
  serialize: boolean;
  serialSeparator: string;
  maxSizeBytes: number;
  ttlDays: number;
}

export interface EncryptedSecret {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

export interface S2sRealTime {
  endpoint: string;
  auth: 'NONE' | 'OAUTH2' | 'HMAC';
  oauthTokenUrl: string | null;
  oauthClientId: string | null;
  oauthClientSecret: EncryptedSecret | null;
  hmacAlgorithm: 'SHA256' | 'SHA1';
  hmacHeader: string | null;
  hmacKey: EncryptedSecret | null;
  /** UTF8: the key's UTF-8 bytes; BASE64: the key text base64-decoded. */
  hmacKeyEncoding: 'UTF8' | 'BASE64';
  usersPerRequest: number;
  flushIntervalMs: number;
  timeoutMs: number;
}

export interface S2sBatch {
  schedule: string;
  syncModes: ('FULL' | 'ITER')[];
  gzip: boolean;
  splitSizeBytes: number | null;
  target: 'LOCAL' | 'SFTP';
  localDir: string | null;
  sftpHost: string | null;
  sftpPort: number;
  sftpUser: string | null;
  sftpKey: EncryptedSecret | null;
  /** `SHA256:<base64>` fingerprint of the server's host key; null = not verified. */
  sftpHostKey: string | null;
  sftpPath: string | null;
  fileNameTemplate: string | null;
  lineTemplate: string | null;
  /** JSON-lines layout as JSON text (libs/rendering/json-line.ts); null = the text layout. */
  jsonLine: string | null;
}

export interface S2sSettings {
  dpid: number;
  accountAlias: string;
  realTime: S2sRealTime | null;
  batch: S2sBatch | null;
}

export interface DestinationConfig {
  id: number;
  name: string;
  description: string;
  type: DestinationType;
  status: DestinationStatus;
  platform: DestinationPlatform;
  dataExportLabels: DataExportLabel[];
  autoFill: AutoFill;
  version: number;
  createdBy: string;
  createdAt: number;
  updatedBy: string;
  updatedAt: number;
  mappings: SegmentMapping[];
  url: UrlSettings | null;
  cookie: CookieSettings | null;
  s2s: S2sSettings | null;
}

interface DeliveryCommon {
  deliveryId: string;
  eventId: string;
  eventTime: number;
  routedAt: number;
  uuid: string;
  destinationId: number;
  destinationVersion: number;
  region: number | null;
  pageProtocol: PageProtocol;
  mcid: string | null;
  partnerIds: PartnerId[];
  gdprApplies: boolean;
  tcString: string | null;
}

export interface UrlDeliveryRequest extends DeliveryCommon {
  segments: {
    sid: number;
    value: string;
    newlyQualified: boolean;
    url: string | null;
    secureUrl: string | null;
  }[];
}

export interface CookieDeliveryRequest extends DeliveryCommon {
  segments: { sid: number; value: string; key: string | null; priority: number | null }[];
}

export interface S2sDeliveryRequest extends DeliveryCommon {
  dpid: number;
  segments: { sid: number; value: string; member: boolean; updatedAt: number }[];
}

export interface DeadLetter {
  reason: string;
  detail: string;
  service: string;
  sourceTopic: string;
  sourcePartition: number;
  sourceOffset: number;
  key: Buffer | null;
  value: Buffer | null;
  destinationId: number | null;
  deliveryId: string | null;
  attempts: number;
  lastStatus: number | null;
  failedAt: number;
}

export type AuditEntity = 'DESTINATION' | 'DATA_SOURCE' | 'API_TOKEN';
export type AuditAction =
  'CREATE' | 'UPDATE' | 'DELETE' | 'ADD_MAPPINGS' | 'UPDATE_MAPPING' | 'REMOVE_MAPPING';

export interface AuditChange {
  path: string;
  before: string | null;
  after: string | null;
}

export interface DestinationAudit {
  auditId: string;
  at: number;
  actor: string;
  actorRole: string;
  entity: AuditEntity;
  entityId: string;
  action: AuditAction;
  versionBefore: number | null;
  versionAfter: number | null;
  changes: AuditChange[];
  requestId: string;
}

export interface DataSource {
  id: number;
  name: string;
  exportControls: DataExportLabel[];
  version: number;
  updatedBy: string;
  updatedAt: number;
}

export type ApiRole = 'VIEWER' | 'EDITOR' | 'ADMIN';

export interface ApiToken {
  id: string;
  name: string;
  role: ApiRole;
  sha256: string;
  createdBy: string;
  createdAt: number;
  expiresAt: number | null;
}
