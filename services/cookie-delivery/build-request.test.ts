import { describe, expect, it } from 'vitest';
import type { CookieDeliveryRequest } from '../../libs/schema/index.ts';
import { cookieDestination } from '../../test/support/destinations.ts';
import { buildRequest } from './build-request.ts';
import { decideCookieRequest } from './decide-cookie-request.ts';

const request: CookieDeliveryRequest = {
  deliveryId: 'e1:5',
  eventId: 'e1',
  eventTime: 1000,
  routedAt: 1001,
  uuid: '42',
  destinationId: 5,
  destinationVersion: 1,
  region: null,
  pageProtocol: 'HTTPS',
  mcid: null,
  partnerIds: [],
  gdprApplies: false,
  tcString: null,
  segments: [
    { sid: 1, value: 'a', key: null, priority: 1 },
    { sid: 2, value: 'b c', key: null, priority: null },
  ],
};
const destination = cookieDestination(5, [1, 2]);

describe('buildRequest + classify', () => {
  it('renders the whole current value and keeps what the edge needs', () => {
    const decision = decideCookieRequest(buildRequest(request, destination), 5);
    expect(decision).toMatchObject({
      kind: 'store',
      dropped: [],
      state: {
        uuid: '42',
        destinationId: 5,
        name: 'seg',
        value: 'x=a&x=b%20c',
        updatedAt: 1000,
        spec: { domain: '.example.com', ttlDays: 30, publishTo: 'ALL', sids: [1, 2] },
      },
    });
  });

  it('no live segment left: an empty value (the stored cookie is deleted)', () => {
    const decision = decideCookieRequest(buildRequest({ ...request, segments: [] }, destination), 5);
    expect(decision).toMatchObject({ kind: 'store', state: { value: '' } });
  });

  it('drops paused and non-cookie destinations, dead-letters unknown ones and unrenderable mappings', () => {
    expect(decideCookieRequest(buildRequest(request, { ...destination, status: 'PAUSED' }), 5)).toEqual({
      kind: 'drop',
      reason: 'paused',
    });
    expect(decideCookieRequest(buildRequest(request, { ...destination, type: 'URL' }), 5)).toEqual({
      kind: 'drop',
      reason: 'not_cookie',
    });
    expect(decideCookieRequest(buildRequest(request, undefined), 5)).toMatchObject({
      kind: 'dead_letter',
      code: 'invalid_event',
      reason: 'unknown_destination',
    });
    const multi = {
      ...destination,
      cookie: { ...destination.cookie!, dataFormat: 'MULTI_KEY' as const, key: null },
    };
    expect(decideCookieRequest(buildRequest(request, multi), 5)).toMatchObject({
      kind: 'dead_letter',
      code: 'render_failed',
      detail: 'multi-key mapping of segment 1 has no key',
    });
  });
});
