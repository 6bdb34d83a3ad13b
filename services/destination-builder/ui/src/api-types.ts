/**
 * The shapes of the builder's public API as the UI uses them (see /openapi.json and the service
 * README). Kept here rather than imported from the service: the UI is a client of the API only.
 */
export type DestinationType = 'URL' | 'COOKIE' | 'S2S';
export type Status = 'ACTIVE' | 'PAUSED';
export type Platform = 'ALL' | 'BROWSER' | 'ANDROID' | 'IOS';
export type Label = 'PII' | 'ONSITE_TARGETING' | 'OFFSITE_TARGETING' | 'ONSITE_PERSONALIZATION';
export type AutoFill = 'NONE' | 'SEGMENT_ID' | 'INTEGRATION_CODE';

export const LABELS: readonly Label[] = [
  'PII',
  'ONSITE_TARGETING',
  'OFFSITE_TARGETING',
  'ONSITE_PERSONALIZATION',
];

export interface Mapping {
  sid: number;
  value: string;
  startDate: string;
  endDate: string | null;
  priority: number | null;
  key: string | null;
  url: string | null;
  secureUrl: string | null;
}

export interface MappingInput {
  sid: number;
  value?: string;
  integrationCode?: string;
  startDate: string;
  endDate?: string | null;
  priority?: number | null;
  key?: string | null;
  url?: string | null;
  secureUrl?: string | null;
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

export interface SecretState {
  set: true;
}

export interface RealTimeSettings {
  endpoint: string;
  auth: 'NONE' | 'OAUTH2' | 'HMAC';
  oauthTokenUrl: string | null;
  oauthClientId: string | null;
  oauthClientSecret: SecretState | null;
  hmacAlgorithm: 'SHA256' | 'SHA1';
  hmacHeader: string | null;
  hmacKey: SecretState | null;
  usersPerRequest: number;
  flushIntervalMs: number;
  timeoutMs: number;
}

export interface BatchSettings {
  schedule: string;
  syncModes: ('FULL' | 'ITER')[];
  gzip: boolean;
  splitSizeBytes: number | null;
  target: 'LOCAL' | 'SFTP';
  localDir: string | null;
  sftpHost: string | null;
  sftpPort: number;
  sftpUser: string | null;
  sftpKey: SecretState | null;
  sftpHostKey: string | null;
  sftpPath: string | null;
  fileNameTemplate: string | null;
  lineTemplate: string | null;
}

export interface S2sSettings {
  dpid: number;
  accountAlias: string;
  realTime: RealTimeSettings | null;
  batch: BatchSettings | null;
}

export interface Destination {
  id: number;
  name: string;
  description: string;
  type: DestinationType;
  status: Status;
  platform: Platform;
  dataExportLabels: Label[];
  autoFill: AutoFill;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  mappings: Mapping[];
  url: UrlSettings | null;
  cookie: CookieSettings | null;
  s2s: S2sSettings | null;
}

export interface DestinationPage {
  total: number;
  limit: number;
  offset: number;
  items: Destination[];
}

export interface Issue {
  pointer: string;
  rule: string;
  message: string;
}

export interface DataSource {
  id: number;
  name: string;
  exportControls: Label[];
  version: number;
}

export interface LatencyBucket {
  le: number | null;
  count: number;
}

export interface DeliveryFigures {
  type: string | null;
  sent: number;
  succeeded: number;
  retried: number;
  failed: number;
  byStatusClass: Record<string, number>;
  latency: { count: number; sumSeconds: number; buckets: LatencyBucket[] };
  circuitState: number | null;
}

export interface ExportFigures {
  mode: string;
  runsSucceeded: number;
  runsFailed: number;
  rows: number;
  bytes: number;
  lastSuccessAt: string | null;
  nextDueAt: string | null;
}

export interface DeliveryStats {
  available: boolean;
  readAt: string;
  sources: { url: string; ok: boolean; error?: string }[];
  destinations: Record<string, { delivery: DeliveryFigures; exports: ExportFigures[] }>;
}

export interface SampleEvent {
  uuid?: string;
  platform?: 'browser' | 'android' | 'ios';
  region?: number | null;
  pageProtocol?: 'HTTPS' | 'HTTP';
  realTime?: boolean;
  mcid?: string | null;
  partnerIds?: { dpid: number; id: string }[];
  consent?: { gdprApplies: boolean; tcString: string | null } | null;
  optedOut?: boolean;
  segments: { sid: number; status: 'QUALIFIED' | 'ACTIVE' | 'DISQUALIFIED' }[];
}

export interface PreviewResult {
  type: DestinationType;
  notes: string[];
  urls?: { url: string; sids: number[] }[];
  failures?: { sids: number[]; message: string }[];
  referrerPolicy?: string;
  cookie?: { name: string; value: string; domain: string; ttlDays: number };
  included?: number[];
  dropped?: number[];
  message?: unknown;
  line?: string;
}

/** One export run as the s2s exporter records it (times in epoch ms). */
export interface ExportRun {
  id: number;
  mode: 'full' | 'iter';
  outcome: 'running' | 'succeeded' | 'failed';
  startedAt: number;
  finishedAt: number | null;
  durationMs: number | null;
  files: string[];
  userCount: number;
  lineCount: number;
  byteCount: number;
  error: string | null;
}

export interface ExportHistory {
  available: boolean;
  error?: string;
  exports: ExportRun[];
}
