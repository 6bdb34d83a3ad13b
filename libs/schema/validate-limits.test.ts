import { describe, expect, it } from 'vitest';
import { sampleEvent } from '../../test/support/samples.ts';
import { RECORD_LIMITS, SEGMENTS_CEILING } from './record-limits.ts';
import { schemas } from './schemas.ts';
import type {
  CookieDeliveryRequest,
  DataSource,
  IdSync,
  QualificationEvent,
  S2sDeliveryRequest,
  UrlDeliveryRequest,
} from './types.ts';
import { preview, validateLimits } from './validate-limits.ts';

const MB = 1_000_000;
const UUID = '19390412345678901234567890123456789012';

const common = {
  deliveryId: 'e1:7',
  eventId: 'e1',
  eventTime: 1_764_337_140_000,
  routedAt: 1_764_337_140_001,
  uuid: UUID,
  destinationId: 7,
  destinationVersion: 1,
  region: 9,
  pageProtocol: 'HTTPS' as const,
  mcid: '08212468327483625437',
  partnerIds: [{ dpid: 20915, id: '4250948725049857' }],
  gdprApplies: false,
  tcString: null,
};
const cookie = (o: Partial<CookieDeliveryRequest> = {}): CookieDeliveryRequest => ({
  ...common,
  segments: [{ sid: 1, value: 'sports', key: 'seg', priority: 1 }],
  ...o,
});
const url = (o: Partial<UrlDeliveryRequest> = {}): UrlDeliveryRequest => ({
  ...common,
  segments: [{ sid: 1, value: 'sports', newlyQualified: true, url: null, secureUrl: 'https://p.example/s' }],
  ...o,
});
const s2s = (o: Partial<S2sDeliveryRequest> = {}): S2sDeliveryRequest => ({
  ...common,
  dpid: 20915,
  segments: [{ sid: 1, value: 'sports', member: true, updatedAt: 1 }],
  ...o,
});
const idSync = (o: Partial<IdSync> = {}): IdSync => ({
  uuid: UUID,
  dpid: 20915,
  dpuuid: '4250948725049857',
  seenAt: 1_764_337_140_000,
  ...o,
});
const dataSource = (o: Partial<DataSource> = {}): DataSource => ({
  id: 1001,
  name: 'CRM',
  exportControls: ['PII'],
  version: 1,
  updatedBy: 'admin',
  updatedAt: 1,
  ...o,
});
const event = (o: Partial<QualificationEvent> = {}) => sampleEvent(o);
const segments = (n: number, dataSourceIds: number[] = []) =>
  Array.from({ length: n }, (_, sid) => ({ sid, status: 'ACTIVE' as const, updatedAt: 1, dataSourceIds }));
const ids = (n: number) => Array.from({ length: n }, (_, i) => ({ dpid: i + 1, id: 'x' }));
const L = RECORD_LIMITS;

type Case = [name: string, check: () => ReturnType<typeof validateLimits.idSync>, detail: RegExp | null];

const atAndPast = (
  field: string,
  max: number,
  make: (value: string) => ReturnType<typeof validateLimits.idSync>,
): Case[] => [
  [`${field} of ${max} characters`, () => make('a'.repeat(max)), null],
  [
    `${field} of ${max + 1} characters`,
    () => make('a'.repeat(max + 1)),
    new RegExp(`^${escape(field)}: ${max + 1} characters, more than the limit of ${max}$`),
  ],
];

function escape(text: string): string {
  return text.replace(/[[\].]/g, '\\$&');
}

