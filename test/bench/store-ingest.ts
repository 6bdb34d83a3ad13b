/**
 * State store micro-benchmark (first half of issue 6's `bench:s2s`): applyBatch upsert rate and
 * streamUsers read rate, on SQLite (a temp file) and on PostgreSQL (a fresh schema in DATABASE_URL,
 * skipped with a note when unset). Run: `npx tsx test/bench/store-ingest.ts`.
 * Env: BENCH_USERS (100000), BENCH_SEGMENTS (5), BENCH_BATCH_USERS (2000 users per transaction).
 */
import { applyBatch, type IdSyncUpsert, type SegmentUpsert, type Store } from '../../libs/store/index.ts';
import { streamUsers } from '../../services/s2s-delivery/store/stream-users.ts';
import { createTestStore } from '../support/database.ts';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const SEGMENTS = Number(process.env.BENCH_SEGMENTS ?? 5);
const PER_BATCH = Number(process.env.BENCH_BATCH_USERS ?? 2000);

const uuidOf = (i: number) => `1${String(i).padStart(37, '0')}`;

async function ingest(store: Store): Promise<number> {
  const started = performance.now();
  for (let start = 0; start < USERS; start += PER_BATCH) {
    const upserts: SegmentUpsert[] = [];
    const idSyncs: IdSyncUpsert[] = [];
    for (let i = start; i < Math.min(start + PER_BATCH, USERS); i++) {
      for (let s = 0; s < SEGMENTS; s++) {
        upserts.push({
          destinationId: 1,
          uuid: uuidOf(i),
          dpid: 20915,
          sid: 1000 + s,
          value: `v${s}`,
          member: true,
          updatedAt: 1,
        });
      }
      if (i % 2 === 0) idSyncs.push({ uuid: uuidOf(i), dpid: 20915, dpuuid: `p${i}`, seenAt: 1 });
    }
    await store.transaction((tx) => applyBatch(tx, { upserts, idSyncs }));
  }
  return (performance.now() - started) / 1000;
}

async function read(store: Store): Promise<{ seconds: number; users: number }> {
  const started = performance.now();
  let users = 0;
  for await (const chunk of streamUsers(store, 1, 'full', 0, { pageUsers: 2000 })) users += chunk.length;
  return { seconds: (performance.now() - started) / 1000, users };
}

for (const dialect of ['sqlite', 'postgres'] as const) {
  if (dialect === 'postgres' && !process.env.DATABASE_URL) {
    console.log('postgres: DATABASE_URL not set (bash deploy/local/postgres.sh up), skipped');
    continue;
  }
  const { store, drop } = await createTestStore(dialect, 'bench');
  try {
    const rows = USERS * SEGMENTS;
    const ingestSeconds = await ingest(store);
    const { seconds, users } = await read(store);
    const rss = Math.round(process.memoryUsage().rss / 1e6);
    console.log(
      `${dialect}: upsert ${rows} rows (+${USERS / 2} ID syncs) in ${ingestSeconds.toFixed(2)} s = ` +
        `${Math.round(rows / ingestSeconds)} rows/s; stream ${users} users in ${seconds.toFixed(2)} s = ` +
        `${Math.round(rows / seconds)} rows/s; rss ${rss} MB`,
    );
  } finally {
    await drop();
  }
}
