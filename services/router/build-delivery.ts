/**
 * Pure: the DeliveryRequest records for one routed event (contracts in schemas/*-delivery-request.avsc).
 * deliveryId = `<eventId>:<destinationId>`, stable across retries and replays, sent to partners as
 * X-Delivery-Id so they can drop duplicates.
 */
import type {
  CookieDeliveryRequest,
  QualificationEvent,
  S2sDeliveryRequest,
  UrlDeliveryRequest,
} from '../../libs/schema/index.ts';
import type { RoutedDelivery } from './route-event.ts';

export type BuiltDelivery =
  | { type: 'URL'; request: UrlDeliveryRequest }
  | { type: 'COOKIE'; request: CookieDeliveryRequest }
  | { type: 'S2S'; request: S2sDeliveryRequest };

export function buildDelivery(
  event: QualificationEvent,
  routed: RoutedDelivery,
  routedAt: number,
): BuiltDelivery {
  const { destination } = routed;
  const common = {
    deliveryId: `${event.eventId}:${destination.id}`,
    eventId: event.eventId,
    eventTime: event.eventTime,
    routedAt,
    uuid: event.uuid,
    destinationId: destination.id,
    destinationVersion: destination.version,
    region: event.region,
    pageProtocol: event.pageProtocol,
    mcid: event.mcid,
    partnerIds: event.partnerIds,
    gdprApplies: event.consent?.gdprApplies ?? false,
    tcString: event.consent?.tcString ?? null,
  };
  switch (destination.type) {
    case 'URL': {
      const serialized = destination.url?.serialize ?? true;
      // Not serialized: one call per newly qualified segment; serialized: all live mapped segments.
      const segments = serialized
        ? routed.segments
        : routed.segments.filter((s) => s.change.status === 'QUALIFIED');
      return {
        type: 'URL',
        request: {
          ...common,
          segments: segments.map(({ change, mapping }) => ({
            sid: change.sid,
            value: mapping.value,
            newlyQualified: change.status === 'QUALIFIED',
            url: mapping.url,
            secureUrl: mapping.secureUrl,
          })),
        },
      };
    }
    case 'COOKIE':
      return {
        type: 'COOKIE',
        request: {
          ...common,
          segments: routed.segments.map(({ change, mapping }) => ({
            sid: change.sid,
            value: mapping.value,
            key: mapping.key,
            priority: mapping.priority,
          })),
        },
      };
    case 'S2S':
      return {
        type: 'S2S',
        request: {
          ...common,
          dpid: destination.s2s?.dpid ?? 0,
          segments: routed.segments.map(({ change, mapping }) => ({
            sid: change.sid,
            value: mapping.value,
            member: change.status !== 'DISQUALIFIED',
            updatedAt: change.updatedAt,
          })),
        },
      };
  }
}