const cases: Case[] = [
  // The one uuid rule, on every record that carries one.
  [
    'event uuid of 64 characters',
    () => validateLimits.qualificationEvent(event({ uuid: 'A'.repeat(64) })),
    null,
  ],
  [
    'event uuid of 65 characters',
    () => validateLimits.qualificationEvent(event({ uuid: 'A'.repeat(65) })),
    /^uuid: 65 characters; the rule is 1-64/,
  ],
  [
    'event uuid with a space',
    () => validateLimits.qualificationEvent(event({ uuid: 'ab cd' })),
    /^uuid: "ab cd" has a character outside the set/,
  ],
  [
    'event uuid with NUL',
    () => validateLimits.qualificationEvent(event({ uuid: 'ab\u0000' })),
    /^uuid: "ab\\u0000" has a character/,
  ],
  [
    'event uuid of 1 MB',
    () => validateLimits.qualificationEvent(event({ uuid: '1'.repeat(MB) })),
    /^uuid: 1000000 characters/,
  ],
  [
    'GAID-shaped uuid',
    () => validateLimits.qualificationEvent(event({ uuid: '38400000-8cf0-11bd-b23e-10b96e40000d' })),
    null,
  ],
  [
    'cookie uuid "a/b"',
    () => validateLimits.cookieDeliveryRequest(cookie({ uuid: 'a/b' })),
    /^uuid: "a\/b" has a character/,
  ],
  ['url empty uuid', () => validateLimits.urlDeliveryRequest(url({ uuid: '' })), /^uuid: empty$/],
  [
    's2s uuid of 65',
    () => validateLimits.s2sDeliveryRequest(s2s({ uuid: '9'.repeat(65) })),
    /^uuid: 65 characters/,
  ],
  ['id sync empty uuid', () => validateLimits.idSync(idSync({ uuid: '' })), /^uuid: empty$/],

  // Qualification events: strings, arrays, record size.
  ...atAndPast('mcid', 64, (v) => validateLimits.qualificationEvent(event({ mcid: v }))),
  ...atAndPast('eventId', 128, (v) => validateLimits.qualificationEvent(event({ eventId: v }))),
  ...atAndPast('partnerIds[0].id', 255, (v) =>
    validateLimits.qualificationEvent(event({ partnerIds: [{ dpid: 1, id: v }] })),
  ),
  ...atAndPast('consent.tcString', 8192, (v) =>
    validateLimits.qualificationEvent(event({ consent: { gdprApplies: true, tcString: v } })),
  ),
  [
    'mcid of 1 MB (the probe)',
    () => validateLimits.qualificationEvent(event({ mcid: '1'.repeat(MB) })),
    /^mcid: 1000000 characters, more than the limit of 64$/,
  ],
  [
    'eventId with CR LF',
    () => validateLimits.qualificationEvent(event({ eventId: 'e1\r\nX-Injected: 1' })),
    /^eventId: control character U\+000D at index 2$/,
  ],
  [
    'mcid with NUL',
    () => validateLimits.qualificationEvent(event({ mcid: '123\u0000' })),
    /^mcid: control character U\+0000 at index 3$/,
  ],
  [
    'tcString with ESC',
    () => validateLimits.qualificationEvent(event({ consent: { gdprApplies: true, tcString: 'CP\u001b' } })),
    /^consent\.tcString: control character U\+001B/,
  ],
  ['50 partner ids', () => validateLimits.qualificationEvent(event({ partnerIds: ids(50) })), null],
  [
    '51 partner ids',
    () => validateLimits.qualificationEvent(event({ partnerIds: ids(51) })),
    /^partnerIds: 51 entries, more than the limit of 50$/,
  ],
  [
    '1000 segments (default)',
    () => validateLimits.qualificationEvent(event({ segments: segments(1000) })),
    null,
  ],
  [
    '1001 segments (default)',
    () => validateLimits.qualificationEvent(event({ segments: segments(1001) })),
    /^segments: 1001 entries, more than the limit of 1000$/,
  ],
  [
    'ceiling over a higher config',
    () => validateLimits.qualificationEvent(event({ segments: segments(SEGMENTS_CEILING + 1) }), 50_000),
    /^segments: 10001 entries, more than the limit of 10000$/,
  ],
  [
    '100 data sources on a segment',
    () => validateLimits.qualificationEvent(event({ segments: segments(2, Array(100).fill(1)) })),
    null,
  ],
  [
    '101 data sources on a segment',
    () => validateLimits.qualificationEvent(event({ segments: segments(2, Array(101).fill(1)) })),
    /^segments\[0\]\.dataSourceIds: 101 entries, more than the limit of 100$/,
  ],
  [
    'event past 256 KiB',
    () =>
      validateLimits.qualificationEvent(
        event({ segments: segments(10_000, Array(10).fill(1_000_000)) }),
        10_000,
      ),
    /^event: \d+ bytes encoded, more than the limit of 262144$/,
  ],

  // Delivery requests.
  ...atAndPast('segments[0].value', 255, (v) =>
    validateLimits.cookieDeliveryRequest(
      cookie({ segments: [{ sid: 1, value: v, key: 'k', priority: null }] }),
    ),
  ),
  ...atAndPast('segments[0].key', 255, (v) =>
    validateLimits.cookieDeliveryRequest(
      cookie({ segments: [{ sid: 1, value: 'v', key: v, priority: null }] }),
    ),
  ),
  ...atAndPast('segments[0].secureUrl', 4096, (v) =>
    validateLimits.urlDeliveryRequest(
      url({ segments: [{ sid: 1, value: 'v', newlyQualified: true, url: null, secureUrl: v }] }),
    ),
  ),
  ...atAndPast('mcid', 64, (v) => validateLimits.s2sDeliveryRequest(s2s({ mcid: v }))),
  ...atAndPast('deliveryId', 140, (v) => validateLimits.urlDeliveryRequest(url({ deliveryId: v }))),
  [
    'cookie mcid of 1 MB',
    () => validateLimits.cookieDeliveryRequest(cookie({ mcid: 'm'.repeat(MB) })),
    /^mcid: 1000000 characters/,
  ],
  [
    'deliveryId with LF',
    () => validateLimits.urlDeliveryRequest(url({ deliveryId: 'e\n:7' })),
    /^deliveryId: control character U\+000A/,
  ],
  [
    'empty deliveryId',
    () => validateLimits.s2sDeliveryRequest(s2s({ deliveryId: '' })),
    /^deliveryId: empty$/,
  ],
  [
    '10,000-segment cookie request (~60 KB)',
    () =>
      validateLimits.cookieDeliveryRequest(
        cookie({
          segments: Array.from({ length: 10_000 }, (_, sid) => ({
            sid,
            value: 'v',
            key: null,
            priority: null,
          })),
        }),
      ),
    null,
  ],
  [
    '10,001-segment cookie request',
    () =>
      validateLimits.cookieDeliveryRequest(
        cookie({
          segments: Array.from({ length: 10_001 }, (_, sid) => ({
            sid,
            value: 'v',
            key: null,
            priority: null,
          })),
        }),
      ),
    /^segments: 10001 entries, more than the limit of 10000$/,
  ],
  [
    'cookie request of 1 MB (10,000 segments of 100 characters)',
    () =>
      validateLimits.cookieDeliveryRequest(
        cookie({
          segments: Array.from({ length: 10_000 }, (_, sid) => ({
            sid,
            value: 'v'.repeat(100),
            key: null,
            priority: null,
          })),
        }),
      ),
    /^request: \d{7} bytes encoded, more than the limit of 524288$/,
  ],

  // ID syncs.
  ...atAndPast('dpuuid', 255, (v) => validateLimits.idSync(idSync({ dpuuid: v }))),
  [
    'dpuuid of 1 MB',
    () => validateLimits.idSync(idSync({ dpuuid: 'd'.repeat(MB) })),
    /^dpuuid: 1000000 characters, more than the limit of 255$/,
  ],
  ['empty dpuuid', () => validateLimits.idSync(idSync({ dpuuid: '' })), /^dpuuid: empty$/],
  [
    'dpuuid with NUL',
    () => validateLimits.idSync(idSync({ dpuuid: 'a\u0000b' })),
    /^dpuuid: control character U\+0000 at index 1$/,
  ],
  ['negative seenAt', () => validateLimits.idSync(idSync({ seenAt: -1 })), /^seenAt: -1, must be a positive/],
  ['seenAt 0', () => validateLimits.idSync(idSync({ seenAt: 0 })), /^seenAt: 0, must be a positive/],
  ['seenAt 1', () => validateLimits.idSync(idSync({ seenAt: 1 })), null],
  ['dpid 0', () => validateLimits.idSync(idSync({ dpid: 0 })), /^dpid: 0, must be positive$/],

  // Data sources.
  ...atAndPast('name', 255, (v) => validateLimits.dataSource(dataSource({ name: v }))),
  ...atAndPast('updatedBy', 255, (v) => validateLimits.dataSource(dataSource({ updatedBy: v }))),
];

