import { describe, expect, it } from 'vitest';
import type { DestinationConfig, UrlDeliveryRequest } from '../../libs/schema/index.ts';
import { urlDestination } from '../../test/support/destinations.ts';
import { buildRequest } from './build-request.ts';

const request: UrlDeliveryRequest = {
  deliveryId: 'e1:7',
  eventId: 'e1',
  eventTime: 0,
  routedAt: 0,
  uuid: '42',
  destinationId: 7,
  destinationVersion: 1,
  region: null,
  pageProtocol: 'HTTP',
  mcid: null,
  partnerIds: [],
  gdprApplies: false,
  tcString: null,
  segments: [
    { sid: 1, value: 'a', newlyQualified: true, url: null, secureUrl: null },
    { sid: 2, value: 'b', newlyQualified: false, url: null, secureUrl: null },
  ],
};
const options = { nowMs: 0, random: () => 0, maxUrlBytes: 8192 };
const destination: DestinationConfig = urlDestination(7, [1, 2]);

describe('buildRequest', () => {
  it('renders the serialized call from the destination templates', () => {
    expect(buildRequest(request, destination, options)).toEqual({
      kind: 'calls',
      calls: [{ url: 'http://127.0.0.1:9/pixel?segs=a,b&uid=42', sids: [1, 2] }],
      failures: [],
    });
  });

  it('a retry rebuilds only the failed call', () => {
    const built = buildRequest(request, destination, { ...options, onlySids: [2] });
    expect(built).toMatchObject({
      kind: 'calls',
      calls: [{ url: 'http://127.0.0.1:9/pixel?segs=b&uid=42', sids: [2] }],
    });
  });

  it('sends nothing for paused or non-URL destinations, flags unknown ones', () => {
    expect(buildRequest(request, { ...destination, status: 'PAUSED' }, options)).toEqual({
      kind: 'skip',
      reason: 'paused',
    });
    expect(buildRequest(request, { ...destination, type: 'COOKIE' }, options)).toEqual({
      kind: 'skip',
      reason: 'not_url',
    });
    expect(buildRequest(request, undefined, options)).toEqual({ kind: 'unknown_destination' });
  });
});
