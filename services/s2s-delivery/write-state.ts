/**
 * Applies one consumed batch to the state store: its segment upserts or ID syncs, the users it
 * queues for real-time destinations, and the batch's next offset, in one SQL transaction
 * (exactly-once state; the consumer resumes from that offset). After the commit the real-time
 * sender is woken for the destinations that got queued users: sends happen after the state is
 * durable and are driven by the SQL queue, so a crash never loses one (at-least-once, stable ids).
 */
import type { DecodedRecord, StoredOffsetBatch } from '../../libs/kafka/index.ts';
import { applyBatch, type Store } from '../../libs/store/index.ts';
import { enqueueRealTime } from './store/enqueue-real-time.ts';
import { eventTimes } from './event-times.ts';
import type { S2sDeliveryMetrics } from './metrics.ts';
import { refusalOf, toStateBatch, type S2sInput } from './to-state-batch.ts';

export interface HandlerDeps {
  store: Store;
  groupId: string;
  metrics: S2sDeliveryMetrics;
  /** Ids of the active real-time destinations now. */
  realTimeDestinations?: () => number[];
  /** ID syncs last seen before this epoch ms are expired. */
  syncCutoff?: () => number;
  /** Called after the commit with the destinations that got queued users. */
  onQueued?: (destinationIds: number[]) => void;
}

export function createStateWriter({
  store,
  groupId,
  metrics,
  realTimeDestinations = () => [],
  syncCutoff = () => 0,
  onQueued,
}: HandlerDeps) {
  return async (records: DecodedRecord<S2sInput>[], batch: StoredOffsetBatch): Promise<void> => {
    // Records past their limits are dead-lettered by the consume loop (validate: refusalOf); this
    // filter keeps the handler safe on its own.
    const inputs = records.map((r) => r.value).filter((input) => refusalOf(input) === null);
    const { upserts, idSyncs } = toStateBatch(inputs);
    const offsets = [
      { groupId, topic: batch.topic, partition: batch.partition, nextOffset: batch.nextOffset },
    ];
    const regions = new Map<string, number[]>();
    for (const input of inputs) {
      if (input.kind === 'delivery' && input.value.region !== null)
        regions.set(input.value.uuid, [input.value.region]);
    }
    const realTimeIds = realTimeDestinations();
    const now = Date.now();
    const { result, queued } = await store.transaction(async (tx) => {
      const applied = await applyBatch(tx, { upserts, idSyncs, offsets, now });
      if (applied.changeSeq === null || realTimeIds.length === 0)
        return { result: applied, queued: new Map() };
      const perDestination = await enqueueRealTime(tx, {
        changeSeq: applied.changeSeq,
        destinationIds: realTimeIds,
        uuids: inputs.map((input) => input.value.uuid),
        syncCutoff: syncCutoff(),
        regions,
        eventTime: eventTimes(inputs),
        now,
      });
      return { result: applied, queued: perDestination };
    });
    metrics.stateChanges.inc({ state: 'segment' }, result.segmentsChanged);
    metrics.stateChanges.inc({ state: 'user' }, result.usersChanged);
    metrics.stateChanges.inc({ state: 'id_sync' }, result.idSyncsChanged);
    for (const [destinationId, users] of queued) {
      metrics.realTimeQueued.inc({ destination_id: String(destinationId) }, users);
    }
    if (queued.size > 0) onQueued?.([...queued.keys()]);
  };
}
