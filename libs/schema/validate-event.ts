/**
 * Domain validation of a decoded qualification event, part of the publishing contract
 * (docs/publishing.md): the router dead-letters invalid events with reason `invalid_event` and the
 * broken rule as detail (it never stops on them); the publisher CLI refuses them. The rules: the
 * ones below, then the size and shape limits of record-limits.ts (uuid rule, string and array
 * lengths, encoded size), so no event the router accepts can make an output too large to produce.
 */
import type { QualificationEvent } from './types.ts';
import { validateLimits, type LimitViolation } from './validate-limits.ts';

export const PLATFORMS = new Set(['browser', 'android', 'ios']);

/** `maxSegments`: the router's MAX_SEGMENTS_PER_EVENT (at most SEGMENTS_CEILING is accepted). */
export function validateEvent(event: QualificationEvent, maxSegments: number): LimitViolation | null {
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
  return validateLimits.qualificationEvent(event, maxSegments);
}
