/**
 * Domain validation of a decoded qualification event, part of the publishing contract
 * (docs/publishing.md): the router dead-letters invalid events with reason `invalid_event` and the
 * broken rule as detail (it never stops on them); the publisher CLI refuses them.
 */
import type { QualificationEvent } from './types.ts';

export const PLATFORMS = new Set(['browser', 'android', 'ios']);

export function validateEvent(
  event: QualificationEvent,
  maxSegments: number,
): { reason: 'invalid_event'; detail: string } | null {
  const invalid = (detail: string) => ({ reason: 'invalid_event' as const, detail });
  if (event.eventId.trim() === '') return invalid('empty eventId');
  if (event.uuid.trim() === '') return invalid('empty uuid');
  if (!PLATFORMS.has(event.platform)) return invalid(`unknown platform "${event.platform.slice(0, 40)}"`);
  if (event.segments.length === 0) return invalid('no segments');
  if (event.segments.length > maxSegments) {
    return invalid(`${event.segments.length} segments, more than the limit of ${maxSegments}`);
  }
  if (!Number.isFinite(event.eventTime) || event.eventTime <= 0)
    return invalid(`eventTime ${event.eventTime}`);
  return null;
}
