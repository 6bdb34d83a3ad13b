/**
 * Users with at least one live segment per destination, split by whether they have an unexpired ID
 * sync in the destination's namespace (SPEC §2: unaddressable users are kept and counted).
 */
import type { StoreHandle } from '../../../libs/store/open-store.ts';

export interface AudienceCount {
  destinationId: number;
  addressable: number;
  unaddressable: number;
}

export interface CountAudienceOptions {
  /** Syncs last seen before this epoch ms are expired (AAM: now - 120 days). */
  syncCutoff: number;
  /** Only this destination; default every destination. */
  destinationId?: number;
}

export async function countAudience(
  store: StoreHandle,
  { syncCutoff, destinationId }: CountAudienceOptions,
): Promise<AudienceCount[]> {
  let query = store.db
    .selectFrom('destination_users as u')
    .leftJoin('id_syncs as i', (join) =>
      join.onRef('i.uuid', '=', 'u.uuid').onRef('i.dpid', '=', 'u.dpid').on('i.seen_at', '>=', syncCutoff),
    )
    .select((eb) => [
      'u.destination_id',
      eb.fn.countAll<number>().as('users'),
      eb.fn.count<number>('i.uuid').as('addressable'),
    ])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('user_segments as s')
          .select('s.sid')
          .whereRef('s.destination_id', '=', 'u.destination_id')
          .whereRef('s.uuid', '=', 'u.uuid')
          .where('s.member', '=', 1),
      ),
    )
    .groupBy('u.destination_id')
    .orderBy('u.destination_id');
  if (destinationId !== undefined) query = query.where('u.destination_id', '=', destinationId);
  const rows = await query.execute();
  return rows.map((r) => ({
    destinationId: r.destination_id,
    addressable: Number(r.addressable),
    unaddressable: Number(r.users) - Number(r.addressable),
  }));
}
