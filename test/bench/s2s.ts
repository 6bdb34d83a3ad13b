/**
 * `npm run bench:s2s` (issue 6): on SQLite (temp file) and PostgreSQL (fresh schema in DATABASE_URL):
 *   1. state ingest: the service's handler (one SQL transaction per consumed batch, offsets included)
 *      fed BENCH_INGEST deliveries of 5 segments each, BENCH_BATCH per batch -> deliveries/s;
 *   2. full export of BENCH_USERS users x 5 segments, all addressable,
 *      through runExport to a local directory (plain text, no gzip) -> rows/s, MB/s, peak RSS
 *      (sampled every 10 ms during the export), beside the raw ceiling of the same run: the same
 *      lines produced by ONE SQL query written to a file (PostgreSQL server-side
 *      `COPY (query) TO '<file>'`; SQLite the query iterated by better-sqlite3 into a write stream), and the ratio.
 * Data for the export is generated inside the database (recursive CTE / generate_series), not
 * through the ingest path. Env: BENCH_USERS (1000000), BENCH_INGEST (100000), BENCH_BATCH (500),
 * BENCH_GZIP (0), BENCH_DIALECTS (sqlite,postgres).
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { createMetrics } from '../../libs/metrics/index.ts';
import type { S2sDeliveryRequest } from '../../libs/schema/index.ts';
import type { Store } from '../../libs/store/index.ts';
import { createStateWriter } from '../../services/s2s-delivery/write-state.ts';
import { localTarget } from '../../services/s2s-delivery/local-target.ts';
import { createS2sDeliveryMetrics } from '../../services/s2s-delivery/metrics.ts';
import { runExport } from '../../services/s2s-delivery/run-export.ts';
import { createTestStore } from '../support/database.ts';
import { s2sDestination } from '../support/destinations.ts';
import { testLogger } from '../support/stack.ts';

const USERS = Number(process.env.BENCH_USERS ?? 1_000_000);
const INGEST = Number(process.env.BENCH_INGEST ?? 100_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const GZIP = process.env.BENCH_GZIP === '1';
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[];
const SEGMENTS = 5;
const DPID = 20915;
const EXPORT_DEST = 42;

const mb = (bytes: number) => bytes / 1e6;

async function ingest(store: Store): Promise<number> {
  const metrics = createS2sDeliveryMetrics(createMetrics('bench'));
  const handle = createStateWriter({ store, groupId: 'bench', metrics });
  const started = performance.now();
  let offset = 0;
  for (let start = 0; start < INGEST; start += BATCH) {
    const records = [];
    for (let i = start; i < Math.min(start + BATCH, INGEST); i++) {
      const value: S2sDeliveryRequest = {
        deliveryId: `e${i}:7`,
        eventId: `e${i}`,
        eventTime: 1,
        routedAt: 1,
        uuid: `2${String(i).padStart(37, '0')}`,
        destinationId: 7,
        destinationVersion: 1,
        region: 9,
        pageProtocol: 'HTTPS',
        mcid: null,
        partnerIds: [],
        gdprApplies: false,
        tcString: null,
        dpid: DPID,
        segments: Array.from({ length: SEGMENTS }, (_, s) => ({
          sid: 100 + s,
          value: `v${s}`,
          member: true,
          updatedAt: 1,
        })),
      };
      records.push({
        topic: 'deliveries.s2s',
        partition: 0,
        offset: String(offset++),
        key: null,
        value: { kind: 'delivery' as const, value },
        timestamp: 0,
        headers: undefined,
      });
    }
    await handle(records, { topic: 'deliveries.s2s', partition: 0, nextOffset: String(offset) });
  }
  return (performance.now() - started) / 1000;
}

/** USERS users of EXPORT_DEST with SEGMENTS live segments each and an ID sync, generated in SQL. */
async function fill(store: Store): Promise<void> {
  const numbers =
    store.dialect === 'postgres'
      ? sql`select i from generate_series(0, ${USERS - 1}) as g(i)`
      : sql`with recursive n(i) as (select 0 union all select i + 1 from n where i < ${USERS - 1}) select i from n`;
  const uuid =
    store.dialect === 'postgres'
      ? sql`'1' || lpad(cast(i as text), 37, '0')`
      : sql`'1' || substr('0000000000000000000000000000000000000' || cast(i as text), -37, 37)`;
  const segs =
    store.dialect === 'postgres'
      ? sql`(select s from generate_series(0, ${SEGMENTS - 1}) as g(s)) as seg`
      : sql`(with recursive m(s) as (select 0 union all select s + 1 from m where s < ${SEGMENTS - 1}) select s from m) as seg`;
  await sql`insert into destination_users (destination_id, uuid, dpid, change_seq, changed_at)
    select ${EXPORT_DEST}, ${uuid}, ${DPID}, 1, 1 from (${numbers}) as nums`.execute(store.db);
  await sql`insert into id_syncs (uuid, dpid, dpuuid, seen_at)
    select ${uuid}, ${DPID}, 'p' || cast(i as text), ${Date.now()} from (${numbers}) as nums`.execute(
    store.db,
  );
  await sql`insert into user_segments (destination_id, uuid, sid, value, member, updated_at, change_seq, changed_at)
    select ${EXPORT_DEST}, ${uuid}, 1000 + seg.s, 'v' || cast(seg.s as text), 1, 1, 1, 1 from (${numbers}) as nums, ${segs}`.execute(
    store.db,
  );
  if (store.dialect === 'postgres') await sql`analyze`.execute(store.db);
}

