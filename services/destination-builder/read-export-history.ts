/**
 * Reads the export history of one destination from the s2s-delivery service's export API
 * (`GET {EXPORT_HISTORY_URL}/v1/destinations/{id}/exports?limit=`: one record per run, newest
 * first), read-only and with a short timeout. Not configured, not answering or unknown to it: the
 * answer says so instead of failing, so the UI degrades to the metrics figures. The exporter's
 * bearer token (EXPORT_HISTORY_TOKEN) is sent when configured.
 */
export interface ExportHistory {
  available: boolean;
  error?: string;
  exports: unknown[];
}

export async function readExportHistory(
  baseUrl: string,
  destinationId: number,
  limit: number,
  token = '',
  timeoutMs = 2000,
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
    return { available: true, exports: Array.isArray(body.exports) ? body.exports : [] };
  } catch (error) {
    return { available: false, error: (error as Error).message, exports: [] };
  }
}
