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
  return eventProblems(event, maxSegments)[0] ?? null;
}

/**
 * Every broken rule of the event, in the order validateEvent checks them (the publisher reports all
 * of a line's problems at once; the router dead-letters with the first). The record limits are
 * checked once the rules above hold.
 */
export function eventProblems(event: QualificationEvent, maxSegments: number): LimitViolation[] {
  const problems: LimitViolation[] = [];
  const invalid = (detail: string) => problems.push({ reason: 'invalid_event', detail });
  if (event.eventId.trim() === '') invalid('empty eventId');
  if (event.uuid.trim() === '') invalid('empty uuid');
  if (!PLATFORMS.has(event.platform)) invalid(`unknown platform "${event.platform.slice(0, 40)}"`);
  if (event.segments.length === 0) invalid('no segments');
  if (event.segments.length > maxSegments) {
    invalid(`${event.segments.length} segments, more than the limit of ${maxSegments}`);
  }
  if (!Number.isFinite(event.eventTime) || event.eventTime <= 0) invalid(`eventTime ${event.eventTime}`);
  if (problems.length > 0) return problems;
  const limit = validateLimits.qualificationEvent(event, maxSegments);
  return limit === null ? [] : [limit];
}
