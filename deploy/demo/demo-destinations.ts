/**
 * The sample destinations the demo creates through the builder API (bodies as in
 * services/destination-builder/request-bodies.ts), pointing at the local partner sink. Segment
 * catalog 10000-10399; the ranges overlap so one event usually reaches several destinations.
 *   1 serialized URL pixel (AAM "serialized": one call, values joined by `,`), labelled
 *     OFFSITE_TARGETING; data source 1003 prohibits that label, so its segments never reach it
 *   2 per-segment URL pixel (one call per newly qualified segment, each mapping its own template),
 *     browser traffic only
 *   3 single-key cookie `aam=1&aam=2`;  4 multi-key serialized cookie `seg=a,b&int=c`
 *   5 S2S real-time JSON with OAuth2 client credentials;  6 S2S batch files to a local directory
 */
import type { DestinationBody } from '../../services/destination-builder/request-bodies.ts';

export const SEGMENT_CATALOG = Array.from({ length: 400 }, (_, i) => 10_000 + i);
/** Partner namespace of the S2S destinations; the demo publishes ID syncs for it. */
export const PARTNER_DPID = 60_001;
/** Data source whose export controls prohibit OFFSITE_TARGETING (segments with sid % 7 === 3). */
export const RESTRICTED_DATA_SOURCE = 1003;
export const COOKIE_READ_DOMAIN = 'www.demo.example';

export interface DemoDestinationKeys {
  serializedUrl: DestinationBody;
  perSegmentUrl: DestinationBody;
  singleKeyCookie: DestinationBody;
  multiKeyCookie: DestinationBody;
  s2sRealTime: DestinationBody;
  s2sBatch: DestinationBody;
}
export type DemoDestinationKey = keyof DemoDestinationKeys;

export interface SinkAddresses {
  /** http://127.0.0.1:<port> */
  http: string;
  /** https://127.0.0.1:<port> */
  https: string;
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const START = '2020-01-01';

export function demoDestinations(sink: SinkAddresses, exportDir: string, runId: string): DemoDestinationKeys {
  const pixel = '/pixel/serialized?segs=%alias%&uid=%did%&gdpr=${GDPR}&proto=%http_proto%&rnd=%rnd%';
  return {
    serializedUrl: {
      name: `Demo serialized pixel ${runId}`,
      description: 'All live mapped segments in one call (key-value fragments, comma-delimited).',
      type: 'URL',
      platform: 'ALL',
      dataExportLabels: ['OFFSITE_TARGETING'],
      url: {
        serialize: true,
        baseUrl: `${sink.http}${pixel}`,
        secureUrl: `${sink.https}${pixel}`,
        delimiter: ',',
      },
      mappings: range(10_000, 80).map((sid) => ({ sid, value: `aam=${sid}`, startDate: START })),
    },
    perSegmentUrl: {
      name: `Demo per-segment pixel ${runId}`,
      description: 'One call per newly qualified segment, each mapping with its own template.',
      type: 'URL',
      platform: 'BROWSER',
      autoFill: 'SEGMENT_ID',
      url: { serialize: false, delimiter: ',' },
      mappings: range(10_040, 80).map((sid) => ({
        sid,
        startDate: START,
        url: `${sink.http}/pixel/segment/${sid}?v=%alias%&uid=%did%`,
        secureUrl: `${sink.https}/pixel/segment/${sid}?v=%alias%&uid=%did%`,
      })),
    },
    singleKeyCookie: {
      name: `Demo single-key cookie ${runId}`,
      type: 'COOKIE',
      cookie: {
        name: 'demo_sk',
        domain: '.demo.example',
        dataFormat: 'SINGLE_KEY',
        key: 'aam',
        keySeparator: '=',
        pairSeparator: '&',
        serialize: false,
        ttlDays: 30,
      },
      mappings: range(10_000, 60).map((sid) => ({ sid, value: String(sid), startDate: START })),
    },
    multiKeyCookie: {
      name: `Demo multi-key cookie ${runId}`,
      type: 'COOKIE',
      cookie: {
        name: 'demo_mk',
        domain: '.demo.example',
        dataFormat: 'MULTI_KEY',
        keySeparator: '=',
        pairSeparator: '&',
        serialize: true,
        serialSeparator: ',',
        ttlDays: 14,
      },
      mappings: range(10_020, 80).map((sid) => ({
        sid,
        value: `s${sid}`,
        key: sid % 2 === 0 ? 'seg' : 'int',
        priority: sid - 10_019,
        startDate: START,
      })),
    },
    s2sRealTime: {
      name: `Demo S2S real-time ${runId}`,
      type: 'S2S',
      s2s: {
        dpid: PARTNER_DPID,
        accountAlias: 'demo-partner',
        realTime: {
          endpoint: `${sink.http}/s2s/users`,
          auth: 'OAUTH2',
          oauthTokenUrl: `${sink.http}/oauth/token`,
          oauthClientId: 'demo-client',
          oauthClientSecret: DEMO_OAUTH_SECRET,
          usersPerRequest: 10,
          flushIntervalMs: 500,
          timeoutMs: 3000,
        },
      },
      mappings: range(10_000, 150).map((sid) => ({ sid, value: String(sid), startDate: START })),
    },
    s2sBatch: {
      name: `Demo S2S batch files ${runId}`,
      type: 'S2S',
      s2s: {
        dpid: PARTNER_DPID,
        accountAlias: 'demo-files',
        batch: {
          schedule: '0 * * * *',
          syncModes: ['FULL', 'ITER'],
          gzip: false,
          target: 'LOCAL',
          localDir: exportDir,
        },
      },
      mappings: range(10_100, 150).map((sid) => ({ sid, value: `b${sid}`, startDate: START })),
    },
  };
}

/** Client secret of the demo partner's OAuth2 token endpoint (a demo value, not a real secret). */
export const DEMO_OAUTH_SECRET = 'demo-client-secret';
