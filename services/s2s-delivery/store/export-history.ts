/**
 * The export history of each destination: one row per export attempt, written `running` at start
 * and finished as `succeeded` or `failed`. The watermark of the last successful export is where
 * the next `iter` export starts; a failed export never advances it.
 */
import type { StoreHandle } from '../../../libs/store/open-store.ts';
import type { ExportMode } from './stream-users.ts';

export type ExportOutcome = 'running' | 'succeeded' | 'failed';

export interface ExportRecord {
  id: number;
  destinationId: number;
  mode: ExportMode;
  outcome: ExportOutcome;
  startedAt: number;
  finishedAt: number | null;
  durationMs: number | null;
  files: string[];
  userCount: number;
  lineCount: number;
  byteCount: number;
  watermarkFrom: number;
  watermarkTo: number;
  error: string | null;
}

export interface ExportStart {
  destinationId: number;
  mode: ExportMode;
  watermarkFrom: number;
  watermarkTo: number;
  now?: number;
}

export interface ExportFinish {
  outcome: 'succeeded' | 'failed';
  files?: string[];
  userCount?: number;
  lineCount?: number;
  byteCount?: number;
  error?: string | null;
  now?: number;
}

export async function startExport(store: StoreHandle, start: ExportStart): Promise<number> {
  const row = await store.db
    .insertInto('export_history')
    .values({
      destination_id: start.destinationId,
      mode: start.mode,
      outcome: 'running',
      started_at: start.now ?? Date.now(),
      watermark_from: start.watermarkFrom,
      watermark_to: start.watermarkTo,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function finishExport(store: StoreHandle, id: number, finish: ExportFinish): Promise<void> {
  const now = finish.now ?? Date.now();
  await store.db
    .updateTable('export_history')
    .set((eb) => ({
      outcome: finish.outcome,
      finished_at: now,
      duration_ms: eb(eb.val(now), '-', eb.ref('started_at')),
      files: JSON.stringify(finish.files ?? []),
      user_count: finish.userCount ?? 0,
      line_count: finish.lineCount ?? 0,
      byte_count: finish.byteCount ?? 0,
      error: finish.error ?? null,
    }))
    .where('id', '=', id)
    .execute();
}

/** Newest first. */
export async function listExports(
  store: StoreHandle,
  destinationId: number,
  limit = 50,
): Promise<ExportRecord[]> {
  const rows = await store.db
    .selectFrom('export_history')
    .selectAll()
    .where('destination_id', '=', destinationId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRecord);
}

/** The last successful export of a destination (of one mode, when given), or null. */
export async function lastSuccessfulExport(
  store: StoreHandle,
  destinationId: number,
  mode?: ExportMode,
): Promise<ExportRecord | null> {
  let query = store.db
    .selectFrom('export_history')
    .selectAll()
    .where('destination_id', '=', destinationId)
    .where('outcome', '=', 'succeeded');
  if (mode !== undefined) query = query.where('mode', '=', mode);
  const row = await query.orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row === undefined ? null : toRecord(row);
}

function toRecord(row: {
  id: number;
  destination_id: number;
  mode: string;
  outcome: string;
  started_at: number;
  finished_at: number | null;
  duration_ms: number | null;
  files: string;
  user_count: number;
  line_count: number;
  byte_count: number;
  watermark_from: number;
  watermark_to: number;
  error: string | null;
}): ExportRecord {
  return {
    id: Number(row.id),
    destinationId: row.destination_id,
    mode: row.mode as ExportMode,
    outcome: row.outcome as ExportOutcome,
    startedAt: Number(row.started_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    files: JSON.parse(row.files) as string[],
    userCount: Number(row.user_count),
    lineCount: Number(row.line_count),
    byteCount: Number(row.byte_count),
    watermarkFrom: Number(row.watermark_from),
    watermarkTo: Number(row.watermark_to),
    error: row.error,
  };
}
