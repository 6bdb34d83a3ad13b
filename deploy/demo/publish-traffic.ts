/**
 * Publishes the demo traffic: ID syncs for the partner namespace on `id-syncs` (key `uuid|dpid`),
 * then qualification events on `qualifications` (key uuid) with the bad records of BAD_RECORDS
 * mixed in every 2,000 events, each of which must end in the dead-letter topic. Event times are
 * strictly increasing (1 ms apart, ending now) so "latest wins" rules have one answer.
 */
import type { Producer } from '../../libs/kafka/index.ts';
import type { QualificationEvent, Serdes } from '../../libs/schema/index.ts';
import type { TopicNames } from '../../libs/kafka/index.ts';
import { BAD_RECORDS, deviceUuid, random, sampleTraffic } from './sample-traffic.ts';

export interface TrafficPlan {
  events: number;
  devices: number;
  segmentCatalog: number[];
  partnerDpid: number;
  /** Share of devices with an ID sync in the partner namespace. */
  idSyncShare: number;
  seed?: number;
}

export interface Published {
  events: QualificationEvent[];
  idSyncs: Map<string, string>;
  bad: { reason: string; count: number }[];
  badTotal: number;
  seconds: number;
}

export async function publishTraffic(
  producer: Producer,
  serdes: Serdes,
  topics: TopicNames,
  plan: TrafficPlan,
  onProgress: (done: number, total: number) => void,
  shouldStop: () => boolean = () => false,
): Promise<Published> {
  const started = Date.now();
  const rnd = random((plan.seed ?? 42) + 1);
  const idSyncs = new Map<string, string>();
  const syncMessages = [];
  for (let device = 0; device < plan.devices; device++) {
    if (rnd() >= plan.idSyncShare) continue;
    const uuid = deviceUuid(device);
    const dpuuid = `P${(device * 104_729 + 17).toString(36).toUpperCase()}`;
    idSyncs.set(uuid, dpuuid);
    syncMessages.push({
      key: `${uuid}|${plan.partnerDpid}`,
      value: serdes.idSync.encode({ uuid, dpid: plan.partnerDpid, dpuuid, seenAt: started }),
    });
  }
  for (let i = 0; i < syncMessages.length; i += 1000) {
    await producer.send({ topic: topics.idSyncs, messages: syncMessages.slice(i, i + 1000) });
  }

  const next = sampleTraffic({ devices: plan.devices, segmentCatalog: plan.segmentCatalog, seed: plan.seed });
  const events: QualificationEvent[] = [];
  const bad = { bad_magic_byte: 0, unknown_schema_id: 0, invalid_event: 0 };
  const firstTime = Date.now() - plan.events;
  const batchSize = 500;
  while (events.length < plan.events && !shouldStop()) {
    const messages = [];
    for (let i = 0; i < batchSize && events.length < plan.events; i++) {
      const event = next(firstTime + events.length);
      events.push(event);
      const value = serdes.qualificationEvent.encode(event);
      messages.push({ key: event.uuid, value });
      if (events.length % 2000 === 1000) {
        messages.push({ key: event.uuid, value: BAD_RECORDS.garbage() });
        messages.push({ key: event.uuid, value: BAD_RECORDS.wrongMagic(value) });
        messages.push({ key: event.uuid, value: BAD_RECORDS.unknownSchema(value) });
        messages.push({
          key: event.uuid,
          value: serdes.qualificationEvent.encode({
            ...event,
            eventId: `${event.eventId}-bad`,
            platform: 'smart-tv',
          }),
        });
        bad.bad_magic_byte += 2;
        bad.unknown_schema_id += 1;
        bad.invalid_event += 1;
      }
    }
    await producer.send({ topic: topics.qualifications, messages });
    onProgress(events.length, plan.events);
  }
  const list = Object.entries(bad).map(([reason, count]) => ({ reason, count }));
  return {
    events,
    idSyncs,
    bad: list,
    badTotal: list.reduce((sum, b) => sum + b.count, 0),
    seconds: (Date.now() - started) / 1000,
  };
}
