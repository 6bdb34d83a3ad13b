/**
 * Reads the Prometheus /metrics endpoints of the delivery services named in the config
 * (`DELIVERY_METRICS_URLS`), each with a short timeout, and keeps going when one does not answer:
 * the caller gets every sample read plus, per source, whether it answered.
 */
import { parseExposition, type Sample } from '../../libs/metrics/index.ts';

export interface SourceStatus {
  url: string;
  ok: boolean;
  error?: string;
}

export async function readMetricsSources(
  urls: readonly string[],
  timeoutMs = 2000,
): Promise<{ samples: Sample[]; sources: SourceStatus[] }> {
  const results = await Promise.all(
    urls.map(async (url): Promise<{ samples: Sample[]; source: SourceStatus }> => {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
        if (!response.ok)
          return { samples: [], source: { url, ok: false, error: `HTTP ${response.status}` } };
        return { samples: parseExposition(await response.text()), source: { url, ok: true } };
      } catch (error) {
        return { samples: [], source: { url, ok: false, error: (error as Error).message } };
      }
    }),
  );
  return { samples: results.flatMap((r) => r.samples), sources: results.map((r) => r.source) };
}
