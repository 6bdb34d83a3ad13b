/**
 * Applies one consumed batch to the state store: its segment upserts or ID syncs and the batch's
 * next offset, in one SQL transaction (exactly-once state; the consumer resumes from that offset).
 */
import type { DecodedRecord, StoredOffsetBatch } from '../../libs/kafka/index.ts';
import { applyBatch, type Store } from '../../libs/store/index.ts';
import type { S2sDeliveryMetrics } from './metrics.ts';
import { toStateBatch, type S2sInput } from './to-state-batch.ts';

export interface HandlerDeps {
  store: Store;
  groupId: string;
  metrics: S2sDeliveryMetrics;
}

export function createHandler({ store, groupId, metrics }: HandlerDeps) {
  return async (records: DecodedRecord<S2sInput>[], batch: StoredOffsetBatch): Promise<void> => {
    const { upserts, idSyncs } = toStateBatch(records.map((r) => r.value));
    const offsets = [
      { groupId, topic: batch.topic, partition: batch.partition, nextOffset: batch.nextOffset },
    ];
    const result = await store.transaction((tx) => applyBatch(tx, { upserts, idSyncs, offsets }));
    metrics.stateChanges.inc({ state: 'segment' }, result.segmentsChanged);
    metrics.stateChanges.inc({ state: 'user' }, result.usersChanged);
    metrics.stateChanges.inc({ state: 'id_sync' }, result.idSyncsChanged);
  };
}
