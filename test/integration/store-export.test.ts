/** Export reads on SQLite and PostgreSQL: streaming a large table, watermarks with writers in flight. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql, type KyselyPlugin } from 'kysely';
import { applyBatch, type IdSyncUpsert, type SegmentUpsert, type Store } from '../../libs/store/index.ts';
import { readWatermark } from '../../services/s2s-delivery/store/read-watermark.ts';
import { streamUsers } from '../../services/s2s-delivery/store/stream-users.ts';
import { createTestStore, storeDialects } from '../support/database.ts';
import { waitFor } from '../support/stack.ts';

const DEST = 77;
const DPID = 20914;
const USERS = 40_000;
const SEGMENTS = 5;

function uuidOf(i: number): string {
  return `1${String(i).padStart(37, '0')}`;
}

async function fill(store: Store): Promise<void> {
  const perBatch = 2000;
  for (let start = 0; start < USERS; start += perBatch) {
    const upserts: SegmentUpsert[] = [];
    const idSyncs: IdSyncUpsert[] = [];
    for (let i = start; i < Math.min(start + perBatch, USERS); i++) {
      for (let s = 0; s < SEGMENTS; s++) {
        upserts.push({
          destinationId: DEST,
          uuid: uuidOf(i),
          dpid: DPID,
          sid: 1000 + s,
          value: `v${s}`,
          member: true,
          updatedAt: 1,
        });
      }
      if (i % 2 === 0) idSyncs.push({ uuid: uuidOf(i), dpid: DPID, dpuuid: `p${i}`, seenAt: 1 });
    }
    await store.transaction((tx) => applyBatch(tx, { upserts, idSyncs }));
  }
}

describe.each(storeDialects)('store export reads on %s', (dialect) => {
  let store: Store;
  let drop: () => Promise<void>;

  beforeEach(async () => {
    ({ store, drop } = await createTestStore(dialect, 'export'));
  });
  afterEach(async () => {
    await drop();
  });

  it('streams a large destination in bounded pages, in order, never holding the table in memory', async () => {
    await fill(store);
    // Every query result passes through this plugin: the largest one bounds what is held at once.
    let largestResult = 0;
    let queries = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        queries += 1;
        largestResult = Math.max(largestResult, args.result.rows.length);
        return args.result;
      },
    };
    const observed = { ...store, db: store.db.withPlugin(counting) };
    let users = 0;
    let addressable = 0;
    let previous = '';
    let largestChunk = 0;
    for await (const chunk of streamUsers(observed, DEST, 'full', 0, { pageUsers: 500 })) {
      largestChunk = Math.max(largestChunk, chunk.length);
      for (const user of chunk) {
        if (user.uuid <= previous || user.segments.length !== SEGMENTS)
          throw new Error(`bad user ${user.uuid}`);
        previous = user.uuid;
        users += 1;
        if (user.dpuuid !== null) addressable += 1;
      }
    }
    expect(users).toBe(USERS);
    expect(addressable).toBe(USERS / 2);
    expect(largestChunk).toBe(500);
    expect(largestResult).toBe(500 * SEGMENTS);
    expect(queries).toBe(3 * (USERS / 500) + 1);

    const onlyAddressable = streamUsers(store, DEST, 'full', 0, { addressableOnly: true, pageUsers: 100 });
    const first = await onlyAddressable.next();
    expect(first.value?.every((u: { dpuuid: string | null }) => u.dpuuid !== null)).toBe(true);
    await onlyAddressable.return(undefined);
  });

  it('a watermark read while a writer is in flight covers that writer once it commits', async () => {
    const before = await readWatermark(store);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let allocated!: (seq: number) => void;
    const seqAllocated = new Promise<number>((resolve) => (allocated = resolve));
    const events: string[] = [];
    const writer = store.transaction(async (tx) => {
      const result = await applyBatch(tx, {
        upserts: [
          { destinationId: DEST, uuid: 'w1', dpid: DPID, sid: 1, value: '1', member: true, updatedAt: 1 },
        ],
      });
      allocated(result.changeSeq!);
      await gate;
      events.push('commit');
    });
    const seq = await seqAllocated;
    const watermark = readWatermark(store).then((value) => {
      events.push('watermark');
      return value;
    });
    if (dialect === 'postgres') {
      // The watermark reader must be blocked on the writer's lock, not racing past it.
      await waitFor(
        async () => {
          const { rows } = await sql<{ waiting: number }>`
            select count(*)::int as waiting from pg_locks where not granted and locktype = 'relation'`.execute(
            store.db,
          );
          return rows[0]!.waiting > 0;
        },
        { message: 'watermark reader waiting on the writer' },
      );
    }
    release();
    await writer;
    expect(await watermark).toBeGreaterThanOrEqual(seq);
    expect(seq).toBeGreaterThan(before);
    expect(events).toEqual(['commit', 'watermark']);
  });
});
