/**
 * The destination templates (issue 20): partner layouts that Adobe documents publicly, as
 * destination bodies to start from (API `GET /v1/destination-templates`, the UI's "start from a
 * template"). Nothing here is invented: every setting is the one of the cited page (the sources and
 * what each template takes from them: docs/partners.md). What only the user knows (a pixel id, an
 * endpoint, a host) is left as a fill-in: the body holds nothing there, or a macro no destination
 * knows where Adobe's example shows `XXXX` (`%FACEBOOK_PIXEL_ID%`), and `fillIns` names the field.
 * Saved unchanged, every template is refused with field-level issues at its fill-ins.
 */
import type { Static } from '@sinclair/typebox';
import type { DestinationBody } from './request-bodies.ts';

const EL = 'https://experienceleague.adobe.com/docs/audience-manager/user-guide';

export interface TemplateFillIn {
  /** JSON pointer into the body. */
  pointer: string;
  /** What to put there. */
  hint: string;
}

export interface DestinationTemplate {
  id: string;
  name: string;
  description: string;
  /** The page the layout comes from. */
  source: { title: string; url: string };
  fillIns: TemplateFillIn[];
  body: Static<typeof DestinationBody>;
}

const batchDefaults = {
  schedule: '0 14 * * *',
  syncModes: ['FULL', 'ITER'] as ('FULL' | 'ITER')[],
  gzip: true,
  target: 'SFTP' as const,
  sftpHost: null,
  sftpPort: 22,
  sftpUser: null,
  sftpPath: null,
};
const batchFillIns: TemplateFillIn[] = [
  { pointer: '/s2s/dpid', hint: "the partner's data provider id (the namespace of its user ids)" },
  { pointer: '/s2s/accountAlias', hint: 'your account id on the partner platform (PID_ALIAS)' },
  { pointer: '/s2s/batch/sftpHost', hint: "the partner's SFTP host (or choose LOCAL)" },
  { pointer: '/s2s/batch/sftpUser', hint: 'the SFTP user the partner gave you' },
  { pointer: '/s2s/batch/sftpKey', hint: 'the OpenSSH private key the partner authorised' },
  { pointer: '/s2s/batch/sftpPath', hint: "the partner's upload directory" },
];
const s2sBase = { dpid: 0, accountAlias: '' };

