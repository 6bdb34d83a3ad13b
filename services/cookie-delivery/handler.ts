/**
 * Turns one consumed batch of cookie delivery requests (one partition) into stored cookie states
 * and dead letters: each request is rebuilt into the user's current cookie for its destination
 * (build-request.ts), decided (decide-cookie-request.ts), and the batch's states are written with the
 * partition's next offset in one SQL transaction (store-states.ts). Returns the dead letters for
 * the consume loop to produce; drops (paused, not a cookie destination) produce nothing.
 */
import type { DestinationLookup } from '../../libs/destinations/live-config.ts';
import { deadLetterMessage, type DeadLetterEncoder } from '../../libs/kafka/index.ts';
import type { BatchContext, DecodedRecord, Message, TopicMessages } from '../../libs/kafka/index.ts';
import type { CookieDeliveryRequest } from '../../libs/schema/index.ts';
import type { Store } from '../../libs/store/index.ts';
import { buildRequest } from './build-request.ts';
import { decideCookieRequest } from './decide-cookie-request.ts';
import type { CookieDeliveryMetrics } from './metrics.ts';
import { storeStates, type PendingState } from './store-states.ts';

/** A decoded request with its original bytes (kept for dead letters). */
export interface CookieRecord {
  raw: Buffer | null;
  request: CookieDeliveryRequest;
}

export interface HandlerDeps {
  service: string;
  groupId: string;
  store: Store;
  destinations: DestinationLookup;
  metrics: CookieDeliveryMetrics;
  deadLetterTopic: string;
  deadLetterEncoder: DeadLetterEncoder;
}

export function createHandler(deps: HandlerDeps) {
  return async function handle(
    records: DecodedRecord<CookieRecord>[],
    ctx: BatchContext,
  ): Promise<TopicMessages[]> {
    const pending: (PendingState & { dropped: number[] })[] = [];
    const deadLetters: Message[] = [];
    for (const record of records) {
      const { request } = record.value;
      const id = request.destinationId;
      const decision = decideCookieRequest(buildRequest(request, deps.destinations.destination(id)), id);
      if (decision.kind === 'store') {
        pending.push({ offset: record.offset, state: decision.state, dropped: decision.dropped });
        continue;
      }
      deps.metrics.rejected(id, decision.reason);
      if (decision.kind === 'dead_letter') {
        deps.metrics.consumer.hooks.onDeadLetter(decision.code, record.topic);
        deadLetters.push(
          deadLetterMessage(
            {
              reason: decision.code,
              detail: decision.detail,
              service: deps.service,
              sourceTopic: record.topic,
              sourcePartition: record.partition,
              sourceOffset: record.offset,
              key: record.key,
              value: record.value.raw,
              destinationId: id,
              deliveryId: request.deliveryId,
            },
            deps.deadLetterEncoder,
          ),
        );
      }
    }
    const last = records.at(-1);
    if (last) {
      const written = await storeStates(deps.store, {
        groupId: deps.groupId,
        topic: ctx.topic,
        partition: ctx.partition,
        nextOffset: (BigInt(last.offset) + 1n).toString(),
        states: pending,
      });
      const applied = new Set(written);
      for (const p of pending) {
        if (!applied.has(p)) continue;
        deps.metrics.written(p.state.destinationId, p.state.value === '' ? 'removed' : 'stored');
        deps.metrics.segmentsDropped(p.state.destinationId, p.dropped.length);
      }
    }
    return deadLetters.length > 0 ? [{ topic: deps.deadLetterTopic, messages: deadLetters }] : [];
  };
}
