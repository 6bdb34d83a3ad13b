/** Sample destination configs for tests. */
import type { DestinationConfig, SegmentMapping } from '../../libs/schema/index.ts';

export function mapping(sid: number, overrides: Partial<SegmentMapping> = {}): SegmentMapping {
  return {
    sid,
    value: String(sid),
    startDate: '2020-01-01',
    endDate: null,
    priority: null,
    key: null,
    url: null,
    secureUrl: null,
    ...overrides,
  };
}

export function urlDestination(
  id: number,
  sids: number[],
  overrides: Partial<DestinationConfig> = {},
): DestinationConfig {
  const now = Date.now();
  return {
    id,
    name: `url-${id}`,
    description: '',
    type: 'URL',
    status: 'ACTIVE',
    platform: 'ALL',
    dataExportLabels: [],
    autoFill: 'NONE',
    version: 1,
    createdBy: 'test',
    createdAt: now,
    updatedBy: 'test',
    updatedAt: now,
    mappings: sids.map((sid) => mapping(sid)),
    url: {
      serialize: true,
      baseUrl: 'http://127.0.0.1:9/pixel?segs=%alias%&uid=%did%',
      secureUrl: 'https://127.0.0.1:9/pixel?segs=%alias%&uid=%did%',
      delimiter: ',',
      referrerPolicy: 'HIDE',
    },
    cookie: null,
    s2s: null,
    ...overrides,
  };
}

export function cookieDestination(
  id: number,
  sids: number[],
  overrides: Partial<DestinationConfig> = {},
): DestinationConfig {
  return urlDestination(id, sids, {
    name: `cookie-${id}`,
    type: 'COOKIE',
    url: null,
    cookie: {
      name: 'seg',
      domain: '.example.com',
      publishTo: 'ALL',
      publishDomains: [],
      dataFormat: 'SINGLE_KEY',
      key: 'x',
      keySeparator: '=',
      pairSeparator: '&',
      serialize: false,
      serialSeparator: ',',
      maxSizeBytes: 2048,
      ttlDays: 30,
    },
    ...overrides,
  });
}

export function s2sDestination(
  id: number,
  sids: number[],
  overrides: Partial<DestinationConfig> = {},
): DestinationConfig {
  return urlDestination(id, sids, {
    name: `s2s-${id}`,
    type: 'S2S',
    url: null,
    s2s: {
      dpid: 20915,
      accountAlias: 'acct-42',
      realTime: null,
      batch: {
        schedule: '0 * * * *',
        syncModes: ['FULL', 'ITER'],
        gzip: true,
        splitSizeBytes: null,
        target: 'LOCAL',
        localDir: '/tmp/exports',
        sftpHost: null,
        sftpPort: 22,
        sftpUser: null,
        sftpKey: null,
        sftpHostKey: null,
        sftpPath: null,
        fileNameTemplate: null,
        lineTemplate: null,
        jsonLine: null,
      },
    },
    ...overrides,
  });
}
