/**
 * Exactly-once state (ARCHITECTURE "Guarantees"): the segment upserts, ID syncs and the consumed
 * offsets of one Kafka batch are written in ONE SQL transaction, the caller's `tx`. After a crash
 * the consumer resumes from the offsets stored here, so each record changes the state exactly once
 * whatever Kafka's own committed offsets say.
 *
 *   await store.transaction((tx) => applyBatch(tx, { upserts, idSyncs, offsets }));
 */
import type { StoreTx } from './open-store.ts';
import { nextChangeSeq } from './next-change-seq.ts';
import { saveOffsets } from './save-offsets.ts';
import type { StateBatch, StateBatchResult } from './state-batch.ts';
import { upsertSegments } from './upsert-segments.ts';
import { markLinkedUsers, upsertIdSyncs } from './upsert-id-syncs.ts';

export async function applyBatch(tx: StoreTx, batch: StateBatch): Promise<StateBatchResult> {
  const now = batch.now ?? Date.now();
  const upserts = batch.upserts ?? [];
  const idSyncs = batch.idSyncs ?? [];
  let changeSeq: number | null = null;
  const seq = async () => (changeSeq ??= await nextChangeSeq(tx));

  let segmentsChanged = 0;
  let usersChanged = 0;
  if (upserts.length > 0) {
    ({ segmentsChanged, usersChanged } = await upsertSegments(tx, upserts, await seq(), now));
  }
  let idSyncsChanged = 0;
  if (idSyncs.length > 0) {
    const linked = await upsertIdSyncs(tx, idSyncs);
    idSyncsChanged = linked.length;
    if (linked.length > 0) await markLinkedUsers(tx, linked, await seq(), now);
  }
  await saveOffsets(tx, batch.offsets ?? [], now);
  const changed = segmentsChanged + idSyncsChanged > 0;
  return { changeSeq: changed ? changeSeq : null, segmentsChanged, usersChanged, idSyncsChanged };
}
