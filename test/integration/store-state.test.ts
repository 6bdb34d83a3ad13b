/** The state layer on SQLite and PostgreSQL: migrations, upserts, ID syncs, offsets with state. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyBatch,
  loadOffsets,
  migrateToLatest,
  openStore,
  type SegmentUpsert,
  type Store,
} from '../../libs/store/index.ts';
import { COOKIE_MIGRATIONS } from '../../services/cookie-delivery/migrations.ts';
import { countAudience } from '../../services/s2s-delivery/store/count-audience.ts';
import { S2S_MIGRATIONS } from '../../services/s2s-delivery/store/migrations.ts';
import { expireIdSyncs } from '../../services/s2s-delivery/store/expire-id-syncs.ts';
import { readWatermark } from '../../services/s2s-delivery/store/read-watermark.ts';
import { streamUsers } from '../../services/s2s-delivery/store/stream-users.ts';
import { createTestStore, storeDialects } from '../support/database.ts';

const DEST = 423;
const DPID = 20915;

function seg(
  uuid: string,
  sid: number,
  member: boolean,
  updatedAt: number,
  value = String(sid),
): SegmentUpsert {
  return { destinationId: DEST, uuid, dpid: DPID, sid, value, member, updatedAt };
}

async function segments(store: Store) {
  const rows = await store.db
    .selectFrom('user_segments')
    .select(['uuid', 'sid', 'value', 'member', 'updated_at'])
    .where('destination_id', '=', DEST)
    .orderBy('uuid')
    .orderBy('sid')
    .execute();
  return rows.map((r) => `${r.uuid}:${r.sid}=${r.value}/${Number(r.member)}@${Number(r.updated_at)}`);
}

async function collect(store: Store, mode: 'full' | 'iter', since = 0, options = {}) {
  const users = [];
  for await (const chunk of streamUsers(store, DEST, mode, since, options)) users.push(...chunk);
  return users;
}

describe.each(storeDialects)('store state on %s', (dialect) => {
  let store: Store;
  let drop: () => Promise<void>;
  let url: string;

  beforeEach(async () => {
    ({ store, drop, url } = await createTestStore(dialect, 'state'));
  });
  afterEach(async () => {
    await drop();
  });

  it('migrates once: re-running, also from a second connection, applies nothing', async () => {
    expect(await migrateToLatest(store, S2S_MIGRATIONS)).toEqual([]);
    const second = openStore(url);
    try {
      expect(await migrateToLatest(second, S2S_MIGRATIONS)).toEqual([]);
      expect(await migrateToLatest(second, COOKIE_MIGRATIONS)).toEqual([]);
    } finally {
      await second.close();
    }
    expect(await readWatermark(store)).toBe(0);
  });

  it('upserts segments: latest updatedAt wins, removals are kept as member = 0', async () => {
    await store.transaction((tx) =>
      applyBatch(tx, {
        upserts: [seg('u1', 1, true, 100), seg('u1', 2, true, 100), seg('u2', 1, true, 100)],
      }),
    );
    // u1/1 removed later; an older u1/2 removal arrives late and loses; u2/1 gets a new value.
    const result = await store.transaction((tx) =>
      applyBatch(tx, {
        upserts: [seg('u1', 1, false, 200), seg('u1', 2, false, 50), seg('u2', 1, true, 150, 'ic-7')],
      }),
    );
    expect(result).toMatchObject({ segmentsChanged: 2, usersChanged: 2 });
    expect(await segments(store)).toEqual(['u1:1=1/0@200', 'u1:2=2/1@100', 'u2:1=ic-7/1@150']);
  });

  it('within one batch the latest change of a segment wins, whatever the order', async () => {
    await store.transaction((tx) =>
      applyBatch(tx, {
        upserts: [seg('u1', 1, false, 300), seg('u1', 1, true, 100), seg('u1', 1, true, 200)],
      }),
    );
    expect(await segments(store)).toEqual(['u1:1=1/0@300']);
  });

  it('a replayed or unchanged delivery changes nothing and does not mark the user changed', async () => {
    const first = await store.transaction((tx) => applyBatch(tx, { upserts: [seg('u1', 1, true, 100)] }));
    const replay = await store.transaction((tx) => applyBatch(tx, { upserts: [seg('u1', 1, true, 100)] }));
    const later = await store.transaction((tx) => applyBatch(tx, { upserts: [seg('u1', 1, true, 500)] }));
    expect(first.changeSeq).not.toBeNull();
    expect(replay).toMatchObject({ changeSeq: null, segmentsChanged: 0, usersChanged: 0 });
    expect(later).toMatchObject({ changeSeq: null, segmentsChanged: 0 });
    expect(await collect(store, 'iter', first.changeSeq!)).toEqual([]);
  });

  it('ID syncs: latest wins, expired ones count as absent, a late sync makes the user deliverable', async () => {
    await store.transaction((tx) =>
      applyBatch(tx, {
        upserts: [seg('u1', 1, true, 100), seg('u2', 1, true, 100), seg('u3', 1, false, 100)],
        idSyncs: [
          { uuid: 'u1', dpid: DPID, dpuuid: 'old', seenAt: 1000 },
          { uuid: 'u1', dpid: DPID, dpuuid: 'new', seenAt: 2000 },
          { uuid: 'u1', dpid: 20914, dpuuid: 'android', seenAt: 2000 },
        ],
      }),
    );
    await store.transaction((tx) =>
      applyBatch(tx, { idSyncs: [{ uuid: 'u1', dpid: DPID, dpuuid: 'stale', seenAt: 1500 }] }),
    );
    const syncs = await store.db.selectFrom('id_syncs').selectAll().where('dpid', '=', DPID).execute();
    expect(syncs.map((s) => [s.uuid, s.dpuuid, Number(s.seen_at)])).toEqual([['u1', 'new', 2000]]);
    // u3 has no live segment: not in the audience at all.
    expect(await countAudience(store, { syncCutoff: 0 })).toEqual([
      { destinationId: DEST, addressable: 1, unaddressable: 1 },
    ]);
    const watermark = await readWatermark(store);

    // u2's sync arrives after its qualification: u2 becomes addressable and shows in the next iter.
    const linked = await store.transaction((tx) =>
      applyBatch(tx, { idSyncs: [{ uuid: 'u2', dpid: DPID, dpuuid: 'p2', seenAt: 3000 }] }),
    );
    expect(linked.idSyncsChanged).toBe(1);
    const iter = await collect(store, 'iter', watermark, { addressableOnly: true });
    expect(iter).toEqual([
      {
        uuid: 'u2',
        dpid: DPID,
        dpuuid: 'p2',
        segments: [{ sid: 1, value: '1', member: true, updatedAt: 100 }],
      },
    ]);
    expect(await countAudience(store, { syncCutoff: 0, destinationId: DEST })).toEqual([
      { destinationId: DEST, addressable: 2, unaddressable: 0 },
    ]);

    // Seen again with the same partner id: nothing to re-export.
    const reseen = await store.transaction((tx) =>
      applyBatch(tx, { idSyncs: [{ uuid: 'u2', dpid: DPID, dpuuid: 'p2', seenAt: 4000 }] }),
    );
    expect(reseen).toMatchObject({ idSyncsChanged: 0, changeSeq: null });

    // Expiry: u1 last seen at 2000, u2 at 4000.
    expect(await countAudience(store, { syncCutoff: 2500 })).toEqual([
      { destinationId: DEST, addressable: 1, unaddressable: 1 },
    ]);
    const full = await collect(store, 'full', 0, { syncCutoff: 2500 });
    expect(full.map((u) => [u.uuid, u.dpuuid])).toEqual([
      ['u1', null],
      ['u2', 'p2'],
    ]);
    expect(await expireIdSyncs(store, 2500)).toBe(2);
    expect(await store.db.selectFrom('id_syncs').select('uuid').execute()).toEqual([{ uuid: 'u2' }]);
  });

  it('commits offsets with the state, and neither when the transaction fails', async () => {
    const group = 's2s-delivery';
    await store.transaction((tx) =>
      applyBatch(tx, {
        upserts: [seg('u1', 1, true, 100)],
        offsets: [
          { groupId: group, topic: 'deliveries.s2s', partition: 0, nextOffset: '10' },
          { groupId: group, topic: 'deliveries.s2s', partition: 1, nextOffset: '7' },
        ],
      }),
    );
    const before = await segments(store);
    const watermark = await readWatermark(store);

    const failure = new Error('crash after the writes, before commit');
    await expect(
      store.transaction(async (tx) => {
        await applyBatch(tx, {
          upserts: [seg('u1', 1, false, 200), seg('u9', 4, true, 200)],
          idSyncs: [{ uuid: 'u1', dpid: DPID, dpuuid: 'p1', seenAt: 200 }],
          offsets: [{ groupId: group, topic: 'deliveries.s2s', partition: 0, nextOffset: '25' }],
        });
        throw failure;
      }),
    ).rejects.toBe(failure);

    expect(await segments(store)).toEqual(before);
    expect(await store.db.selectFrom('id_syncs').selectAll().execute()).toEqual([]);
    expect(Object.fromEntries(await loadOffsets(store, group, 'deliveries.s2s'))).toEqual({
      0: '10',
      1: '7',
    });
    // A PostgreSQL sequence is not transactional (a gap is fine); what matters is no row moved.
    expect(await readWatermark(store)).toBeGreaterThanOrEqual(watermark);
    expect(await collect(store, 'iter', watermark)).toEqual([]);

    await store.transaction((tx) =>
      applyBatch(tx, {
        offsets: [{ groupId: group, topic: 'deliveries.s2s', partition: 0, nextOffset: 25 }],
      }),
    );
    expect((await loadOffsets(store, group, 'deliveries.s2s')).get(0)).toBe('25');
    expect((await loadOffsets(store, 'other-group', 'deliveries.s2s')).size).toBe(0);
  });

  it('iter lists users changed since a watermark, each removal only once', async () => {
    const sync = { uuid: 'u1', dpid: DPID, dpuuid: 'p1', seenAt: 1 };
    await store.transaction((tx) =>
      applyBatch(tx, { upserts: [seg('u1', 1, true, 100), seg('u1', 2, true, 100)], idSyncs: [sync] }),
    );
    const first = await readWatermark(store);
    await store.transaction((tx) => applyBatch(tx, { upserts: [seg('u1', 2, false, 200)] }));
    const second = await readWatermark(store);
    const window1 = await collect(store, 'iter', first, { untilWatermark: second });
    expect(window1[0]?.segments.map((s) => [s.sid, s.member])).toEqual([
      [1, true],
      [2, false],
    ]);
    // A later change to another segment: the old removal is not repeated.
    await store.transaction((tx) => applyBatch(tx, { upserts: [seg('u1', 3, true, 300)] }));
    const window2 = await collect(store, 'iter', second);
    expect(window2[0]?.segments.map((s) => [s.sid, s.member])).toEqual([
      [1, true],
      [3, true],
    ]);
    const full = await collect(store, 'full');
    expect(full[0]?.segments.map((s) => s.sid)).toEqual([1, 3]);
  });
});
