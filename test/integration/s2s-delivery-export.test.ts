/**
 * Batch exports end to end (service in-process, real Kafka, SQLite and PostgreSQL): files checked
 * byte for byte (names, line format, removals once in iter files, late ID syncs, gzip, split part
 * numbers, .info manifest md5/sizes/lines), the export history API, and an SFTP upload to a real
 * OpenSSH server that fails half-way, leaves no visible partial file and is retried.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { DestinationConfig, S2sBatch } from '../../libs/schema/index.ts';
import type { ExportRecord } from '../../services/s2s-delivery/store/export-history.ts';
import { storeDialects } from '../support/database.ts';
import { s2sDestination } from '../support/destinations.ts';
import {
  DPID,
  encryptFor,
  idSync,
  metricValue,
  s2sRequest,
  startS2sHarness,
  type S2sHarness,
} from '../support/s2s-delivery-harness.ts';
import { startSshd } from '../support/sshd.ts';
import { waitFor } from '../support/stack.ts';

const YEARLY = '0 0 1 1 *';

function batchDestination(id: number, batch: Partial<S2sBatch>): DestinationConfig {
  const base = s2sDestination(id, [1, 2, 3]);
  return {
    ...base,
    s2s: {
      ...base.s2s!,
      dpid: DPID,
      realTime: null,
      batch: { ...base.s2s!.batch!, schedule: YEARLY, ...batch },
    },
  };
}

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');

/** The .info an export should have written, from the files as read back. */
function expectedInfo(infoName: string, files: { name: string; data: Buffer; lines: number }[]): string {
  return `${JSON.stringify(
    {
      Files: files.map((f, i) => ({
        FileName: f.name,
        FileSequenceNumber: i + 1,
        FileByteSize: f.data.length,
        FileLineCount: f.lines,
        md5: md5(f.data),
      })),
      Totals: {
        FileName: infoName,
        TotalNumberFiles: files.length,
        TotalNumberLines: files.reduce((n, f) => n + f.lines, 0),
        TotalByteSize: files.reduce((n, f) => n + f.data.length, 0),
      },
    },
    null,
    2,
  )}\n`;
}

