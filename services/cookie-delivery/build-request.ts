/**
 * What to store for one cookie delivery request (pure). The router's request carries ALL of the
 * user's live mapped segments for the destination (value, key, priority), so the cookie value is
 * rebuilt from scratch each time and a segment the user no longer has simply disappears (SPEC §5:
 * "the cookie value is rewritten without the removed segment on the next delivery").
 * Value format, size cap and priorities: libs/rendering/cookie-value.ts (SPEC §3). The latest event
 * wins (updatedAt = event time); an empty value means "no cookie" and deletes the stored one.
 * Paused destinations and non-cookie types produce nothing (SPEC §5).
 */
import { AppError } from '../../libs/errors/index.ts';
import { cookieValue } from '../../libs/rendering/index.ts';
import type { CookieDeliveryRequest, DestinationConfig } from '../../libs/schema/index.ts';
import type { CookieState } from './cookie-states.ts';

export type BuiltRequest =
  | { kind: 'state'; state: CookieState; dropped: number[] }
  | { kind: 'skip'; reason: 'paused' | 'not_cookie' }
  | { kind: 'render_failed'; detail: string }
  | { kind: 'unknown_destination' };

export function buildRequest(
  request: CookieDeliveryRequest,
  destination: DestinationConfig | undefined,
): BuiltRequest {
  if (!destination) return { kind: 'unknown_destination' };
  const settings = destination.cookie;
  if (destination.type !== 'COOKIE' || settings === null) return { kind: 'skip', reason: 'not_cookie' };
  if (destination.status !== 'ACTIVE') return { kind: 'skip', reason: 'paused' };
  let rendered;
  try {
    rendered = cookieValue(settings, request.segments);
  } catch (error) {
    if (AppError.is(error, 'render_failed')) return { kind: 'render_failed', detail: error.message };
    throw error;
  }
  return {
    kind: 'state',
    dropped: rendered.dropped,
    state: {
      uuid: request.uuid,
      destinationId: request.destinationId,
      name: settings.name,
      value: rendered.value,
      spec: {
        domain: settings.domain,
        ttlDays: settings.ttlDays,
        publishTo: settings.publishTo,
        publishDomains: settings.publishDomains,
        sids: rendered.included,
        destinationVersion: destination.version,
        deliveryId: request.deliveryId,
      },
      updatedAt: request.eventTime,
    },
  };
}
