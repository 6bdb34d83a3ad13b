/**
 * ID syncs (SPEC §2): one partner id per (uuid, dpid); the latest seen wins, an older record never
 * overwrites a newer one. When a sync is new or its partner id changed, the user is marked changed in
 * every destination of that namespace, so an unaddressable user becomes deliverable (and appears in
 * the next `iter` file) as soon as its sync arrives. A sync only seen again changes nothing.
 */
import type { StoreTx } from './open-store.ts';
import { chunk } from './chunk.ts';
import type { IdSyncUpsert } from './state-batch.ts';

const ROWS_PER_STATEMENT = 1000;

function latestSyncs(rows: readonly IdSyncUpsert[]): IdSyncUpsert[] {
  const latest = new Map<string, IdSyncUpsert>();
  for (const row of rows) {
    const key = `${row.uuid}|${row.dpid}`;
    const seen = latest.get(key);
    if (seen === undefined || row.seenAt >= seen.seenAt) latest.set(key, row);
  }
  // A stable key order keeps concurrent PostgreSQL writers from deadlocking on each other's rows.
  return [...latest.values()].sort((a, b) => (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : a.dpid - b.dpid));
}

/** Writes the syncs; returns those that are new or carry a new partner id (need a change mark). */
export async function upsertIdSyncs(tx: StoreTx, rows: readonly IdSyncUpsert[]): Promise<IdSyncUpsert[]> {
  const linked: IdSyncUpsert[] = [];
  for (const slice of chunk(latestSyncs(rows), ROWS_PER_STATEMENT)) {
    const existing = await tx.db
      .selectFrom('id_syncs')
      .select(['uuid', 'dpid', 'dpuuid', 'seen_at'])
      // By uuid (an index range per key); a (uuid, dpid) row-value IN list is planned badly by PostgreSQL.
      .where('uuid', 'in', [...new Set(slice.map((s) => s.uuid))])
      .execute();
    const before = new Map(existing.map((e) => [`${e.uuid}|${e.dpid}`, e]));
    for (const sync of slice) {
      const old = before.get(`${sync.uuid}|${sync.dpid}`);
      if (old === undefined || (sync.seenAt >= old.seen_at && sync.dpuuid !== old.dpuuid)) linked.push(sync);
    }
    await tx.db
      .insertInto('id_syncs')
      .values(slice.map((s) => ({ uuid: s.uuid, dpid: s.dpid, dpuuid: s.dpuuid, seen_at: s.seenAt })))
      .onConflict((oc) =>
        oc
          .columns(['uuid', 'dpid'])
          .doUpdateSet((eb) => ({ dpuuid: eb.ref('excluded.dpuuid'), seen_at: eb.ref('excluded.seen_at') }))
          .where((eb) => eb('excluded.seen_at', '>=', eb.ref('id_syncs.seen_at'))),
      )
      .execute();
  }
  return linked;
}

/** Marks the users of the given (uuid, dpid) pairs changed in every destination of that namespace. */
export async function markLinkedUsers(
  tx: StoreTx,
  linked: readonly IdSyncUpsert[],
  changeSeq: number,
  now: number,
): Promise<void> {
  const byDpid = new Map<number, string[]>();
  for (const sync of linked) byDpid.set(sync.dpid, [...(byDpid.get(sync.dpid) ?? []), sync.uuid]);
  for (const [dpid, uuids] of byDpid) {
    for (const slice of chunk(uuids, ROWS_PER_STATEMENT)) {
      await tx.db
        .updateTable('destination_users')
        .set({ change_seq: changeSeq, changed_at: now })
        .where('uuid', 'in', slice)
        .where('dpid', '=', dpid)
        .execute();
    }
  }
}
