/**
 * Reads the export history of one destination from the s2s-delivery service's export API
 * (`GET {EXPORT_HISTORY_URL}/v1/destinations/{id}/exports?limit=`: one record per run, newest
 * first), read-only and with a short timeout. Not configured, not answering, unknown to it or
 * answering records that are not export runs (libs/schema/export-run.ts): the answer says so
 * instead of failing, so the UI degrades to the metrics figures. The exporter's bearer token
 * (EXPORT_HISTORY_TOKEN) is sent when configured.
 */
import { ExportRunSchema, type ExportRun } from '../../libs/schema/export-run.ts';

const FIELDS = Object.keys(ExportRunSchema.properties) as (keyof ExportRun)[];
const knownFields = (run: ExportRun) => Object.fromEntries(FIELDS.map((f) => [f, run[f]])) as ExportRun;

export interface ExportHistory {
  available: boolean;
  error?: string;
  exports: ExportRun[];
}

export interface ReadOptions {
  /** The exporter's bearer token; empty = none. */
  token?: string;
  timeoutMs?: number;
  /**
   * Whether a record is an export run (the caller's JSON Schema validator, tolerant of fields a
   * newer exporter adds: those are dropped, the run is kept).
   */
  isRun: (record: unknown) => boolean;
}

export async function readExportHistory(
  baseUrl: string,
  destinationId: number,
  limit: number,
  { token = '', timeoutMs = 2000, isRun }: ReadOptions,
): Promise<ExportHistory> {
  if (baseUrl === '') return { available: false, error: 'EXPORT_HISTORY_URL is not set', exports: [] };
  const url = `${baseUrl.replace(/\/+$/, '')}/v1/destinations/${destinationId}/exports?limit=${limit}`;
  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: token === '' ? {} : { authorization: `Bearer ${token}` },
    });
    if (response.status === 404) return { available: true, exports: [] };
    if (!response.ok) return { available: false, error: `HTTP ${response.status}`, exports: [] };
    const body = (await response.json()) as { exports?: unknown };
    const exports: unknown[] = Array.isArray(body.exports) ? body.exports : [];
    const bad = exports.findIndex((run) => !isRun(run));
    if (bad >= 0)
      return { available: false, error: `the exporter's record ${bad} is not an export run`, exports: [] };
    return { available: true, exports: (exports as ExportRun[]).map(knownFields) };
  } catch (error) {
    return { available: false, error: (error as Error).message, exports: [] };
  }
}
