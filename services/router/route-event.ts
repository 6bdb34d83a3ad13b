/**
 * The routing rules (SPEC §5, §6), pure: which destinations get a delivery for one event, with
 * which segments, or why nothing is sent.
 *   - opted-out users and GDPR users without a consent string get nothing;
 *   - candidates come from the segment index (cost grows with the event's segments);
 *   - per destination: active status, platform, mapping dates (at event time), data export labels
 *     vs the segment's contributing data sources;
 *   - URL and cookie: only real-time events, only when a live mapped segment is newly qualified;
 *     the delivery carries all the user's live mapped segments (removed ones are left out);
 *   - S2S: any qualification or removal of a mapped segment sends the user's current mapped set
 *     plus the removals; an event that only repeats memberships (ACTIVE) sends nothing.
 */
import type { LiveMapping } from '../../libs/destinations/live-config.ts';
import type {
  DataExportLabel,
  DestinationConfig,
  DestinationPlatform,
  QualificationEvent,
  SegmentChange,
  SegmentMapping,
} from '../../libs/schema/index.ts';

export interface RoutingView {
  mappingsForSegment(sid: number): readonly LiveMapping[];
  destination(id: number): DestinationConfig | undefined;
  /** Data export controls (prohibited labels) of a data source; undefined = none. */
  prohibitedLabels(dataSourceId: number): readonly DataExportLabel[] | undefined;
}

/** Why an event produced nothing, in the order the rules apply (later = got further). */
export const DROP_REASONS = [
  'opted_out',
  'no_consent',
  'no_mapping',
  'paused',
  'platform',
  'outside_dates',
  'label_conflict',
  'not_real_time',
  'no_new_qualification',
  'no_change',
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

export interface RoutedSegment {
  change: SegmentChange;
  mapping: SegmentMapping;
}

export interface RoutedDelivery {
  destination: DestinationConfig;
  segments: RoutedSegment[];
}

export interface RoutingResult {
  deliveries: RoutedDelivery[];
  /** Set when deliveries is empty. */
  drop?: DropReason;
}

const PLATFORM_OF: Record<string, DestinationPlatform> = {
  browser: 'BROWSER',
  android: 'ANDROID',
  ios: 'IOS',
};

export function routeEvent(event: QualificationEvent, view: RoutingView): RoutingResult {
  if (event.optedOut) return { deliveries: [], drop: 'opted_out' };
  if (event.consent?.gdprApplies && !event.consent.tcString) return { deliveries: [], drop: 'no_consent' };

  const candidates = new Map<number, { change: SegmentChange; live: LiveMapping }[]>();
  for (const change of event.segments) {
    for (const live of view.mappingsForSegment(change.sid)) {
      const list = candidates.get(live.destinationId);
      if (list) list.push({ change, live });
      else candidates.set(live.destinationId, [{ change, live }]);
    }
  }
  if (candidates.size === 0) return { deliveries: [], drop: 'no_mapping' };

  const deliveries: RoutedDelivery[] = [];
  let furthest = -1;
  const skip = (reason: DropReason) => {
    furthest = Math.max(furthest, DROP_REASONS.indexOf(reason));
  };
  const platform = PLATFORM_OF[event.platform];
  for (const [destinationId, hits] of candidates) {
    const destination = view.destination(destinationId);
    if (destination === undefined) continue;
    if (destination.status !== 'ACTIVE') {
      skip('paused');
      continue;
    }
    if (destination.platform !== 'ALL' && destination.platform !== platform) {
      skip('platform');
      continue;
    }
    const live = hits.filter((h) => event.eventTime >= h.live.startMs && event.eventTime < h.live.endMs);
    if (live.length === 0) {
      skip('outside_dates');
      continue;
    }
    const allowed = live.filter((h) =>
      exportAllowed(destination.dataExportLabels, h.change.dataSourceIds, view),
    );
    if (allowed.length === 0) {
      skip('label_conflict');
      continue;
    }
    const segments = allowed.map((h) => ({ change: h.change, mapping: h.live.mapping }));
    if (destination.type === 'S2S') {
      if (!segments.some((s) => s.change.status !== 'ACTIVE')) {
        skip('no_change');
        continue;
      }
      deliveries.push({ destination, segments });
      continue;
    }
    if (!event.realTime) {
      skip('not_real_time');
      continue;
    }
    if (!segments.some((s) => s.change.status === 'QUALIFIED')) {
      skip('no_new_qualification');
      continue;
    }
    deliveries.push({ destination, segments: segments.filter((s) => s.change.status !== 'DISQUALIFIED') });
  }
  if (deliveries.length > 0) return { deliveries };
  return { deliveries, drop: DROP_REASONS[Math.max(furthest, DROP_REASONS.indexOf('no_mapping'))] };
}

function exportAllowed(
  labels: readonly DataExportLabel[],
  sources: readonly number[],
  view: RoutingView,
): boolean {
  if (labels.length === 0 || sources.length === 0) return true;
  for (const source of sources) {
    const prohibited = view.prohibitedLabels(source);
    if (prohibited !== undefined && prohibited.some((label) => labels.includes(label))) return false;
  }
  return true;
}
