/**
 * The destination form's state: every input as the user sees it (numbers as text), keyed like the
 * API body so that an issue's JSON pointer names its input, and the defaults of a new destination
 * of each type (those of schemas/destination-config.avsc). Pure.
 */
import type { AutoFill, DestinationType, Label, Platform, DestinationStatus } from './api-types.ts';

export interface SecretDraft {
  /** A secret is stored on the server (the API says `{ "set": true }`). */
  stored: boolean;
  /** What the user typed; blank = keep the stored one. */
  value: string;
  remove: boolean;
}

export interface Draft {
  name: string;
  description: string;
  type: DestinationType;
  status: DestinationStatus;
  platform: Platform;
  dataExportLabels: Label[];
  autoFill: AutoFill;
  url: {
    serialize: boolean;
    baseUrl: string;
    secureUrl: string;
    delimiter: string;
    referrerPolicy: 'HIDE' | 'SHOW';
  };
  cookie: {
    name: string;
    domain: string;
    publishTo: 'ALL' | 'ONLY_LISTED' | 'ALL_EXCEPT_LISTED';
    publishDomains: string;
    dataFormat: 'SINGLE_KEY' | 'MULTI_KEY';
    key: string;
    keySeparator: string;
    pairSeparator: string;
    serialize: boolean;
    serialSeparator: string;
    maxSizeBytes: string;
    ttlDays: string;
  };
  s2s: {
    dpid: string;
    accountAlias: string;
    realTimeEnabled: boolean;
    realTime: {
      endpoint: string;
      auth: 'NONE' | 'OAUTH2' | 'HMAC';
      oauthTokenUrl: string;
      oauthClientId: string;
      oauthClientSecret: SecretDraft;
      hmacAlgorithm: 'SHA256' | 'SHA1';
      hmacHeader: string;
      hmacKey: SecretDraft;
      hmacKeyEncoding: 'UTF8' | 'BASE64';
      usersPerRequest: string;
      flushIntervalMs: string;
      timeoutMs: string;
    };
    batchEnabled: boolean;
    batch: {
      schedule: string;
      full: boolean;
      iter: boolean;
      gzip: boolean;
      splitSizeBytes: string;
      target: 'LOCAL' | 'SFTP';
      localDir: string;
      sftpHost: string;
      sftpPort: string;
      sftpUser: string;
      sftpKey: SecretDraft;
      sftpHostKey: string;
      sftpPath: string;
      fileNameTemplate: string;
      lineTemplate: string;
      /** The JSON-lines layout as JSON text; blank = the text layout. */
      jsonLine: string;
    };
  };
}

export const noSecret = (stored = false): SecretDraft => ({ stored, value: '', remove: false });

export function newDraft(type: DestinationType): Draft {
  return {
    name: '',
    description: '',
    type,
    status: 'ACTIVE',
    platform: 'ALL',
    dataExportLabels: [],
    autoFill: 'SEGMENT_ID',
    url: { serialize: true, baseUrl: '', secureUrl: '', delimiter: ',', referrerPolicy: 'HIDE' },
    cookie: {
      name: '',
      domain: '',
      publishTo: 'ALL',
      publishDomains: '',
      dataFormat: 'SINGLE_KEY',
      key: '',
      keySeparator: '=',
      pairSeparator: '&',
      serialize: false,
      serialSeparator: ',',
      maxSizeBytes: '2048',
      ttlDays: '30',
    },
    s2s: {
      dpid: '',
      accountAlias: '',
      realTimeEnabled: true,
      realTime: {
        endpoint: '',
        auth: 'NONE',
        oauthTokenUrl: '',
        oauthClientId: '',
        oauthClientSecret: noSecret(),
        hmacAlgorithm: 'SHA256',
        hmacHeader: '',
        hmacKey: noSecret(),
        hmacKeyEncoding: 'UTF8',
        usersPerRequest: '10',
        flushIntervalMs: '1000',
        timeoutMs: '3000',
      },
      batchEnabled: false,
      batch: {
        schedule: '0 * * * *',
        full: true,
        iter: true,
        gzip: true,
        splitSizeBytes: '',
        target: 'LOCAL',
        localDir: '',
        sftpHost: '',
        sftpPort: '22',
        sftpUser: '',
        sftpKey: noSecret(),
        sftpHostKey: '',
        sftpPath: '',
        fileNameTemplate: '',
        lineTemplate: '',
        jsonLine: '',
      },
    },
  };
}
