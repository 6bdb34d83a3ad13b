/**
 * Real-time S2S (SPEC §5): "on any qualification or removal of a mapped segment, send the user's full
 * current mapped segment set plus the removal", only users with a partner id (SPEC §2). Called inside
 * the state transaction (applyBatch's `tx`) with the change sequence it returned: every user of a
 * real-time destination changed by this transaction (segments, or an ID sync that just made it
 * addressable) and holding an unexpired ID sync is queued in `realtime_outbox`. A user already queued
 * keeps its older row (its change_seq is the first change not sent yet, so no removal is skipped,
 * and its event_time is that change's, so the latency metric counts from the oldest unsent change).
 * Users without a sync are not queued; the sync's arrival marks them changed and queues them then.
 */
import type { StoreTx } from '../../../libs/store/open-store.ts';
import { chunk } from '../../../libs/store/chunk.ts';

export interface EnqueueRealTime {
  changeSeq: number;
  /** Active real-time destinations. */
  destinationIds: readonly number[];
  /** Users touched by the batch (delivery uuids and ID sync uuids): the candidates. */
  uuids: readonly string[];
  /** ID syncs last seen before this epoch ms count as absent. */
  syncCutoff: number;
  /** Edge regions per uuid, from the deliveries of the batch. */
  regions?: ReadonlyMap<string, number[]>;
  /**
   * Event time (epoch ms) of the change that queued this user in this destination: the
   * qualification's, or the ID sync's that made it addressable. Default (or undefined): `now`.
   */
  eventTime?: (user: { destinationId: number; uuid: string; dpid: number }) => number | undefined;
  now: number;
}

const KEYS_PER_STATEMENT = 500;

/** Returns the users newly queued per destination. */
export async function enqueueRealTime(tx: StoreTx, input: EnqueueRealTime): Promise<Map<number, number>> {
  const queued = new Map<number, number>();
  if (input.destinationIds.length === 0 || input.uuids.length === 0) return queued;
  for (const uuids of chunk([...new Set(input.uuids)], KEYS_PER_STATEMENT)) {
    const changed = await tx.db
      .selectFrom('destination_users as u')
      .innerJoin('id_syncs as i', (join) =>
        join
          .onRef('i.uuid', '=', 'u.uuid')
          .onRef('i.dpid', '=', 'u.dpid')
          .on('i.seen_at', '>=', input.syncCutoff),
      )
      .select(['u.destination_id', 'u.uuid', 'u.dpid'])
      .where('u.uuid', 'in', uuids)
      .where('u.destination_id', 'in', [...input.destinationIds])
      .where('u.change_seq', '=', input.changeSeq)
      .execute();
    if (changed.length === 0) continue;
    const inserted = await tx.db
      .insertInto('realtime_outbox')
      .values(
        changed.map((u) => ({
          destination_id: u.destination_id,
          uuid: u.uuid,
          dpid: u.dpid,
          change_seq: input.changeSeq,
          enqueued_at: input.now,
          event_time:
            input.eventTime?.({ destinationId: u.destination_id, uuid: u.uuid, dpid: u.dpid }) ?? input.now,
          regions: JSON.stringify(input.regions?.get(u.uuid) ?? []),
        })),
      )
      .onConflict((oc) => oc.columns(['destination_id', 'uuid']).doNothing())
      .returning('destination_id')
      .execute();
    for (const { destination_id } of inserted)
      queued.set(destination_id, (queued.get(destination_id) ?? 0) + 1);
  }
  return queued;
}
