/**
 * One batch export of one destination (SPEC §4, §5 "S2S batch: from accumulated state; removals
 * appear in iter files once"):
 *   1. take the destination's export lease (SQL): one runner per destination across instances;
 *   2. window: full = current state; iter = changes in (last successful export's watermark,
 *      readWatermark()] — exactly the users changed since the last successful export;
 *   3. record the run as `running` in export_history;
 *   4. stream the window's users page by page (keyset cursor, never the whole table): addressable
 *      ones become one line each in part files (gzip, split), unaddressable ones (no partner id) are
 *      only counted; the lease is renewed between pages (a lost lease aborts);
 *   5. publish (rename parts, manifest last) and record `succeeded` with files, counts, bytes; the
 *      segdest_export_users gauge shows that run's addressable / unaddressable split.
 * Any failure records `failed` with the error and leaves the watermark where it was (the next iter
 * starts from the last *successful* export), and removes the temp files.
 */
import type { JsonLineLayout } from '../../libs/rendering/index.ts';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../libs/runtime/logger.ts';
import type { DestinationConfig } from '../../libs/schema/index.ts';
import { type Store } from '../../libs/store/index.ts';
import { acquireExportLease, releaseExportLease, renewExportLease } from './store/export-lease.ts';
import {
  finishExport,
  lastSuccessfulExport,
  listExports,
  startExport,
  type ExportRecord,
} from './store/export-history.ts';
import { readWatermark } from './store/read-watermark.ts';
import { streamUsers, type ExportMode } from './store/stream-users.ts';
import { exportFileName, infoFileName, type FileNameParts } from './export-file-name.ts';
import { exportLine } from './export-line.ts';
import type { ExportTarget } from './export-target.ts';
import { infoManifest } from './info-manifest.ts';
import type { S2sDeliveryMetrics } from './metrics.ts';
import { writeExportFiles, type LineChunk } from './write-export-files.ts';

export interface RunExportDeps {
  store: Store;
  metrics: S2sDeliveryMetrics;
  logger: Logger;
  holder: string;
  leaseMs: number;
  pageUsers: number;
  syncCutoff(): number;
  /** The publishing target of a destination (decrypts the SFTP key). */
  target(destination: DestinationConfig, exportKey: string): ExportTarget;
  now?: () => number;
}

export type ExportResult = { kind: 'done'; record: ExportRecord } | { kind: 'busy' } | { kind: 'not_batch' };

/** Asks for the next page while the current one is written (database and file I/O overlap). */
async function* readAhead<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = source.next();
  try {
    for (;;) {
      const result = await next;
      if (result.done === true) return;
      next = source.next();
      next.catch(() => undefined); // surfaces at the next await; never unhandled if we stop early
      yield result.value;
    }
  } finally {
    await source.return(undefined).catch(() => undefined);
  }
}

export async function runExport(
  deps: RunExportDeps,
  destination: DestinationConfig,
  mode: ExportMode,
): Promise<ExportResult> {
  const now = deps.now ?? Date.now;
  const s2s = destination.s2s;
  if (destination.type !== 'S2S' || s2s === null || s2s.batch === null) return { kind: 'not_batch' };
  const batch = s2s.batch;
  const { store } = deps;
  let lease = await acquireExportLease(store, {
    destinationId: destination.id,
    holder: deps.holder,
    ttlMs: deps.leaseMs,
    now: now(),
  });
  if (lease === null) return { kind: 'busy' };
  const started = now();
  const since = mode === 'iter' ? ((await lastSuccessfulExport(store, destination.id))?.watermarkTo ?? 0) : 0;
  const until = await readWatermark(store);
  const historyId = await startExport(store, {
    destinationId: destination.id,
    mode,
    watermarkFrom: since,
    watermarkTo: until,
    now: started,
  });
  const exportKey = `${destination.id}-${historyId}-${randomUUID().slice(0, 8)}`;
  const target = deps.target(destination, exportKey);
  const tempPrefix = `.segdest-${exportKey}-part-`;
  let users = 0;
  let unaddressable = 0;
  try {
    const workDir = await target.prepare();
    const names: FileNameParts = {
      template: batch.fileNameTemplate,
      syncType: target.syncType,
      destinationId: destination.id,
      dpid: s2s.dpid,
      pidAlias: s2s.accountAlias,
      mode,
      timestampMs: started,
      gzip: batch.gzip,
    };
    const lineContext = {
      destinationId: destination.id,
      pidAlias: s2s.accountAlias,
      template: batch.lineTemplate,
      jsonLine: batch.jsonLine === null ? null : (JSON.parse(batch.jsonLine) as JsonLineLayout),
    };
    const renewEveryMs = deps.leaseMs / 3;
    let renewedAt = now();
    const pages = async function* (): AsyncGenerator<LineChunk> {
      const users$ = streamUsers(store, destination.id, mode, since, {
        untilWatermark: until,
        syncCutoff: deps.syncCutoff(),
        pageUsers: deps.pageUsers,
      });
      for await (const page of readAhead(users$)) {
        let text = '';
        let lines = 0;
        for (const user of page) {
          if (user.dpuuid === null) continue;
          text += exportLine(user, lineContext);
          lines += 1;
        }
        users += lines;
        unaddressable += page.length - lines;
        yield { text, lines };
        if (now() - renewedAt >= renewEveryMs) {
          lease = await renewExportLease(store, lease!, deps.leaseMs, now());
          if (lease === null) throw new Error('export lease lost to another instance');
          renewedAt = now();
        }
      }
    };
    const parts = await writeExportFiles(pages(), {
      workDir,
      tempPrefix,
      gzip: batch.gzip,
      splitSizeBytes: batch.splitSizeBytes,
    });
    const split = parts.length > 1;
    const published = parts.map((part, i) => ({
      ...part,
      name: exportFileName(names, split ? i + 1 : null),
    }));
    const infoName = infoFileName(names);
    await target.publish(
      published.map((p) => ({ tempName: p.tempName, finalName: p.name })),
      { name: infoName, content: infoManifest(infoName, published) },
    );
    const lines = published.reduce((sum, p) => sum + p.lines, 0);
    const bytes = published.reduce((sum, p) => sum + p.bytes, 0);
    const finishedAt = now();
    await finishExport(store, historyId, {
      outcome: 'succeeded',
      files: [...published.map((p) => p.name), infoName],
      userCount: users,
      lineCount: lines,
      byteCount: bytes,
      now: finishedAt,
    });
    deps.metrics.exportFinished(destination.id, mode, {
      outcome: 'succeeded',
      seconds: (finishedAt - started) / 1000,
      lines,
      bytes,
      at: finishedAt,
      users: { addressable: users, unaddressable },
    });
  } catch (error) {
    await target.discard(tempPrefix).catch(() => undefined);
    const finishedAt = now();
    await finishExport(store, historyId, {
      outcome: 'failed',
      userCount: users,
      error: error instanceof Error ? error.message : String(error),
      now: finishedAt,
    });
    deps.metrics.exportFinished(destination.id, mode, {
      outcome: 'failed',
      seconds: (finishedAt - started) / 1000,
      lines: 0,
      bytes: 0,
      at: finishedAt,
      users: { addressable: 0, unaddressable: 0 },
    });
    deps.logger.warn({ err: error, destinationId: destination.id, mode }, 'export failed');
  } finally {
    if (lease !== null) await releaseExportLease(store, lease).catch(() => undefined);
  }
  const [record] = (await listExports(store, destination.id, 50)).filter((r) => r.id === historyId);
  return { kind: 'done', record: record! };
}
