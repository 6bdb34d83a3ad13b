/** s2s-delivery ingest resumes from the offsets stored in SQL, not from Kafka's (both dialects). */
import { afterEach, describe, expect, it } from 'vitest';
import { createProducer } from '../../libs/kafka/index.ts';
import { applyBatch, migrateToLatest, openStore } from '../../libs/store/index.ts';
import { countAudience } from '../../services/s2s-delivery/store/count-audience.ts';
import { S2S_MIGRATIONS } from '../../services/s2s-delivery/store/migrations.ts';
import { s2sDeliveryConfigSchema } from '../../services/s2s-delivery/config.ts';
import {
  startS2sDelivery,
  type S2sDeliveryInstance,
} from '../../services/s2s-delivery/start-s2s-delivery.ts';
import { loadConfig } from '../../libs/config/index.ts';
import { createTestDatabase, storeDialects } from '../support/database.ts';
import { brokers, registryUrl, testEnvironment, testLogger, waitFor } from '../support/stack.ts';

const DEST = 9;
const DPID = 20914;

describe.each(storeDialects)('s2s-delivery ingest on %s', (dialect) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  it('starts each partition at its SQL offset; a later ID sync makes a user addressable', async () => {
    const env = await testEnvironment(`s2s-ingest-${dialect}`, 1);
    const database = await createTestDatabase(dialect, 's2singest');
    cleanups.push(() => database.drop());
    const groupId = `${env.prefix}s2s`;
    // State already holds offsets 0..4 of the single partition: they must not be applied again.
    const seeded = openStore(database.url);
    await migrateToLatest(seeded, S2S_MIGRATIONS);
    await seeded.transaction((tx) =>
      applyBatch(tx, {
        offsets: [{ groupId, topic: env.topics.deliveriesS2s, partition: 0, nextOffset: 5 }],
      }),
    );
    await seeded.close();

    const producer = createProducer(env.kafka);
    await producer.connect();
    cleanups.push(() => producer.disconnect());
    const uuids = Array.from({ length: 10 }, (_, i) => `u${i}`);
    await producer.send({
      topic: env.topics.deliveriesS2s,
      messages: uuids.map((uuid) => ({
        key: uuid,
        value: env.serdes.s2sDeliveryRequest.encode({
          deliveryId: `${uuid}:${DEST}`,
          eventId: uuid,
          eventTime: 1,
          routedAt: 1,
          uuid,
          destinationId: DEST,
          destinationVersion: 1,
          region: null,
          pageProtocol: 'HTTPS',
          mcid: null,
          partnerIds: [],
          gdprApplies: false,
          tcString: null,
          dpid: DPID,
          segments: [{ sid: 5, value: 'five', member: true, updatedAt: 1 }],
        }),
      })),
    });

    const config = loadConfig(s2sDeliveryConfigSchema, {
      KAFKA_BROKERS: brokers.join(','),
      SCHEMA_REGISTRY_URL: registryUrl,
      TOPIC_PREFIX: env.prefix,
      GROUP_ID: groupId,
      DATABASE_URL: database.url,
      SESSION_TIMEOUT_MS: '6000',
    });
    const instance: S2sDeliveryInstance = await startS2sDelivery(config, { logger: testLogger });
    cleanups.push(() => instance.stop());
    const store = instance.store;
    const applied = async () =>
      (await store.db.selectFrom('destination_users').select('uuid').orderBy('uuid').execute()).map(
        (r) => r.uuid,
      );
    await waitFor(async () => (await applied()).length === 5, { message: 'offsets 5..9 applied' });
    expect(await applied()).toEqual(['u5', 'u6', 'u7', 'u8', 'u9']);
    expect(await countAudience(store, { syncCutoff: 0 })).toEqual([
      { destinationId: DEST, addressable: 0, unaddressable: 5 },
    ]);

    await producer.send({
      topic: env.topics.idSyncs,
      messages: [
        {
          key: `u7|${DPID}`,
          value: env.serdes.idSync.encode({ uuid: 'u7', dpid: DPID, dpuuid: 'gaid-7', seenAt: Date.now() }),
        },
      ],
    });
    await waitFor(async () => (await countAudience(store, { syncCutoff: 0 }))[0]?.addressable === 1, {
      message: 'u7 addressable',
    });
    expect(await countAudience(store, { syncCutoff: 0 })).toEqual([
      { destinationId: DEST, addressable: 1, unaddressable: 4 },
    ]);
    const metrics = await instance.registry.metrics();
    expect(metrics).toMatch(/segdest_s2s_state_changes_total\{state="segment",service="s2s-delivery"\} 5/);
  });
});