async function exportVia(h: S2sHarness, id: number, mode: 'full' | 'iter'): Promise<ExportRecord> {
  const response = await h.instance.app.inject({
    method: 'POST',
    url: `/v1/destinations/${id}/exports`,
    payload: { mode },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<ExportRecord>();
}

describe.each(storeDialects)('s2s batch export on %s', (dialect) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  it('writes full and iter files byte for byte, removals once, gzip + split parts, manifest last', async () => {
    const dir = await mkdtemp(join(tmpdir(), 's2s-export-'));
    const zipped = await mkdtemp(join(tmpdir(), 's2s-export-gz-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    cleanups.push(() => rm(zipped, { recursive: true, force: true }));
    const plain = batchDestination(601, {
      target: 'LOCAL',
      localDir: dir,
      gzip: false,
      syncModes: ['FULL', 'ITER'],
    });
    const split = batchDestination(602, {
      target: 'LOCAL',
      localDir: zipped,
      gzip: true,
      splitSizeBytes: 20,
      syncModes: ['FULL'],
    });
    const h = await startS2sHarness(`s2s-export-${dialect}`, dialect, { destinations: [plain, split] });
    cleanups.push(() => h.stop());

    await h.sync([idSync('ua', 'pa'), idSync('ub', 'pb'), idSync('uc', 'pc')]);
    const users = {
      ua: [1, 2],
      ub: [1],
      uc: [2, 3],
      ud: [1],
    };
    await h.deliver(
      [601, 602].flatMap((dest) =>
        Object.entries(users).map(([uuid, sids]) =>
          s2sRequest(
            dest,
            uuid,
            sids.map((sid) => ({ sid, member: true })),
          ),
        ),
      ),
    );
    const store = h.instance.store;
    await waitFor(
      async () =>
        (await store.db.selectFrom('destination_users').select('uuid').execute()).length === 8 &&
        (await store.db.selectFrom('id_syncs').select('uuid').execute()).length === 3,
      { message: 'state ingested' },
    );

    // full: every addressable user with live segments; ud (no sync) is left out.
    const full = await exportVia(h, 601, 'full');
    const root = `local_601_${DPID}_acct-42_full_${full.startedAt}`;
    expect(full).toMatchObject({ mode: 'full', outcome: 'succeeded', userCount: 3, lineCount: 3 });
    const exportUsers = async () => ({
      addressable: await metricValue(h.instance, 'segdest_export_users', {
        destination_id: '601',
        state: 'addressable',
      }),
      unaddressable: await metricValue(h.instance, 'segdest_export_users', {
        destination_id: '601',
        state: 'unaddressable',
      }),
    });
    expect(await exportUsers()).toEqual({ addressable: 3, unaddressable: 1 });
    expect(full.files).toEqual([`${root}.sync`, `${root}.info`]);
    const fullData = await readFile(join(dir, `${root}.sync`));
    expect(fullData.toString()).toBe('pa v1,v2 \npb v1 \npc v2,v3 \n');
    expect(full.byteCount).toBe(fullData.length);
    expect(await readFile(join(dir, `${root}.info`), 'utf8')).toBe(
      expectedInfo(`${root}.info`, [{ name: `${root}.sync`, data: fullData, lines: 3 }]),
    );

    // Changes: ub loses segment 1, ua gains 3; iter lists exactly those users, removals included.
    await h.deliver([
      s2sRequest(601, 'ub', [{ sid: 1, member: false, updatedAt: 1_700_000_100_000 }]),
      s2sRequest(
        601,
        'ua',
        [1, 2, 3].map((sid) => ({ sid, member: true })),
      ),
    ]);
    await waitFor(
      async () =>
        (
          await store.db
            .selectFrom('user_segments')
            .select('uuid')
            .where('destination_id', '=', 601)
            .where('member', '=', 0)
            .execute()
        ).length === 1 &&
        (
          await store.db
            .selectFrom('user_segments')
            .select('uuid')
            .where('sid', '=', 3)
            .where('uuid', '=', 'ua')
            .execute()
        ).length === 1,
      { message: 'changes ingested' },
    );
    const iter1 = await exportVia(h, 601, 'iter');
    const iterRoot = `local_601_${DPID}_acct-42_iter_${iter1.startedAt}`;
    expect(iter1.watermarkFrom).toBe(full.watermarkTo);
    expect(await readFile(join(dir, `${iterRoot}.sync`), 'utf8')).toBe('pa v1,v2,v3 \npb  v1\n');
    expect(await exportUsers()).toEqual({ addressable: 2, unaddressable: 0 });

    // Nothing changed: an empty file (and its manifest); the removal is not repeated.
    const iter2 = await exportVia(h, 601, 'iter');
    expect(iter2).toMatchObject({
      userCount: 0,
      lineCount: 0,
      byteCount: 0,
      watermarkFrom: iter1.watermarkTo,
    });
    expect(await readFile(join(dir, iter2.files[0]!), 'utf8')).toBe('');

    // ud's ID sync arrives after its qualification: it appears in the next iter file.
    await h.sync([idSync('ud', 'pd')]);
    await waitFor(async () => (await store.db.selectFrom('id_syncs').select('uuid').execute()).length === 4, {
      message: 'ud synced',
    });
    const iter3 = await exportVia(h, 601, 'iter');
    expect(await readFile(join(dir, iter3.files[0]!), 'utf8')).toBe('pd v1 \n');

    // No temp files are left anywhere; every published name is listed in the history.
    const published = [full, iter1, iter2, iter3].flatMap((r) => r.files).sort();
    expect((await readdir(dir)).sort()).toEqual(published);

    // gzip + split at 20 bytes of lines: two parts, 001 and 002, each a gzip of whole lines
    // (ud's sync made it addressable in destination 602 too).
    const splitRun = await exportVia(h, 602, 'full');
    const splitRoot = `local_602_${DPID}_acct-42_full_${splitRun.startedAt}`;
    expect(splitRun.files).toEqual([
      `${splitRoot}001.sync.gz`,
      `${splitRoot}002.sync.gz`,
      `${splitRoot}.info`,
    ]);
    const parts = await Promise.all(splitRun.files.slice(0, 2).map((name) => readFile(join(zipped, name))));
    expect(parts.map((p) => gunzipSync(p).toString())).toEqual([
      'pa v1,v2 \npb v1 \n',
      'pc v2,v3 \npd v1 \n',
    ]);
    expect(await readFile(join(zipped, `${splitRoot}.info`), 'utf8')).toBe(
      expectedInfo(`${splitRoot}.info`, [
        { name: `${splitRoot}001.sync.gz`, data: parts[0]!, lines: 2 },
        { name: `${splitRoot}002.sync.gz`, data: parts[1]!, lines: 2 },
      ]),
    );

    // History API, newest first; replay = a full export from the current state (pb has no live
    // segment left, so it is not in a full file).
    const replay = await h.instance.app.inject({ method: 'POST', url: '/v1/destinations/601/replay' });
    expect(replay.statusCode).toBe(201);
    expect(replay.json<ExportRecord>()).toMatchObject({ mode: 'full', outcome: 'succeeded', lineCount: 3 });
    const history = await h.instance.app.inject({ method: 'GET', url: '/v1/destinations/601/exports' });
    expect(
      history.json<{ exports: ExportRecord[] }>().exports.map((r) => [r.mode, r.outcome, r.lineCount]),
    ).toEqual([
      ['full', 'succeeded', 3],
      ['iter', 'succeeded', 1],
      ['iter', 'succeeded', 0],
      ['iter', 'succeeded', 2],
      ['full', 'succeeded', 3],
    ]);
    expect(
      (await h.instance.app.inject({ method: 'GET', url: '/v1/destinations/999/exports' })).json(),
    ).toEqual({
      exports: [],
    });
    expect(
      (await h.instance.app.inject({ method: 'POST', url: '/v1/destinations/999/replay' })).statusCode,
    ).toBe(404);
    const labels = { destination_id: '601', mode: 'incremental' };
    expect(await metricValue(h.instance, 'segdest_export_rows_total', labels)).toBe(3);
    expect(
      await metricValue(h.instance, 'segdest_export_runs_total', { ...labels, outcome: 'succeeded' }),
    ).toBe(3);
    expect(
      await metricValue(h.instance, 'segdest_export_last_success_timestamp_seconds', {
        destination_id: '601',
        mode: 'full',
      }),
    ).toBeGreaterThan(0);
  });

  it('writes JSON lines in a partner layout (The Trade Desk): full files with live segments, iter files with removals at TTL 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 's2s-export-json-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const layout = {
      fields: { AdvertiserId: '{pidAlias}', DataCenterId: 2, TDID: '{dpuuid}' },
      segmentsField: 'Data',
      segment: { Name: '{value}' },
      removed: { Name: '{value}', TtlInMinutes: 0 },
    };
    const ttd = batchDestination(603, {
      target: 'LOCAL',
      localDir: dir,
      gzip: false,
      syncModes: ['FULL', 'ITER'],
      jsonLine: JSON.stringify(layout),
    });
    const h = await startS2sHarness(`s2s-export-json-${dialect}`, dialect, { destinations: [ttd] });
    cleanups.push(() => h.stop());
    await h.sync([idSync('ua', 'tdid-a"\\'), idSync('ub', 'tdid-b')]);
    await h.deliver([
      s2sRequest(
        603,
        'ua',
        [1, 2].map((sid) => ({ sid, member: true })),
      ),
      s2sRequest(603, 'ub', [{ sid: 1, member: true }]),
    ]);
    const store = h.instance.store;
    await waitFor(
      async () =>
        (await store.db.selectFrom('destination_users').select('uuid').execute()).length === 2 &&
        (await store.db.selectFrom('id_syncs').select('uuid').execute()).length === 2,
      { message: 'state ingested' },
    );
    const full = await exportVia(h, 603, 'full');
    expect(full).toMatchObject({ outcome: 'succeeded', userCount: 2, lineCount: 2 });
    const fullText = await readFile(join(dir, full.files[0]!), 'utf8');
    expect(fullText).toBe(
      '{"AdvertiserId":"acct-42","DataCenterId":2,"TDID":"tdid-a\\"\\\\","Data":[{"Name":"v1"},{"Name":"v2"}]}\n' +
        '{"AdvertiserId":"acct-42","DataCenterId":2,"TDID":"tdid-b","Data":[{"Name":"v1"}]}\n',
    );
    expect(
      fullText
        .split('\n')
        .slice(0, -1)
        .map((line) => JSON.parse(line).TDID),
    ).toEqual(['tdid-a"\\', 'tdid-b']);

    await h.deliver([s2sRequest(603, 'ub', [{ sid: 1, member: false, updatedAt: 1_700_000_100_000 }])]);
    await waitFor(
      async () =>
        (
          await store.db
            .selectFrom('user_segments')
            .select('uuid')
            .where('destination_id', '=', 603)
            .where('member', '=', 0)
            .execute()
        ).length === 1,
      { message: 'removal ingested' },
    );
    const iter = await exportVia(h, 603, 'iter');
    expect(await readFile(join(dir, iter.files[0]!), 'utf8')).toBe(
      '{"AdvertiserId":"acct-42","DataCenterId":2,"TDID":"tdid-b","Data":[{"Name":"v1","TtlInMinutes":0}]}\n',
    );
  });
});

describe('s2s batch export over SFTP', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  it('an upload failing half-way leaves no visible file, fails the run, and the retry publishes', async () => {
    const sshd = await startSshd();
    cleanups.push(() => sshd.stop());
    const destination = batchDestination(701, {
      target: 'SFTP',
      gzip: false,
      syncModes: ['ITER'],
      sftpHost: '127.0.0.1',
      sftpPort: sshd.port,
      sftpUser: sshd.user,
      sftpKey: encryptFor(701, 'sftpKey', sshd.privateKey),
      sftpHostKey: sshd.hostKeyFingerprint,
      sftpPath: sshd.remoteDir,
    });
    let failuresLeft = 1;
    const halfUploaded: string[] = [];
    const h = await startS2sHarness('s2s-sftp', 'sqlite', {
      destinations: [destination],
      sftpSource: (path) => {
        const data = readFileSync(path);
        if (failuresLeft-- <= 0) return Readable.from([data]);
        return Readable.from(
          (async function* () {
            yield data.subarray(0, Math.floor(data.length / 2));
            // The remote temp file now holds half the bytes; it must never become visible.
            await waitFor(async () => (await readdir(sshd.remoteDir)).some((n) => n.endsWith('.part')), {
              message: 'half-written temp file on the server',
            });
            halfUploaded.push(...(await readdir(sshd.remoteDir)));
            throw new Error('connection dropped half-way');
          })(),
        );
      },
    });
    cleanups.push(() => h.stop());
    const many = Array.from({ length: 200 }, (_, i) => `u${String(i).padStart(3, '0')}`);
    await h.sync(many.map((u) => idSync(u, `p${u}`)));
    await h.deliver(
      many.map((u) =>
        s2sRequest(701, u, [
          { sid: 1, member: true },
          { sid: 2, member: true },
        ]),
      ),
    );
    await waitFor(
      async () =>
        (await h.instance.store.db.selectFrom('destination_users').select('uuid').execute()).length === 200,
      { message: 'state ingested' },
    );

    const first = await h.instance.app.inject({
      method: 'POST',
      url: '/v1/destinations/701/exports',
      payload: { mode: 'iter' },
    });
    expect(first.statusCode).toBe(500);
    expect(first.json<ExportRecord>()).toMatchObject({
      outcome: 'failed',
      error: expect.stringContaining('connection dropped half-way'),
    });
    expect(halfUploaded).toHaveLength(1);
    expect(halfUploaded[0]).toMatch(/^\..*\.sync\.part$/);
    expect(await readdir(sshd.remoteDir)).toEqual([]);

    // The scheduler retries the failed export (EXPORT_RETRY_MS) from the same watermark.
    const history = async () =>
      (await h.instance.app.inject({ method: 'GET', url: '/v1/destinations/701/exports' })).json<{
        exports: ExportRecord[];
      }>().exports;
    const retried = await waitFor(async () => (await history()).find((r) => r.outcome === 'succeeded'), {
      message: 'retried export succeeded',
    });
    const failed = (await history()).find((r) => r.outcome === 'failed')!;
    expect(retried.watermarkFrom).toBe(0);
    expect(failed.watermarkFrom).toBe(0);
    expect((await readdir(sshd.remoteDir)).sort()).toEqual([...retried.files].sort());
    const data = await readFile(join(sshd.remoteDir, retried.files[0]!));
    expect(data.toString()).toBe(many.map((u) => `p${u} v1,v2 \n`).join(''));
    const info = JSON.parse(await readFile(join(sshd.remoteDir, retried.files[1]!), 'utf8')) as {
      Files: { FileName: string; md5: string; FileByteSize: number; FileLineCount: number }[];
    };
    expect(info.Files).toEqual([
      expect.objectContaining({
        FileName: retried.files[0],
        md5: md5(data),
        FileByteSize: data.length,
        FileLineCount: 200,
      }),
    ]);
    expect(retried.files[0]).toMatch(new RegExp(`^ftp_701_${DPID}_acct-42_iter_\\d{13}\\.sync$`));
  });

  it('refuses a server whose host key is not the pinned one: nothing uploaded, the run fails saying why', async () => {
    const sshd = await startSshd();
    cleanups.push(() => sshd.stop());
    const other = await startSshd(); // a second server: its key is the "expected" one here
    cleanups.push(() => other.stop());
    expect(other.hostKeyFingerprint).not.toBe(sshd.hostKeyFingerprint);
    const destination = batchDestination(702, {
      target: 'SFTP',
      gzip: false,
      syncModes: ['ITER'],
      sftpHost: '127.0.0.1',
      sftpPort: sshd.port,
      sftpUser: sshd.user,
      sftpKey: encryptFor(702, 'sftpKey', sshd.privateKey),
      sftpHostKey: other.hostKeyFingerprint,
      sftpPath: sshd.remoteDir,
    });
    const h = await startS2sHarness('s2s-sftp-hostkey', 'sqlite', { destinations: [destination] });
    cleanups.push(() => h.stop());
    await h.sync([idSync('u1', 'p-u1')]);
    await h.deliver([s2sRequest(702, 'u1', [{ sid: 1, member: true }])]);
    await waitFor(
      async () =>
        (await h.instance.store.db.selectFrom('destination_users').select('uuid').execute()).length === 1,
      { message: 'state ingested' },
    );
    const run = await h.instance.app.inject({
      method: 'POST',
      url: '/v1/destinations/702/exports',
      payload: { mode: 'iter' },
    });
    expect(run.statusCode).toBe(500);
    expect(run.json<ExportRecord>()).toMatchObject({
      outcome: 'failed',
      error: expect.stringContaining(
        `presented host key ${sshd.hostKeyFingerprint}, not the configured ${other.hostKeyFingerprint}`,
      ),
    });
    expect(await readdir(sshd.remoteDir)).toEqual([]);
  });
});

describe('s2s export API authentication', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  it('needs the bearer token when EXPORT_API_TOKEN is set; the ops routes stay open', async () => {
    const token = `tok-${randomUUID()}`;
    const dir = await mkdtemp(join(tmpdir(), 's2s-auth-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const h = await startS2sHarness('s2s-api-auth', 'sqlite', {
      destinations: [batchDestination(611, { localDir: dir })],
      env: { EXPORT_API_TOKEN: token },
    });
    cleanups.push(() => h.stop());
    const call = (method: 'GET' | 'POST', url: string, authorization?: string) =>
      h.instance.app.inject({
        method,
        url,
        ...(method === 'POST' ? { payload: { mode: 'full' } } : {}),
        headers: authorization === undefined ? {} : { authorization },
      });
    for (const authorization of [undefined, 'Bearer wrong', `Basic ${token}`, `Bearer ${token}x`]) {
      const denied = await call('GET', '/v1/destinations/611/exports', authorization);
      expect(denied.statusCode, String(authorization)).toBe(401);
      expect(denied.headers['www-authenticate']).toBe('Bearer');
      expect(denied.body).not.toContain(token);
    }
    expect((await call('POST', '/v1/destinations/611/exports')).statusCode).toBe(401);
    expect((await call('POST', '/v1/destinations/611/replay', 'Bearer nope')).statusCode).toBe(401);
    const history = await call('GET', '/v1/destinations/611/exports', `Bearer ${token}`);
    expect(history.statusCode).toBe(200);
    expect(history.json(), 'the refused POSTs ran nothing').toEqual({ exports: [] });
    expect((await call('POST', '/v1/destinations/611/exports', `Bearer ${token}`)).statusCode).toBe(201);
    expect((await h.instance.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await h.instance.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
  });
});

describe('s2s LOCAL exports stay inside LOCAL_EXPORT_ROOTS (issue 14)', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  it('fails the export (nothing written) outside a root, through a symlink, or over a foreign file', async () => {
    const base = await mkdtemp(join(tmpdir(), 's2s-roots-'));
    cleanups.push(() => rm(base, { recursive: true, force: true }));
    const root = join(base, 'root');
    const operator = join(base, 'operator');
    await mkdir(join(root, 'in'), { recursive: true });
    await mkdir(operator);
    await symlink(operator, join(root, 'link'));
    await writeFile(join(root, 'in', 'authorized_keys.sync'), 'operator key\n');
    // Published straight to the topic: the builder's check is bypassed, the export-time check is not.
    const h = await startS2sHarness('s2s-export-roots', 'sqlite', {
      destinations: [
        batchDestination(621, { localDir: operator }),
        batchDestination(622, { localDir: join(root, 'link') }),
        batchDestination(623, {
          localDir: join(root, 'in'),
          fileNameTemplate: 'authorized_keys',
          gzip: false,
        }),
        batchDestination(624, { localDir: join(root, 'ok'), fileNameTemplate: 'segments', gzip: false }),
      ],
      env: { LOCAL_EXPORT_ROOTS: root },
    });
    cleanups.push(() => h.stop());
    // A failed export is retried by the scheduler too: wait out its lease ('busy') when they meet.
    const run = (id: number) =>
      waitFor(async () => {
        const result = await h.instance.exportNow(id, 'full');
        return result.kind === 'done' ? result.record : null;
      });
    expect(await run(621)).toMatchObject({
      outcome: 'failed',
      error: expect.stringContaining(`allowed roots: ${root}`),
    });
    expect(await run(622)).toMatchObject({
      outcome: 'failed',
      error: expect.stringMatching(/resolves to .*operator/),
    });
    expect(await run(623)).toMatchObject({
      outcome: 'failed',
      error: expect.stringContaining('refusing to replace'),
    });
    expect(await readdir(operator)).toEqual([]);
    expect(await readFile(join(root, 'in', 'authorized_keys.sync'), 'utf8')).toBe('operator key\n');
    expect(await readdir(join(root, 'in'))).toEqual(['authorized_keys.sync']);
    // A fixed file name the service published itself is replaced by the next export.
    expect((await run(624)).outcome).toBe('succeeded');
    expect((await run(624)).outcome).toBe('succeeded');
    expect((await readdir(join(root, 'ok'))).sort()).toEqual(['segments.info', 'segments.sync']);
  });
});