export const DESTINATION_TEMPLATES: readonly DestinationTemplate[] = [
  {
    id: 'facebook-wca',
    name: 'Facebook Website Custom Audiences (URL)',
    description:
      "Adobe's Facebook WCA integration: one serialized pixel per page view with every qualified segment id, comma-separated, referrer shown (social platform URL type).",
    source: {
      title: 'Facebook WCA integration',
      url: `${EL}/implementation-integration-guides/integrating-third-party/facebook-wca-integration.html`,
    },
    fillIns: [
      {
        pointer: '/url/baseUrl',
        hint: "replace %FACEBOOK_PIXEL_ID% with your Facebook pixel id (Adobe's example shows XXXX)",
      },
      {
        pointer: '/url/secureUrl',
        hint: "replace %FACEBOOK_PIXEL_ID% with your Facebook pixel id (Adobe's example shows XXXX)",
      },
    ],
    body: {
      name: 'Facebook WCA',
      type: 'URL',
      platform: 'BROWSER',
      autoFill: 'SEGMENT_ID',
      url: {
        serialize: true,
        baseUrl:
          'https://www.facebook.com/tr/?id=%FACEBOOK_PIXEL_ID%&ev=Adobe-Audience-Manager-Segment&cd[segID]=%ALIAS%&noscript=1',
        secureUrl:
          'https://www.facebook.com/tr/?id=%FACEBOOK_PIXEL_ID%&ev=Adobe-Audience-Manager-Segment&cd[segID]=%ALIAS%&noscript=1',
        delimiter: ',',
        referrerPolicy: 'SHOW',
      },
    },
  },
  {
    id: 'google-ads-rlsa',
    name: 'Google Ads remarketing lists for search ads (URL)',
    description:
      "Adobe's RLSA integration: a serialized call with the segments separated by `;`; map each segment with the value `aam=<segment id>`.",
    source: {
      title: 'Google Ads RLSA integration',
      url: `${EL}/implementation-integration-guides/integrating-third-party/rlsa-integration.html`,
    },
    fillIns: [
      {
        pointer: '/url/baseUrl',
        hint: "replace %GOOGLE_CONVERSION_ID% with your Google Ads conversion id (Adobe's example shows xxxxxxxx)",
      },
      {
        pointer: '/url/secureUrl',
        hint: "replace %GOOGLE_CONVERSION_ID% with your Google Ads conversion id (Adobe's example shows xxxxxxxx)",
      },
    ],
    body: {
      name: 'Google Ads RLSA',
      type: 'URL',
      platform: 'BROWSER',
      url: {
        serialize: true,
        baseUrl:
          'https://googleads.g.doubleclick.net/pagead/viewthroughconversion/%GOOGLE_CONVERSION_ID%/?value=0&guid=ON&script=0&data=%ALIAS%',
        secureUrl:
          'https://googleads.g.doubleclick.net/pagead/viewthroughconversion/%GOOGLE_CONVERSION_ID%/?value=0&guid=ON&script=0&data=%ALIAS%',
        delimiter: ';',
      },
    },
  },
  {
    id: 'google-publisher-tag-cookie',
    name: 'Google Publisher Tag key-values (cookie)',
    description:
      "Adobe's GPT integration: one key, serialized values separated by `,` (`key=seg1,seg2`), which the AamGpt page code splits on `=` then `,` for googletag setTargeting.",
    source: {
      title: 'Integrate with Google Publisher Tags',
      url: `${EL}/implementation-integration-guides/integrate-dfp-using-gpt/gpt-aam-create-destination.html`,
    },
    fillIns: [
      { pointer: '/cookie/name', hint: 'the cookie name your AamGpt code reads' },
      { pointer: '/cookie/key', hint: 'the GPT targeting key' },
    ],
    body: {
      name: 'Google Publisher Tag',
      type: 'COOKIE',
      platform: 'BROWSER',
      cookie: {
        name: '',
        dataFormat: 'SINGLE_KEY',
        key: null,
        keySeparator: '=',
        serialize: true,
        serialSeparator: ',',
        maxSizeBytes: 2048,
      },
    },
  },
  {
    id: 'aam-real-time-s2s',
    name: 'Real-time server-to-server (AAM message format)',
    description:
      "Adobe's real-time outbound format: JSON POSTs of 1-10 users (10 by default), each with all of its segments and their status; the partner answers 200 within 3000 ms over HTTPS.",
    source: {
      title: 'Real-time outbound data transfers',
      url: `${EL}/implementation-integration-guides/receiving-audience-data/real-time-outbound-transfers/real-time-outbound-transfers.html`,
    },
    fillIns: [
      { pointer: '/s2s/dpid', hint: "the partner's data provider id (the namespace of its user ids)" },
      { pointer: '/s2s/accountAlias', hint: 'your account id on the partner platform (Client_ID)' },
      { pointer: '/s2s/realTime/endpoint', hint: "the partner's HTTPS endpoint" },
    ],
    body: {
      name: 'Real-time partner',
      type: 'S2S',
      s2s: {
        ...s2sBase,
        realTime: {
          endpoint: '',
          auth: 'NONE',
          usersPerRequest: 10,
          timeoutMs: 3000,
        },
      },
    },
  },
  {
    id: 'aam-batch-default',
    name: 'Batch files, AAM default layout',
    description:
      "Adobe's default batch content: one line per user, `<partner id> <segments,> <removed segments,>`, daily full and incremental files named `ftp_<destination>_<dpid>_<alias>_<mode>_<timestamp>.sync.gz`, with a `.info` control file.",
    source: {
      title: 'Outbound data file name and content syntax',
      url: `${EL}/implementation-integration-guides/receiving-audience-data/batch-outbound-data-transfers/outbound-file-name-contents.html`,
    },
    fillIns: batchFillIns,
    body: {
      name: 'Batch partner',
      type: 'S2S',
      s2s: { ...s2sBase, batch: { ...batchDefaults } },
    },
  },
  {
    id: 'aam-batch-dpuuid-tab-uuid',
    name: 'Batch files, partner id and AAM id (tab-separated)',
    description:
      "Adobe's macro example `<DP_UUID><TAB><UUID>`: one line per user, the partner id, a tab, the AAM id.",
    source: {
      title: 'Outbound macro examples',
      url: `${EL}/implementation-integration-guides/receiving-audience-data/batch-outbound-data-transfers/outbound-macro-examples.html`,
    },
    fillIns: batchFillIns,
    body: {
      name: 'Batch partner (id pairs)',
      type: 'S2S',
      s2s: { ...s2sBase, batch: { ...batchDefaults, lineTemplate: '{dpuuid}{tab}{uuid}' } },
    },
  },
  {
    id: 'trade-desk-json-lines',
    name: 'The Trade Desk JSON lines',
    description:
      "Adobe's Trade Desk example: one JSON object per user with AdvertiserId, DataCenterId and TDID, and a Data array of segment names; a removed segment is sent with TtlInMinutes 0.",
    source: {
      title: 'Outbound macro examples',
      url: `${EL}/implementation-integration-guides/receiving-audience-data/batch-outbound-data-transfers/outbound-macro-examples.html`,
    },
    fillIns: [
      ...batchFillIns,
      {
        pointer: '/s2s/batch/jsonLine/fields/DataCenterId',
        hint: 'your Trade Desk data center id (2 in the example)',
      },
    ],
    body: {
      name: 'The Trade Desk',
      type: 'S2S',
      s2s: {
        ...s2sBase,
        batch: {
          ...batchDefaults,
          jsonLine: {
            fields: { AdvertiserId: '{pidAlias}', DataCenterId: 2, TDID: '{dpuuid}' },
            segmentsField: 'Data',
            segment: { Name: '{value}' },
            removed: { Name: '{value}', TtlInMinutes: 0 },
          },
        },
      },
    },
  },
];

export function destinationTemplate(id: string): DestinationTemplate | undefined {
  return DESTINATION_TEMPLATES.find((t) => t.id === id);
}
