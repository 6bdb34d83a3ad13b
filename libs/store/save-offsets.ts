/** Stores the next offsets to consume, inside the caller's state transaction. */
import type { StoreTx } from './open-store.ts';
import type { OffsetCommit } from './state-batch.ts';

export async function saveOffsets(tx: StoreTx, offsets: readonly OffsetCommit[], now: number): Promise<void> {
  if (offsets.length === 0) return;
  const latest = new Map<string, OffsetCommit>();
  for (const o of offsets) latest.set(`${o.groupId}|${o.topic}|${o.partition}`, o);
  await tx.db
    .insertInto('consumer_offsets')
    .values(
      [...latest.values()].map((o) => ({
        group_id: o.groupId,
        topic: o.topic,
        partition: o.partition,
        next_offset: Number(o.nextOffset),
        updated_at: now,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['group_id', 'topic', 'partition']).doUpdateSet((eb) => ({
        next_offset: eb.ref('excluded.next_offset'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}