/** The export's lines from one query: what the database alone can do. */
const LINES_QUERY = (dialect: 'sqlite' | 'postgres') => `
  select i.dpuuid || ' ' || ${dialect === 'postgres' ? "string_agg(s.value, ',' order by s.sid)" : "group_concat(s.value, ',')"} || ' ' as line
  from destination_users u
  join id_syncs i on i.uuid = u.uuid and i.dpid = u.dpid
  join user_segments s on s.destination_id = u.destination_id and s.uuid = u.uuid and s.member = 1
  where u.destination_id = ${EXPORT_DEST}
  group by u.uuid, i.dpuuid
  order by u.uuid`;

async function ceiling(dialect: 'sqlite' | 'postgres', url: string, file: string): Promise<number> {
  const started = performance.now();
  if (dialect === 'postgres') {
    // Server-side COPY to a file (the local PostgreSQL runs on this machine; needs superuser).
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`copy (${LINES_QUERY(dialect)}) to '${file}'`);
    } finally {
      await client.end();
    }
  } else {
    const db = new SqliteDatabase(url.replace(/^sqlite:\/\//, ''), { readonly: true });
    const out = createWriteStream(file);
    let buffer = '';
    for (const row of db.prepare(LINES_QUERY(dialect)).raw().iterate() as IterableIterator<[string]>) {
      buffer += `${row[0]}\n`;
      if (buffer.length > 1 << 20) {
        if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
        buffer = '';
      }
    }
    out.end(buffer);
    await new Promise<void>((resolve) => out.once('finish', () => resolve()));
    db.close();
  }
  return (performance.now() - started) / 1000;
}

async function exportFull(store: Store, dir: string) {
  const destination = s2sDestination(EXPORT_DEST, [1000, 1001, 1002, 1003, 1004]);
  destination.s2s!.batch = { ...destination.s2s!.batch!, localDir: dir, gzip: GZIP, syncModes: ['FULL'] };
  const metrics = createS2sDeliveryMetrics(createMetrics('bench'));
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = performance.now();
  const result = await runExport(
    {
      store,
      metrics,
      logger: testLogger,
      holder: 'bench',
      leaseMs: 60_000,
      pageUsers: Number(process.env.BENCH_PAGE_USERS ?? 2000),
      syncCutoff: () => 0,
      target: () => localTarget(dir, { roots: [dir], mayReplace: async () => false }),
    },
    destination,
    'full',
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  if (result.kind !== 'done' || result.record.outcome !== 'succeeded')
    throw new Error(`export failed: ${JSON.stringify(result)}`);
  return { seconds, record: result.record, peakRss: peak };
}

// Child mode: `s2s.ts export <dialect> <url> <dir>` runs only the export, in a fresh process, so its
// peak RSS (getrusage maxrss) is the exporter's own, not the ingest's leftovers.
if (process.argv[2] === 'export') {
  const [dialect, url, dir] = process.argv.slice(3) as ['sqlite' | 'postgres', string, string];
  const { openStore } = await import('../../libs/store/index.ts');
  const store = openStore(url);
  const result = await exportFull(store, dir);
  await store.close();
  console.log(JSON.stringify({ ...result, dialect, maxRss: process.resourceUsage().maxRSS * 1024 }));
  process.exit(0);
}

function exportInChild(dialect: string, url: string, dir: string) {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), 'export', dialect, url, dir],
    {
      encoding: 'utf8',
      env: process.env,
      maxBuffer: 1 << 24,
    },
  );
  if (child.status !== 0) throw new Error(`export child failed: ${child.stderr}`);
  const lines = child.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as Awaited<ReturnType<typeof exportFull>> & { maxRss: number };
}

const report: string[] = [];
for (const dialect of DIALECTS) {
  const { store, url, drop } = await createTestStore(dialect, 'benchs2s');
  const dir = await mkdtemp(join(tmpdir(), 'bench-s2s-'));
  await chmod(dir, 0o777); // the PostgreSQL server process writes the COPY file here
  try {
    const ingestSeconds = await ingest(store);
    const ingestLine = `${dialect}: ingest ${INGEST} deliveries x ${SEGMENTS} segments in ${ingestSeconds.toFixed(1)} s = ${Math.round(INGEST / ingestSeconds)} deliveries/s (${Math.round((INGEST * SEGMENTS) / ingestSeconds)} segment rows/s), ${BATCH} per transaction`;
    console.log(ingestLine);
    const fillStarted = performance.now();
    await fill(store);
    console.log(
      `${dialect}: generated ${USERS} users x ${SEGMENTS} segments in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s`,
    );
    const { seconds, record, peakRss, maxRss } = exportInChild(dialect, url, dir);
    const rawFile = join(dir, 'ceiling.txt');
    const rawSeconds = await ceiling(dialect, url, rawFile);
    const rawBytes = (await stat(rawFile)).size;
    const exported = await readFile(join(dir, record.files[0]!));
    if (!GZIP && exported.length !== rawBytes)
      console.log(`  note: export ${exported.length} B vs ceiling ${rawBytes} B`);
    const exportLine = `${dialect}: full export ${record.lineCount} users (${record.lineCount * SEGMENTS} segment rows, ${mb(record.byteCount).toFixed(1)} MB${GZIP ? ' gzip' : ''}) in ${seconds.toFixed(1)} s = ${Math.round((record.lineCount * SEGMENTS) / seconds)} rows/s, ${(mb(record.byteCount) / seconds).toFixed(1)} MB/s, peak RSS ${Math.round(mb(maxRss))} MB (exporter process; sampled ${Math.round(mb(peakRss))} MB); ceiling (${dialect === 'postgres' ? 'COPY (query) TO file' : 'one query -> file'}) ${rawSeconds.toFixed(1)} s -> ratio ${(rawSeconds / seconds).toFixed(2)}`;
    console.log(exportLine);
    report.push(ingestLine, exportLine);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await drop();
  }
}
console.log(`\n${report.join('\n')}`);
