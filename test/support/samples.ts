/** Realistic sample records for tests. */
import { randomUUID } from 'node:crypto';
import type { QualificationEvent } from '../../libs/schema/index.ts';

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
