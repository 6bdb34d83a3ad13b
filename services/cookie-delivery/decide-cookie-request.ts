/**
 * The decision for one cookie delivery request (pure), the only place that decides it:
 *   store        a cookie state to upsert (or delete, when no live segment is left);
 *   drop         nothing to do, on purpose: the destination is paused or is not a cookie destination
 *                (SPEC §5: paused destinations produce nothing);
 *   dead_letter  the request cannot be stored: its destination is unknown (`invalid_event`) or its
 *                mappings cannot render (`render_failed`, e.g. a multi-key mapping without a key).
 * Store failures are not decided here: they are infrastructure errors, the batch fails and is re-read.
 */
import type { ErrorCode } from '../../libs/errors/index.ts';
import type { CookieState } from './cookie-states.ts';
import type { BuiltRequest } from './build-request.ts';

export type RejectReason = 'unknown_destination' | 'render_failed' | 'paused' | 'not_cookie';

export type CookieDecision =
  | { kind: 'store'; state: CookieState; dropped: number[] }
  | { kind: 'drop'; reason: RejectReason }
  | { kind: 'dead_letter'; code: ErrorCode; reason: RejectReason; detail: string };

export function decideCookieRequest(built: BuiltRequest, destinationId: number): CookieDecision {
  switch (built.kind) {
    case 'state':
      return { kind: 'store', state: built.state, dropped: built.dropped };
    case 'skip':
      return { kind: 'drop', reason: built.reason };
    case 'render_failed':
      return { kind: 'dead_letter', code: 'render_failed', reason: 'render_failed', detail: built.detail };
    case 'unknown_destination':
      return {
        kind: 'dead_letter',
        code: 'invalid_event',
        reason: 'unknown_destination',
        detail: `destination ${destinationId} is unknown`,
      };
  }
}
