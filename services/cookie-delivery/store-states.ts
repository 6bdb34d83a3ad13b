/**
 * The only write of cookie-delivery: one consumed batch of one partition in ONE SQL transaction,
 *   1. read the offset stored with the state for (group, topic, partition);
 *   2. skip the records below it (already applied before a crash or a rebalance, whatever Kafka's
 *      own committed offset says);
 *   3. upsert/delete the cookie states (libs/store putCookieStates: latest event time wins);
 *   4. store the next offset (libs/store applyBatch with offsets only).
 * So the state changes exactly once per record; Kafka's committed offset (written after this) only
 * tells where reading resumes and what the lag is.
 */
import { applyBatch, loadOffsets, type Store } from '../../libs/store/index.ts';
import { putCookieStates, type CookieState } from './cookie-states.ts';

export interface PendingState {
  offset: string;
  state: CookieState;
}

export interface StoreBatch {
  groupId: string;
  topic: string;
  partition: number;
  /** Next offset to consume once this batch is applied (last handled offset + 1). */
  nextOffset: string;
  states: PendingState[];
}

/** The states actually written (records already applied before are left out). */
export async function storeStates(store: Store, batch: StoreBatch): Promise<PendingState[]> {
  return store.transaction(async (tx) => {
    const stored = (await loadOffsets(tx, batch.groupId, batch.topic)).get(batch.partition);
    const from = stored === undefined ? -1n : BigInt(stored);
    const fresh = batch.states.filter((p) => BigInt(p.offset) >= from);
    await putCookieStates(tx, latestPerCookie(fresh));
    await applyBatch(tx, {
      offsets: [
        {
          groupId: batch.groupId,
          topic: batch.topic,
          partition: batch.partition,
          nextOffset: batch.nextOffset,
        },
      ],
    });
    return fresh;
  });
}

/** One row per (uuid, destination): the latest event, the later offset on a tie (one upsert per key). */
function latestPerCookie(pending: PendingState[]): CookieState[] {
  const latest = new Map<string, CookieState>();
  for (const { state } of pending) {
    const key = `${state.uuid}|${state.destinationId}`;
    const current = latest.get(key);
    if (!current || state.updatedAt >= current.updatedAt) latest.set(key, state);
  }
  return [...latest.values()];
}
