/** Realistic sample records for tests. */
import { randomUUID } from 'node:crypto';
import type { QualificationEvent, UrlDeliveryRequest } from '../../libs/schema/index.ts';

let counter = 0;

export function sampleUuid(): string {
  // AAM-style 38-digit numeric device id.
  counter += 1;
  return (BigInt(Date.now()) * 10n ** 24n + BigInt(counter)).toString().padStart(38, '1').slice(0, 38);
}

export function sampleEvent(overrides: Partial<QualificationEvent> = {}): QualificationEvent {
  const now = Date.now();
  return {
    eventId: randomUUID(),
    eventTime: now,
    uuid: sampleUuid(),
    platform: 'browser',
    region: 9,
    pageProtocol: 'HTTPS',
    realTime: true,
    mcid: null,
    partnerIds: [{ dpid: 20915, id: '4250948725049857' }],
    consent: { gdprApplies: false, tcString: null },
    optedOut: false,
    segments: [
      { sid: 14356, status: 'QUALIFIED', updatedAt: now, dataSourceIds: [1001] },
      { sid: 12176, status: 'ACTIVE', updatedAt: now - 60_000, dataSourceIds: [] },
    ],
    ...overrides,
  };
}

/** A url delivery request as the router writes it, for now, with two segments; `overrides` win. */
export function urlRequest(
  destinationId: number,
  overrides: Partial<UrlDeliveryRequest> = {},
): UrlDeliveryRequest {
  const now = Date.now();
  const eventId = randomUUID();
  return {
    deliveryId: `${eventId}:${destinationId}`,
    eventId,
    eventTime: now,
    routedAt: now,
    uuid: sampleUuid(),
    destinationId,
    destinationVersion: 1,
    region: 9,
    pageProtocol: 'HTTP',
    mcid: null,
    partnerIds: [],
    gdprApplies: false,
    tcString: null,
    segments: [
      { sid: 101, value: '101', newlyQualified: true, url: null, secureUrl: null },
      { sid: 102, value: 'aam=102', newlyQualified: false, url: null, secureUrl: null },
    ],
    ...overrides,
  };
}