describe('validateLimits', () => {
  it.each(cases)('%s', (_name, check, detail) => {
    const result = check();
    if (detail === null) expect(result).toBeNull();
    else expect(result).toEqual({ reason: 'invalid_event', detail: expect.stringMatching(detail) });
  });

  it('never echoes more than 40 characters of a value', () => {
    for (const [, check] of cases) {
      const detail = check()?.detail ?? '';
      expect(detail.length).toBeLessThan(200);
    }
    expect(preview('x'.repeat(MB))).toBe(`"${'x'.repeat(40)}"...`);
  });

  it('accepts the well-formed sample of every record type', () => {
    expect(validateLimits.qualificationEvent(event())).toBeNull();
    expect(validateLimits.cookieDeliveryRequest(cookie())).toBeNull();
    expect(validateLimits.urlDeliveryRequest(url())).toBeNull();
    expect(validateLimits.s2sDeliveryRequest(s2s())).toBeNull();
    expect(validateLimits.idSync(idSync())).toBeNull();
    expect(validateLimits.dataSource(dataSource())).toBeNull();
  });

  it('a record at every string and array limit still fits its byte limit, and its dead letter a broker record', () => {
    const max = (n: number, c = 'a') => c.repeat(n);
    const s = L.cookieDeliveryRequest.strings;
    const request = cookie({
      deliveryId: max(s.deliveryId),
      eventId: max(s.eventId),
      uuid: max(s.uuid),
      mcid: max(s.mcid),
      tcString: max(s.tcString),
      partnerIds: Array.from({ length: L.cookieDeliveryRequest.arrays.partnerIds }, (_, i) => ({
        dpid: i,
        id: max(255),
      })),
      segments: Array.from({ length: 1000 }, (_, sid) => ({
        sid,
        value: max(255),
        key: max(200),
        priority: 1,
      })),
    });
    expect(validateLimits.cookieDeliveryRequest(request)).toBeNull();
    const bytes = 5 + schemas.cookieDeliveryRequest.type.toBuffer(request).length;
    expect(bytes).toBeLessThanOrEqual(L.cookieDeliveryRequest.maxRecordBytes);
    expect(L.cookieDeliveryRequest.maxRecordBytes + 64 * 1024).toBeLessThan(1024 * 1024);
  });

  it('measures the encoded size exactly (wire header included)', () => {
    const sync = idSync({ dpuuid: 'd'.repeat(255), uuid: 'u'.repeat(64) });
    const bytes = 5 + schemas.idSync.type.toBuffer(sync).length;
    expect(bytes).toBeLessThanOrEqual(L.idSync.maxRecordBytes);
    expect(validateLimits.idSync(sync)).toBeNull();
  });
});
