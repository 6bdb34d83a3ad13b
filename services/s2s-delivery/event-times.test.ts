import { describe, expect, it } from 'vitest';
import type { S2sDeliveryRequest } from '../../libs/schema/index.ts';
import { eventTimes } from './event-times.ts';
import type { S2sInput } from './to-state-batch.ts';

const delivery = (destinationId: number, uuid: string, eventTime: number): S2sInput => ({
  kind: 'delivery',
  value: {
    deliveryId: `d-${eventTime}`,
    eventId: `e-${eventTime}`,
    eventTime,
    routedAt: eventTime + 1,
    uuid,
    destinationId,
    destinationVersion: 1,
    region: null,
    pageProtocol: 'HTTPS',
    mcid: null,
    partnerIds: [],
    gdprApplies: false,
    tcString: null,
    dpid: 20915,
    segments: [],
  } satisfies S2sDeliveryRequest,
});
const sync = (uuid: string, dpid: number, seenAt: number): S2sInput => ({
  kind: 'idSync',
  value: { uuid, dpid, dpuuid: `p-${uuid}`, seenAt },
});

describe('eventTimes', () => {
  it('a delivery counts for its destination, a sync for its namespace, the oldest record wins', () => {
    const at = eventTimes([
      delivery(1, 'u1', 300),
      delivery(1, 'u1', 100),
      delivery(2, 'u1', 500),
      sync('u2', 20915, 700),
      sync('u3', 20915, 900),
      delivery(1, 'u3', 800),
    ]);
    expect(at({ destinationId: 1, uuid: 'u1', dpid: 20915 })).toBe(100);
    expect(at({ destinationId: 2, uuid: 'u1', dpid: 20915 })).toBe(500);
    // u2 was queued by its sync (in any destination of that namespace), not by a delivery.
    expect(at({ destinationId: 1, uuid: 'u2', dpid: 20915 })).toBe(700);
    expect(at({ destinationId: 1, uuid: 'u2', dpid: 1 })).toBeUndefined();
    expect(at({ destinationId: 1, uuid: 'u3', dpid: 20915 })).toBe(800);
    expect(at({ destinationId: 3, uuid: 'u4', dpid: 20915 })).toBeUndefined();
  });
});
