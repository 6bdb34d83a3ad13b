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
import { isExportAllowed, type ExportControls } from './is-export-allowed.ts';
import type { LiveMapping } from '../../libs/destinations/live-config.ts';
import type {
  DestinationConfig,
  DestinationPlatform,
  QualificationEvent,
  SegmentChange,
  SegmentMapping,
} from '../../libs/schema/index.ts';

/** The live config the rules read; a data source's export controls as `ExportControls`. */
export interface RoutingView extends ExportControls {
  mappingsForSegment(sid: number): readonly LiveMapping[];
  destination(id: number): DestinationConfig | undefined;
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

  // Hot path (tens of thousands of events/s): plain loops, no per-segment closures.
  let candidates: Map<number, Candidate[]> | undefined;
  for (const change of event.segments) {
    const mappings = view.mappingsForSegment(change.sid);
    for (let i = 0; i < mappings.length; i++) {
      const live = mappings[i]!;
      candidates ??= new Map();
      const list = candidates.get(live.destinationId);
      if (list) list.push({ change, live });
      else candidates.set(live.destinationId, [{ change, live }]);
    }
  }
  if (candidates === undefined) return { deliveries: [], drop: 'no_mapping' };

  const deliveries: RoutedDelivery[] = [];
  let furthest = NO_MAPPING;
  const platform = PLATFORM_OF[event.platform];
  for (const [destinationId, hits] of candidates) {
    const destination = view.destination(destinationId);
    if (destination === undefined) continue;
    const skipped = skipReason(event, destination, platform, hits, view);
    if (typeof skipped === 'number') {
      if (skipped > furthest) furthest = skipped;
      continue;
    }
    deliveries.push({ destination, segments: skipped });
  }
  if (deliveries.length > 0) return { deliveries };
  return { deliveries, drop: DROP_REASONS[furthest] };
}

interface Candidate {
  change: SegmentChange;
  live: LiveMapping;
}

const reason = (r: DropReason) => DROP_REASONS.indexOf(r);
const NO_MAPPING = reason('no_mapping');
const PAUSED = reason('paused');
const PLATFORM = reason('platform');
const OUTSIDE_DATES = reason('outside_dates');
const LABEL_CONFLICT = reason('label_conflict');
const NOT_REAL_TIME = reason('not_real_time');
const NO_NEW_QUALIFICATION = reason('no_new_qualification');
const NO_CHANGE = reason('no_change');

/** The segments to deliver to one destination, or the index of the rule that stopped it. */
function skipReason(
  event: QualificationEvent,
  destination: DestinationConfig,
  platform: DestinationPlatform | undefined,
  hits: Candidate[],
  view: RoutingView,
): RoutedSegment[] | number {
  if (destination.status !== 'ACTIVE') return PAUSED;
  if (destination.platform !== 'ALL' && destination.platform !== platform) return PLATFORM;
  // cookies exist in browsers only: an app event never reaches a cookie destination
  if (destination.type === 'COOKIE' && platform !== 'BROWSER') return PLATFORM;
  const segments: RoutedSegment[] = [];
  let live = 0;
  let newlyQualified = false;
  let changed = false;
  for (const { change, live: mapping } of hits) {
    if (event.eventTime < mapping.startMs || event.eventTime >= mapping.endMs) continue;
    live += 1;
    if (!isExportAllowed(destination.dataExportLabels, change.dataSourceIds, view)) continue;
    if (change.status === 'QUALIFIED') newlyQualified = true;
    if (change.status !== 'ACTIVE') changed = true;
    segments.push({ change, mapping: mapping.mapping });
  }
  if (live === 0) return OUTSIDE_DATES;
  if (segments.length === 0) return LABEL_CONFLICT;
  if (destination.type === 'S2S') return changed ? segments : NO_CHANGE;
  if (!event.realTime) return NOT_REAL_TIME;
  if (!newlyQualified) return NO_NEW_QUALIFICATION;
  // URL and cookie: the user's current live mapped set; removed segments are left out.
  return changed ? segments.filter((s) => s.change.status !== 'DISQUALIFIED') : segments;
}
