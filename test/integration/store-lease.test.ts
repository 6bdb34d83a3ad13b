/** Export leases, export history and cookie state on SQLite and PostgreSQL. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Store } from '../../libs/store/index.ts';
import {
  acquireExportLease,
  releaseExportLease,
  renewExportLease,
} from '../../services/s2s-delivery/store/export-lease.ts';
import {
  finishExport,
  lastSuccessfulExport,
  listExports,
  startExport,
} from '../../services/s2s-delivery/store/export-history.ts';
import { getCookieStates, putCookieStates } from '../../services/cookie-delivery/cookie-states.ts';
import { createTestStore, storeDialects } from '../support/database.ts';

const TTL = 30_000;

describe.each(storeDialects)('store leases, history and cookies on %s', (dialect) => {
  let store: Store;
  let drop: () => Promise<void>;

  beforeEach(async () => {
    ({ store, drop } = await createTestStore(dialect, 'lease'));
  });
  afterEach(async () => {
    await drop();
  });

  it('gives a destination lease to one holder at a time, and to another once it expires', async () => {
    const now = 1_000_000;
    const a = await acquireExportLease(store, { destinationId: 1, holder: 'a', ttlMs: TTL, now });
    expect(a).toEqual({ destinationId: 1, holder: 'a', generation: 1, expiresAt: now + TTL });
    expect(
      await acquireExportLease(store, { destinationId: 1, holder: 'b', ttlMs: TTL, now: now + 1 }),
    ).toBeNull();
    // Other destinations are independent; the holder may re-acquire its own lease.
    expect(
      await acquireExportLease(store, { destinationId: 2, holder: 'b', ttlMs: TTL, now }),
    ).not.toBeNull();
    expect(
      await acquireExportLease(store, { destinationId: 1, holder: 'a', ttlMs: TTL, now: now + 5 }),
    ).toMatchObject({ generation: 1 });

    const renewed = await renewExportLease(store, a!, TTL, now + 20_000);
    expect(renewed?.expiresAt).toBe(now + 20_000 + TTL);
    expect(
      await acquireExportLease(store, { destinationId: 1, holder: 'b', ttlMs: TTL, now: now + 40_000 }),
    ).toBeNull();

    // a stops renewing: after expiry b takes over with a new generation, and a can no longer renew.
    const takeover = now + 20_000 + TTL;
    const b = await acquireExportLease(store, { destinationId: 1, holder: 'b', ttlMs: TTL, now: takeover });
    expect(b).toMatchObject({ holder: 'b', generation: 2 });
    expect(await renewExportLease(store, renewed!, TTL, takeover + 1)).toBeNull();
    expect(await releaseExportLease(store, renewed!)).toBe(false);

    expect(await releaseExportLease(store, b!)).toBe(true);
    const c = await acquireExportLease(store, {
      destinationId: 1,
      holder: 'c',
      ttlMs: TTL,
      now: takeover + 2,
    });
    expect(c).toMatchObject({ holder: 'c', generation: 3 });
  });

  it('lets exactly one of many concurrent contenders win', async () => {
    const now = Date.now();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        acquireExportLease(store, { destinationId: 9, holder: `h${i}`, ttlMs: TTL, now }),
      ),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });

  it('records export history; only successful exports count for the next watermark', async () => {
    expect(await lastSuccessfulExport(store, 5)).toBeNull();
    const first = await startExport(store, {
      destinationId: 5,
      mode: 'full',
      watermarkFrom: 0,
      watermarkTo: 10,
      now: 1000,
    });
    await finishExport(store, first, {
      outcome: 'succeeded',
      files: ['ftp_5_20915_acct_full_1000.sync.gz', 'ftp_5_20915_acct_full_1000.info'],
      userCount: 3,
      lineCount: 3,
      byteCount: 120,
      now: 1250,
    });
    const second = await startExport(store, {
      destinationId: 5,
      mode: 'iter',
      watermarkFrom: 10,
      watermarkTo: 20,
      now: 2000,
    });
    await finishExport(store, second, { outcome: 'failed', error: 'sftp: connection reset', now: 2100 });
    await startExport(store, { destinationId: 6, mode: 'iter', watermarkFrom: 0, watermarkTo: 1, now: 2000 });

    const last = await lastSuccessfulExport(store, 5);
    expect(last).toMatchObject({ id: first, mode: 'full', watermarkTo: 10, durationMs: 250, lineCount: 3 });
    expect(await lastSuccessfulExport(store, 5, 'iter')).toBeNull();
    const history = await listExports(store, 5);
    expect(history.map((h) => [h.mode, h.outcome, h.error])).toEqual([
      ['iter', 'failed', 'sftp: connection reset'],
      ['full', 'succeeded', null],
    ]);
    expect(history[1]?.files).toEqual([
      'ftp_5_20915_acct_full_1000.sync.gz',
      'ftp_5_20915_acct_full_1000.info',
    ]);
    expect((await listExports(store, 6))[0]?.outcome).toBe('running');
  });

  it('keeps the latest cookie per user and destination; an empty value removes it', async () => {
    const spec = { domain: '.example.com', ttlDays: 30 };
    await putCookieStates(store, [
      { uuid: 'u1', destinationId: 1, name: 'seg', value: 'x=1&x=2', spec, updatedAt: 200 },
      { uuid: 'u1', destinationId: 2, name: 'aud', value: 'a=9', spec, updatedAt: 200 },
    ]);
    await putCookieStates(store, [
      { uuid: 'u1', destinationId: 1, name: 'seg', value: 'stale', spec, updatedAt: 100 },
      { uuid: 'u1', destinationId: 2, name: 'aud', value: '', spec, updatedAt: 300 },
    ]);
    expect(await getCookieStates(store, 'u1')).toEqual([
      { uuid: 'u1', destinationId: 1, name: 'seg', value: 'x=1&x=2', spec, updatedAt: 200 },
    ]);
    expect(await getCookieStates(store, 'u2')).toEqual([]);
  });
});
