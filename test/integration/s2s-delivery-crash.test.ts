/**
 * s2s-delivery ingest across SIGKILL, on SQLite and PostgreSQL: state upserts and consumed offsets
 * commit in one SQL transaction and the service resumes from the SQL offsets, so after kills in the
 * middle of ingest the state equals the expected state exactly and every offset is consumed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createProducer } from '../../libs/kafka/index.ts';
import type { IdSync, S2sDeliveryRequest } from '../../libs/schema/index.ts';
import { openStore, type Store } from '../../libs/store/index.ts';
import { createTestDatabase, storeDialects } from '../support/database.ts';
import { sampleUuid } from '../support/samples.ts';
import { brokers, registryUrl, testEnvironment, waitFor } from '../support/stack.ts';
import { ServiceProcess } from '../support/service-process.ts';

const DEST = 423;
const DPID = 20915;
const USERS = 1500;
const ROUNDS = 4;
const SIDS = [101, 102, 103];

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function delivery(uuid: string, round: number): S2sDeliveryRequest {
  const at = 1_000_000 + round * 1000;
  return {
    deliveryId: `${uuid}-${round}:${DEST}`,
    eventId: `${uuid}-${round}`,
    eventTime: at,
    routedAt: at,
    uuid,
    destinationId: DEST,
    destinationVersion: 1,
    region: 9,
    pageProtocol: 'HTTPS',
    mcid: null,
    partnerIds: [],
    gdprApplies: false,
    tcString: null,
    dpid: DPID,
    // Membership flips every round, differently per segment; the value changes too.
    segments: SIDS.map((sid, i) => ({
      sid,
      value: `${sid}-r${round}`,
      member: (round + i) % 2 === 0,
      updatedAt: at,
    })),
  };
}

async function consumed(store: Store, groupId: string): Promise<number> {
  const row = await store.db
    .selectFrom('consumer_offsets')
    .select((eb) => eb.fn.sum<number>('next_offset').as('total'))
    .where('group_id', '=', groupId)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

describe.each(storeDialects)('s2s-delivery ingest across SIGKILL on %s', (dialect) => {
  it('resumes from the offsets stored with the state: the final state is exactly the expected one', async () => {
    const env = await testEnvironment(`s2s-crash-${dialect}`, 3);
    const database = await createTestDatabase(dialect, 's2scrash');
    cleanups.push(() => database.drop());
    const producer = createProducer(env.kafka);
    await producer.connect();
    cleanups.push(() => producer.disconnect());

    const uuids = Array.from({ length: USERS }, () => sampleUuid());
    const expected = new Map<string, string>();
    for (let round = 0; round < ROUNDS; round++) {
      const messages = uuids.map((uuid) => {
        const d = delivery(uuid, round);
        for (const s of d.segments)
          expected.set(`${uuid}:${s.sid}`, `${s.value}/${s.member ? 1 : 0}@${s.updatedAt}`);
        return { key: uuid, value: env.serdes.s2sDeliveryRequest.encode(d) };
      });
      await producer.send({ topic: env.topics.deliveriesS2s, messages });
    }
    // Poison input is dead-lettered, never stops the loop.
    await producer.send({
      topic: env.topics.deliveriesS2s,
      messages: [{ key: 'poison', value: Buffer.from('not avro') }],
    });
    // Recent syncs: the service deletes syncs older than ID_SYNC_MAX_AGE_DAYS (120 days).
    const older = Date.now() - 2000;
    const newer = older + 1000;
    const syncs: IdSync[] = uuids.flatMap((uuid, i) =>
      i % 3 === 0
        ? [
            { uuid, dpid: DPID, dpuuid: `old-${i}`, seenAt: older },
            { uuid, dpid: DPID, dpuuid: `p-${i}`, seenAt: newer },
          ]
        : [],
    );
    await producer.send({
      topic: env.topics.idSyncs,
      messages: syncs.map((s) => ({ key: `${s.uuid}|${s.dpid}`, value: env.serdes.idSync.encode(s) })),
    });
    const admin = env.kafka.admin();
    await admin.connect();
    cleanups.push(() => admin.disconnect());
    let total = 0;
    for (const topic of [env.topics.deliveriesS2s, env.topics.idSyncs]) {
      for (const p of await admin.fetchTopicOffsets(topic)) total += Number(p.high);
    }

    const groupId = `${env.prefix}s2s-delivery`;
    const serviceEnv = {
      ...process.env,
      KAFKA_BROKERS: brokers.join(','),
      SCHEMA_REGISTRY_URL: registryUrl,
      TOPIC_PREFIX: env.prefix,
      GROUP_ID: groupId,
      DATABASE_URL: database.url,
      HTTP_PORT: '0',
      LOG_LEVEL: 'warn',
      // Small fetches: many SQL transactions, so kills land mid-ingest.
      MAX_BYTES_PER_PARTITION: '4096',
      // A killed instance's partitions move on after this (the broker's minimum).
      SESSION_TIMEOUT_MS: '6000',
    };
    const service = new ServiceProcess('services/s2s-delivery/main.ts', serviceEnv, cleanups);
    const start = () => service.start();
    const kill = () => service.kill();

    const observer = openStore(database.url);
    cleanups.push(() => observer.close());
    const progressAtKill: number[] = [];
    start();
    for (const share of [0.2, 0.55]) {
      await waitFor(
        async () => {
          try {
            return (await consumed(observer, groupId)) >= total * share;
          } catch {
            return false; // the service has not migrated the database yet
          }
        },
        { timeoutMs: 90_000, message: `${share * 100}% ingested` },
      );
      await kill();
      progressAtKill.push(await consumed(observer, groupId));
      start();
    }
    await waitFor(async () => (await consumed(observer, groupId)) === total, {
      timeoutMs: 120_000,
      message: 'every offset consumed',
    });
    await kill();

    expect(progressAtKill.some((p) => p < total)).toBe(true);
    const rows = await observer.db
      .selectFrom('user_segments')
      .select(['uuid', 'sid', 'value', 'member', 'updated_at'])
      .where('destination_id', '=', DEST)
      .execute();
    const actual = new Map(
      rows.map((r) => [`${r.uuid}:${r.sid}`, `${r.value}/${Number(r.member)}@${Number(r.updated_at)}`]),
    );
    expect(actual.size).toBe(expected.size);
    expect(actual).toEqual(expected);
    const links = await observer.db.selectFrom('id_syncs').select(['uuid', 'dpuuid']).execute();
    expect(new Map(links.map((l) => [l.uuid, l.dpuuid]))).toEqual(
      new Map(syncs.filter((s) => s.seenAt === newer).map((s) => [s.uuid, s.dpuuid])),
    );
    const users = await observer.db.selectFrom('destination_users').select('uuid').execute();
    expect(users).toHaveLength(USERS);
  });
});
