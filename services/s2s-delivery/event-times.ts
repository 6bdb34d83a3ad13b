/**
 * When the changes of a consumed batch happened (pure), for the real-time latency metric: a user
 * queued for a destination by a delivery took the qualification's eventTime; one queued by an ID
 * sync that made it addressable took the sync's seenAt. Several records of one user: the oldest.
 */
import type { S2sInput } from './to-state-batch.ts';

export type EventTimeOf = (user: { destinationId: number; uuid: string; dpid: number }) => number | undefined;

export function eventTimes(inputs: readonly S2sInput[]): EventTimeOf {
  const deliveries = new Map<string, number>();
  const syncs = new Map<string, number>();
  const keep = (times: Map<string, number>, key: string, at: number) => {
    const known = times.get(key);
    if (known === undefined || at < known) times.set(key, at);
  };
  for (const input of inputs) {
    if (input.kind === 'delivery') {
      keep(deliveries, `${input.value.destinationId}|${input.value.uuid}`, input.value.eventTime);
    } else {
      keep(syncs, `${input.value.uuid}|${input.value.dpid}`, input.value.seenAt);
    }
  }
  return ({ destinationId, uuid, dpid }) => {
    const delivered = deliveries.get(`${destinationId}|${uuid}`);
    const synced = syncs.get(`${uuid}|${dpid}`);
    if (delivered === undefined) return synced;
    return synced === undefined ? delivered : Math.min(delivered, synced);
  };
}
