import { describe, expect, it } from 'vitest';
import { schemas } from './schemas.ts';
import type {
  CookieDeliveryRequest,
  DeadLetter,
  QualificationEvent,
  S2sDeliveryRequest,
  UrlDeliveryRequest,
} from './types.ts';

// Samples typed with the TypeScript shapes must be valid for the Avro schemas: the two stay in step.
const common = {
  deliveryId: 'e1:42',
  eventId: 'e1',
  eventTime: 1,
  routedAt: 2,
  uuid: 'u',
  destinationId: 42,
  destinationVersion: 3,
  region: null,
  pageProtocol: 'HTTPS' as const,
  mcid: null,
  partnerIds: [{ dpid: 20915, id: 'x' }],
  gdprApplies: false,
  tcString: null,
};

describe('TypeScript shapes match the Avro contracts', () => {
  it('QualificationEvent', () => {
    const event: QualificationEvent = {
      eventId: 'e',
      eventTime: 1,
      uuid: 'u',
      platform: 'browser',
      region: 9,
      pageProtocol: 'HTTP',
      realTime: true,
      mcid: 'm',
      partnerIds: [],
      consent: { gdprApplies: true, tcString: 'tc' },
      optedOut: false,
      segments: [{ sid: 1, status: 'QUALIFIED', updatedAt: 1, dataSourceIds: [2] }],
    };
    expect(schemas.qualificationEvent.type.isValid(event)).toBe(true);
  });

  it('delivery requests and dead letters', () => {
    const url: UrlDeliveryRequest = {
      ...common,
      segments: [{ sid: 1, value: 'v', newlyQualified: true, url: null, secureUrl: null }],
    };
    const cookie: CookieDeliveryRequest = {
      ...common,
      segments: [{ sid: 1, value: 'v', key: 'k', priority: 1 }],
    };
    const s2s: S2sDeliveryRequest = {
      ...common,
      dpid: 20915,
      segments: [{ sid: 1, value: 'v', member: false, updatedAt: 1 }],
    };
    const dead: DeadLetter = {
      reason: 'undecodable',
      detail: '',
      service: 's',
      sourceTopic: 't',
      sourcePartition: 0,
      sourceOffset: 5,
      key: null,
      value: Buffer.from('x'),
      destinationId: null,
      deliveryId: null,
      attempts: 0,
      lastStatus: null,
      failedAt: 1,
    };
    expect(schemas.urlDeliveryRequest.type.isValid(url)).toBe(true);
    expect(schemas.cookieDeliveryRequest.type.isValid(cookie)).toBe(true);
    expect(schemas.s2sDeliveryRequest.type.isValid(s2s)).toBe(true);
    expect(schemas.deadLetter.type.isValid(dead)).toBe(true);
    expect(schemas.urlDeliveryRequest.type.isValid({ ...url, destinationId: 'nope' })).toBe(false);
  });
});
