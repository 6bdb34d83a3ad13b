/**
 * Routes one batch of decoded qualification events into delivery request messages for the three
 * delivery topics (key = uuid, so a user's deliveries stay in order), and counts what happened.
 * Metric updates are aggregated per batch: the hot path does no per-record label lookups.
 */
import {
  murmur2Partition,
  type DecodedRecord,
  type Message,
  type TopicMessages,
  type TopicNames,
} from '../../libs/kafka/index.ts';
import type { QualificationEvent, Serdes } from '../../libs/schema/index.ts';
import { buildDelivery } from './build-delivery.ts';
import type { RouterMetrics } from './metrics.ts';
import { routeEvent, type DropReason, type RoutingView } from './route-event.ts';

export interface RouterHandlerOptions {
  view: RoutingView;
  serdes: Pick<Serdes, 'urlDeliveryRequest' | 'cookieDeliveryRequest' | 's2sDeliveryRequest'>;
  topics: Pick<TopicNames, 'deliveriesUrl' | 'deliveriesCookie' | 'deliveriesS2s'>;
  metrics: RouterMetrics;
  /**
   * The partition count of `qualifications` when the delivery topics have as many: a delivery then
   * goes to the partition number of its event, which is where murmur2(uuid) would put it anyway,
   * without hashing every delivery key (a measurable share of the router's CPU). The event's own
   * partition is trusted only if it is murmur2(uuid): checked once per event (one hash per event
   * instead of one per delivery); an event a publisher placed with another partitioner (librdkafka's
   * default crc32, a custom one) has its deliveries placed by murmur2(uuid) instead, so per-user
   * state downstream is never split across instances, and the metric counts it.
   */
  samePartitioning?: number | false;
  now?: () => number;
}

export function createRouterHandler(options: RouterHandlerOptions) {
  const { view, serdes, topics, metrics } = options;
  const now = options.now ?? Date.now;
  const samePartitioning = options.samePartitioning ?? false;

  return async function handle(records: DecodedRecord<QualificationEvent>[]): Promise<TopicMessages[]> {
    const routedAt = now();
    const url: Message[] = [];
    const cookie: Message[] = [];
    const s2s: Message[] = [];
    const delivered = new Map<string, number>();
    const drops = new Map<DropReason, number>();
    let repartitioned = 0;
    const latency = {
      URL: metrics.router.routingLatency.labels({ destination_type: 'url' }),
      COOKIE: metrics.router.routingLatency.labels({ destination_type: 'cookie' }),
      S2S: metrics.router.routingLatency.labels({ destination_type: 's2s' }),
    };

    for (const record of records) {
      const event = record.value;
      const result = routeEvent(event, view);
      if (result.drop !== undefined) {
        drops.set(result.drop, (drops.get(result.drop) ?? 0) + 1);
        continue;
      }
      const seconds = (routedAt - event.eventTime) / 1000;
      let partition: number | undefined;
      if (samePartitioning !== false) {
        if (murmur2Partition(event.uuid, samePartitioning) === record.partition) partition = record.partition;
        else repartitioned += 1;
      }
      for (const routed of result.deliveries) {
        const built = buildDelivery(event, routed, routedAt);
        const key = `${built.type}\u0000${built.request.destinationId}`;
        delivered.set(key, (delivered.get(key) ?? 0) + 1);
        latency[built.type].observe(seconds);
        if (built.type === 'URL') {
          url.push({ key: event.uuid, partition, value: serdes.urlDeliveryRequest.encode(built.request) });
        } else if (built.type === 'COOKIE') {
          cookie.push({
            key: event.uuid,
            partition,
            value: serdes.cookieDeliveryRequest.encode(built.request),
          });
        } else {
          s2s.push({ key: event.uuid, partition, value: serdes.s2sDeliveryRequest.encode(built.request) });
        }
      }
    }

    metrics.router.eventsIn.inc(records.length);
    if (repartitioned > 0) metrics.router.repartitioned.inc(repartitioned);
    for (const [reason, count] of drops) metrics.router.drops.inc({ reason }, count);
    for (const [key, count] of delivered) {
      const [type, id] = key.split('\u0000') as [string, string];
      metrics.router.deliveriesOut.inc({ destination_type: type.toLowerCase(), destination_id: id }, count);
    }
    const out: TopicMessages[] = [];
    if (url.length > 0) out.push({ topic: topics.deliveriesUrl, messages: url });
    if (cookie.length > 0) out.push({ topic: topics.deliveriesCookie, messages: cookie });
    if (s2s.length > 0) out.push({ topic: topics.deliveriesS2s, messages: s2s });
    return out;
  };
}
