import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../libs/config/index.ts';
import { createProducer, type Producer } from '../../libs/kafka/index.ts';
import { parseExposition, sampleValue } from '../../libs/metrics/index.ts';
import type {
  DataSource,
  DestinationConfig,
  QualificationEvent,
  SegmentChange,
} from '../../libs/schema/index.ts';
import { routerConfigSchema } from '../../services/router/config.ts';
import { startRouter, type RouterInstance } from '../../services/router/start-router.ts';
import { cookieDestination, s2sDestination, urlDestination } from '../support/destinations.ts';
import { sampleEvent } from '../support/samples.ts';
import {
  brokers,
  collectTopic,
  registryUrl,
  testEnvironment,
  testLogger,
  waitFor,
  type TestEnvironment,
} from '../support/stack.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
});

const seg = (
  sid: number,
  status: SegmentChange['status'] = 'QUALIFIED',
  dataSourceIds: number[] = [],
): SegmentChange => ({
  sid,
  status,
  updatedAt: Date.now(),
  dataSourceIds,
});

describe('router against the real broker', () => {
  let env: TestEnvironment;
  let producer: Producer;
  let router: RouterInstance;

  const putDestination = (d: DestinationConfig) =>
    producer.send({
      topic: env.topics.destinations,
      messages: [{ key: String(d.id), value: env.serdes.destinationConfig.encode(d) }],
    });
  const putDataSource = (d: DataSource) =>
    producer.send({
      topic: env.topics.dataSources,
      messages: [{ key: String(d.id), value: env.serdes.dataSource.encode(d) }],
    });
  const publish = (events: QualificationEvent[]) =>
    producer.send({
      topic: env.topics.qualifications,
      messages: events.map((e) => ({ key: e.uuid, value: env.serdes.qualificationEvent.encode(e) })),
    });

  it('routes each rule, dead-letters poison, applies a config change mid-stream', async () => {
    env = await testEnvironment('router');
    producer = createProducer(env.kafka);
    await producer.connect();
    cleanups.push(() => producer.disconnect());
    await putDestination(urlDestination(1, [10, 11]));
    await putDestination(cookieDestination(2, [10, 20]));
    await putDestination(s2sDestination(3, [10, 30]));
    await putDestination(urlDestination(4, [40], { status: 'PAUSED' }));
    await putDestination(urlDestination(5, [50], { dataExportLabels: ['OFFSITE_TARGETING'] }));
    await putDataSource({
      id: 777,
      name: 'crm',
      exportControls: ['OFFSITE_TARGETING'],
      version: 1,
      updatedBy: 't',
      updatedAt: 1,
    });

    const config = loadConfig(routerConfigSchema, {
      KAFKA_BROKERS: brokers.join(','),
      SCHEMA_REGISTRY_URL: registryUrl,
      TOPIC_PREFIX: env.prefix,
      GROUP_ID: `${env.prefix}router`,
      TRANSACTIONAL_ID_PREFIX: `${env.prefix}router`,
    });
    router = await startRouter(config, { logger: testLogger });
    cleanups.push(() => router.stop());

    const fanOut = sampleEvent({ segments: [seg(10), seg(11, 'ACTIVE'), seg(30, 'ACTIVE')] });
    const paused = sampleEvent({ segments: [seg(40)] });
    const labelled = sampleEvent({ segments: [seg(50, 'QUALIFIED', [777])] });
    const notRealTime = sampleEvent({ realTime: false, segments: [seg(11)] });
    const noMapping = sampleEvent({ segments: [seg(99)] });
    const noConsent = sampleEvent({ consent: { gdprApplies: true, tcString: null }, segments: [seg(10)] });
    const unknownPlatform = sampleEvent({ platform: 'smart-tv', segments: [seg(10)] });
    await publish([fanOut, paused, labelled, notRealTime, noMapping, noConsent, unknownPlatform]);
    await producer.send({
      topic: env.topics.qualifications,
      messages: [{ key: 'x', value: Buffer.from('garbage') }],
    });

    const url = await collectTopic(env, env.topics.deliveriesUrl, cleanups);
    const cookie = await collectTopic(env, env.topics.deliveriesCookie, cleanups);
    const s2s = await collectTopic(env, env.topics.deliveriesS2s, cleanups);
    const dead = await collectTopic(env, env.topics.deadLetters, cleanups);
    await waitFor(() => url.length === 1 && cookie.length === 1 && s2s.length === 1 && dead.length === 2, {
      message: 'one delivery per type and two dead letters',
    });

    const urlRequest = await env.serdes.urlDeliveryRequest.decode(url[0]!.value);
    expect(urlRequest).toMatchObject({
      deliveryId: `${fanOut.eventId}:1`,
      uuid: fanOut.uuid,
      destinationId: 1,
      destinationVersion: 1,
      region: fanOut.region,
      partnerIds: fanOut.partnerIds,
    });
    expect(urlRequest.segments.map((s) => [s.sid, s.newlyQualified])).toEqual([
      [10, true],
      [11, false],
    ]);
    expect(url[0]!.key!.toString()).toBe(fanOut.uuid);
    const cookieRequest = await env.serdes.cookieDeliveryRequest.decode(cookie[0]!.value);
    expect(cookieRequest.segments.map((s) => s.sid)).toEqual([10]);
    const s2sRequest = await env.serdes.s2sDeliveryRequest.decode(s2s[0]!.value);
    expect(s2sRequest).toMatchObject({ destinationId: 3, dpid: 20915 });
    expect(s2sRequest.segments.map((s) => [s.sid, s.member])).toEqual([
      [10, true],
      [30, true],
    ]);
    const deadReasons = dead.map((m) => String(m.headers?.['dlq.reason'])).sort();
    expect(deadReasons).toEqual(['bad_magic_byte', 'invalid_event']);

    const metrics = parseExposition(await router.registry.metrics());
    const drops = (reason: string) => sampleValue(metrics, 'segdest_router_drops_total', { reason });
    expect(drops('paused')).toBe(1);
    expect(drops('label_conflict')).toBe(1);
    expect(drops('not_real_time')).toBe(1);
    expect(drops('no_mapping')).toBe(1);
    expect(drops('no_consent')).toBe(1);
    expect(sampleValue(metrics, 'segdest_router_events_total', {})).toBe(6);

    // Config change mid-stream: map segment 60 to destination 1 (version 2); the next event uses it.
    await putDestination(urlDestination(1, [10, 11, 60], { version: 2 }));
    await waitFor(() => router.live.destination(1)?.version === 2, {
      message: 'the router to see version 2',
    });
    const afterChange = sampleEvent({ segments: [seg(60)] });
    await publish([afterChange]);
    await waitFor(() => url.length === 2, { message: 'the delivery routed with the new mapping' });
    const changed = await env.serdes.urlDeliveryRequest.decode(url[1]!.value);
    expect(changed).toMatchObject({ deliveryId: `${afterChange.eventId}:1`, destinationVersion: 2 });
  });
});
