import { describe, expect, it } from 'vitest';
import { liveMapping } from '../../libs/destinations/live-config.ts';
import { murmur2Partition, type DecodedRecord } from '../../libs/kafka/index.ts';
import { createMetrics } from '../../libs/metrics/index.ts';
import type { QualificationEvent } from '../../libs/schema/index.ts';
import { urlDestination } from '../../test/support/destinations.ts';
import { sampleEvent } from '../../test/support/samples.ts';
import { createRouterHandler } from './handler.ts';
import { createRouterMetrics } from './metrics.ts';

const destination = urlDestination(1, [14356]);
const encode = (value: unknown) => Buffer.from(JSON.stringify(value));

function setUp(samePartitioning: number | false) {
  const registry = createMetrics('test');
  const metrics = createRouterMetrics(registry);
  const handle = createRouterHandler({
    view: {
      mappingsForSegment: (sid) =>
        destination.mappings.filter((m) => m.sid === sid).map((m) => liveMapping(1, m)),
      destination: (id) => (id === 1 ? destination : undefined),
      prohibitedLabels: () => undefined,
    },
    serdes: {
      urlDeliveryRequest: { encode },
      cookieDeliveryRequest: { encode },
      s2sDeliveryRequest: { encode },
    } as never,
    topics: { deliveriesUrl: 'url', deliveriesCookie: 'cookie', deliveriesS2s: 's2s' },
    metrics,
    samePartitioning,
  });
  return { handle, registry };
}

const record = (event: QualificationEvent, partition: number): DecodedRecord<QualificationEvent> => ({
  topic: 'qualifications',
  partition,
  offset: '0',
  key: Buffer.from(event.uuid),
  value: event,
  timestamp: Date.now(),
  headers: undefined,
});

describe('router handler: partitioning', () => {
  it('keeps the event partition when it is murmur2(uuid), and lets murmur2 place the others', async () => {
    const { handle, registry } = setUp(6);
    const placed = sampleEvent();
    const right = murmur2Partition(placed.uuid, 6);
    const misplaced = sampleEvent();
    const wrong = (murmur2Partition(misplaced.uuid, 6) + 1) % 6;
    const [url] = await handle([record(placed, right), record(misplaced, wrong)]);
    expect(url!.messages.map((m) => m.partition)).toEqual([right, undefined]);
    const counter = await registry.getSingleMetric('segdest_router_repartitioned_events_total')!.get();
    expect(counter.values[0]!.value).toBe(1);
  });

  it('never sets a partition when the delivery topics are partitioned differently', async () => {
    const { handle } = setUp(false);
    const event = sampleEvent();
    const [url] = await handle([record(event, murmur2Partition(event.uuid, 6))]);
    expect(url!.messages.map((m) => m.partition)).toEqual([undefined]);
  });
});
