/**
 * Multi-row upsert of segment membership. Latest wins: a row is only overwritten by one with the
 * same or a later updatedAt, and only when member or value actually differ, so replays and
 * duplicates change nothing (and do not make the user reappear in `iter` files). Returns the
 * users whose state changed, with the change marked on destination_users.
 */
import type { StoreTx } from './open-store.ts';
import { chunk } from './chunk.ts';
import type { SegmentUpsert } from './state-batch.ts';

const ROWS_PER_STATEMENT = 1000;

/** One row per (destination, uuid, sid): a statement may not touch a row twice. */
export function latestSegments(rows: readonly SegmentUpsert[]): SegmentUpsert[] {
  const latest = new Map<string, SegmentUpsert>();
  for (const row of rows) {
    const key = `${row.destinationId}|${row.uuid}|${row.sid}`;
    const seen = latest.get(key);
    if (seen === undefined || row.updatedAt >= seen.updatedAt) latest.set(key, row);
  }
  // A stable key order keeps concurrent PostgreSQL writers from deadlocking on each other's rows.
  return [...latest.values()].sort(
    (a, b) => a.destinationId - b.destinationId || compare(a.uuid, b.uuid) || a.sid - b.sid,
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function upsertSegments(
  tx: StoreTx,
  rows: readonly SegmentUpsert[],
  changeSeq: number,
  now: number,
): Promise<{ segmentsChanged: number; usersChanged: number }> {
  const changedUsers = new Map<string, { destination_id: number; uuid: string; dpid: number }>();
  const dpidOf = new Map(rows.map((r) => [`${r.destinationId}|${r.uuid}`, r.dpid]));
  let segmentsChanged = 0;
  for (const slice of chunk(latestSegments(rows), ROWS_PER_STATEMENT)) {
    const changed = await tx.db
      .insertInto('user_segments')
      .values(
        slice.map((r) => ({
          destination_id: r.destinationId,
          uuid: r.uuid,
          sid: r.sid,
          value: r.value,
          member: r.member ? 1 : 0,
          updated_at: r.updatedAt,
          change_seq: changeSeq,
          changed_at: now,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['destination_id', 'uuid', 'sid'])
          .doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            member: eb.ref('excluded.member'),
            updated_at: eb.ref('excluded.updated_at'),
            change_seq: eb.ref('excluded.change_seq'),
            changed_at: eb.ref('excluded.changed_at'),
          }))
          .where((eb) =>
            eb.and([
              eb('excluded.updated_at', '>=', eb.ref('user_segments.updated_at')),
              eb.or([
                eb('excluded.member', '<>', eb.ref('user_segments.member')),
                eb('excluded.value', '<>', eb.ref('user_segments.value')),
              ]),
            ]),
          ),
      )
      .returning(['destination_id', 'uuid'])
      .execute();
    segmentsChanged += changed.length;
    for (const { destination_id, uuid } of changed) {
      const key = `${destination_id}|${uuid}`;
      changedUsers.set(key, { destination_id, uuid, dpid: dpidOf.get(key)! });
    }
  }
  for (const slice of chunk([...changedUsers.values()], ROWS_PER_STATEMENT)) {
    await tx.db
      .insertInto('destination_users')
      .values(slice.map((u) => ({ ...u, change_seq: changeSeq, changed_at: now })))
      .onConflict((oc) =>
        oc.columns(['destination_id', 'uuid']).doUpdateSet((eb) => ({
          dpid: eb.ref('excluded.dpid'),
          change_seq: eb.ref('excluded.change_seq'),
          changed_at: eb.ref('excluded.changed_at'),
        })),
      )
      .execute();
  }
  return { segmentsChanged, usersChanged: changedUsers.size };
}
