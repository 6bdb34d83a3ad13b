/**
 * Domain validation of a decoded qualification event. Invalid events go to the dead-letter topic
 * with reason `invalid_event` and the broken rule as detail; the router never stops on them.
 */
import type { QualificationEvent } from '../../libs/schema/index.ts';

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
