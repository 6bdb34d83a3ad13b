/**
 * What to send for one url delivery request (pure). The router's request carries the user's live
 * mapped segments (values, and per-mapping templates when not serialized); the destination config
 * carries serialize, templates and delimiter. A retry carries the segment ids of the call that
 * failed, and only that call is rebuilt (freshly rendered: new %rnd% and %timestamp%).
 * Paused destinations and non-URL types produce nothing (SPEC §5).
 */
import { buildUrlCalls, type UrlCalls } from '../../libs/rendering/index.ts';
import type { DestinationConfig, UrlDeliveryRequest } from '../../libs/schema/index.ts';

export type BuiltRequest =
  | { kind: 'calls'; calls: UrlCalls['calls']; failures: UrlCalls['failures'] }
  | { kind: 'skip'; reason: 'paused' | 'not_url' }
  | { kind: 'unknown_destination' };

export interface BuildOptions {
  nowMs: number;
  random: () => number;
  maxUrlBytes: number;
  /** Retry: only the segments of the failed call. */
  onlySids?: number[];
}

export function buildRequest(
  request: UrlDeliveryRequest,
  destination: DestinationConfig | undefined,
  options: BuildOptions,
): BuiltRequest {
  if (!destination) return { kind: 'unknown_destination' };
  if (destination.type !== 'URL' || destination.url === null) return { kind: 'skip', reason: 'not_url' };
  if (destination.status !== 'ACTIVE') return { kind: 'skip', reason: 'paused' };
  const only = options.onlySids ? new Set(options.onlySids) : null;
  const segments = only ? request.segments.filter((s) => only.has(s.sid)) : request.segments;
  const { calls, failures } = buildUrlCalls({
    settings: destination.url,
    segments,
    maxUrlBytes: options.maxUrlBytes,
    context: {
      uuid: request.uuid,
      mcid: request.mcid,
      partnerIds: request.partnerIds,
      region: request.region,
      pageProtocol: request.pageProtocol,
      gdprApplies: request.gdprApplies,
      tcString: request.tcString,
      nowMs: options.nowMs,
      random: options.random,
    },
  });
  return { kind: 'calls', calls, failures };
}
