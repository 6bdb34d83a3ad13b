/**
 * What consumed records mean for the state store (pure). A `deliveries.s2s` record carries the
 * user's full current mapped segment set for one destination plus the removals that triggered it
 * (SPEC §5): each segment becomes one membership upsert (Status 1 member / 0 removed), latest
 * updatedAt wins in the store. An `id-syncs` record links uuid <-> (dpid, dpuuid) (SPEC §2).
 * A record past its limits (libs/schema/record-limits.ts: uuid rule, empty or 1 MB dpuuid,
 * seenAt <= 0, ...) is never stored: `refusalOf` says why.
 */
import {
  validateLimits,
  type IdSync,
  type LimitViolation,
  type S2sDeliveryRequest,
} from '../../libs/schema/index.ts';
import type { IdSyncUpsert, SegmentUpsert } from '../../libs/store/index.ts';

export type S2sInput = { kind: 'delivery'; value: S2sDeliveryRequest } | { kind: 'idSync'; value: IdSync };

/** Why a consumed record may not change the state, or null. */
export function refusalOf(input: S2sInput): LimitViolation | null {
  return input.kind === 'idSync'
    ? validateLimits.idSync(input.value)
    : validateLimits.s2sDeliveryRequest(input.value);
}

export function toStateBatch(inputs: readonly S2sInput[]): {
  upserts: SegmentUpsert[];
  idSyncs: IdSyncUpsert[];
} {
  const upserts: SegmentUpsert[] = [];
  const idSyncs: IdSyncUpsert[] = [];
  for (const input of inputs) {
    if (refusalOf(input) !== null) continue;
    if (input.kind === 'idSync') {
      const { uuid, dpid, dpuuid, seenAt } = input.value;
      idSyncs.push({ uuid, dpid, dpuuid, seenAt });
      continue;
    }
    const delivery = input.value;
    for (const segment of delivery.segments) {
      upserts.push({
        destinationId: delivery.destinationId,
        uuid: delivery.uuid,
        dpid: delivery.dpid,
        sid: segment.sid,
        value: segment.value,
        member: segment.member,
        updatedAt: segment.updatedAt,
      });
    }
  }
  return { upserts, idSyncs };
}
