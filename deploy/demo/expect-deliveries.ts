/**
 * The demo's oracle (pure): what the partner must receive for a stream of qualification events and
 * the destinations created, written from SPEC §3-§6 independently of the router and the renderers,
 * for the settings the demo uses (mappings live from their start date without end date):
 *   - opted-out users and GDPR users without a consent string get nothing;
 *   - a destination takes the event's segments it maps, on its platform, minus segments from a data
 *     source that prohibits one of its labels; a cookie destination takes browser events only
 *     (cookies exist in browsers), whatever its platform;
 *   - URL / cookie: only real-time events with a newly QUALIFIED such segment; serialized URL = one
 *     call with every non-removed such value joined by the delimiter; per segment = one call per
 *     newly qualified segment; cookie = the latest such delivery per user rebuilt from its segments;
 *   - S2S: any QUALIFIED or DISQUALIFIED such segment; state per user, latest updatedAt wins.
 * %rnd% is a 9-digit random number, so URLs are compared with it masked as `rnd=#`.
 */
import type {
  CookieSettings,
  DataExportLabel,
  DestinationPlatform,
  DestinationType,
  QualificationEvent,
  SegmentChange,
  SegmentMapping,
  UrlSettings,
} from '../../libs/schema/index.ts';

export interface OracleDestination {
  id: number;
  type: DestinationType;
  status: 'ACTIVE' | 'PAUSED';
  platform: DestinationPlatform;
  dataExportLabels: DataExportLabel[];
  mappings: SegmentMapping[];
  url: UrlSettings | null;
  cookie: CookieSettings | null;
  s2s: { dpid: number } | null;
}

export interface ExpectedCall {
  destinationId: number;
  deliveryId: string;
  /** `http` or `https`: the sink listener the call must arrive on. */
  scheme: 'http' | 'https';
  /** Path and query with `rnd=<9 digits>` replaced by `rnd=#`. */
  path: string;
}

export interface S2sMembership {
  member: boolean;
  updatedAt: number;
}

export interface Expectations {
  /** Delivery records the router must write, per destination id. */
  routed: Map<number, number>;
  calls: ExpectedCall[];
  /** uuid -> destination id -> cookie value. */
  cookies: Map<string, Map<number, string>>;
  /** destination id -> uuid -> mapping value -> membership (latest updatedAt wins). */
  s2sState: Map<number, Map<string, Map<string, S2sMembership>>>;
  /** Users dropped before any destination: opted out or GDPR without consent. */
  dropped: { optedOut: number; noConsent: number };
}

const PLATFORM: Record<string, DestinationPlatform> = { browser: 'BROWSER', android: 'ANDROID', ios: 'IOS' };

export function maskRnd(path: string): string {
  return path.replace(/([?&]rnd=)\d{9}(?=&|$)/i, '$1#');
}

export function expectDeliveries(
  events: readonly QualificationEvent[],
  destinations: readonly OracleDestination[],
  prohibited: ReadonlyMap<number, readonly DataExportLabel[]>,
): Expectations {
  const out: Expectations = {
    routed: new Map(destinations.map((d) => [d.id, 0])),
    calls: [],
    cookies: new Map(),
    s2sState: new Map(destinations.filter((d) => d.type === 'S2S').map((d) => [d.id, new Map()])),
    dropped: { optedOut: 0, noConsent: 0 },
  };
  const latestCookie = new Map<string, number>();
  for (const event of events) {
    if (event.optedOut) {
      out.dropped.optedOut += 1;
      continue;
    }
    if (event.consent?.gdprApplies && !event.consent.tcString) {
      out.dropped.noConsent += 1;
      continue;
    }
    for (const destination of destinations) {
      if (destination.status !== 'ACTIVE') continue;
      if (destination.platform !== 'ALL' && destination.platform !== PLATFORM[event.platform]) continue;
      if (destination.type === 'COOKIE' && event.platform !== 'browser') continue;
      const hits = mappedSegments(event, destination, prohibited);
      if (hits.length === 0) continue;
      if (destination.type === 'S2S') {
        if (hits.every((h) => h.change.status === 'ACTIVE')) continue;
        bump(out.routed, destination.id);
        applyS2s(out.s2sState.get(destination.id)!, event.uuid, hits);
        continue;
      }
      if (!event.realTime || !hits.some((h) => h.change.status === 'QUALIFIED')) continue;
      bump(out.routed, destination.id);
      const live = hits.filter((h) => h.change.status !== 'DISQUALIFIED');
      if (destination.type === 'URL') out.calls.push(...urlCalls(event, destination, live));
      else {
        const key = `${event.uuid}|${destination.id}`;
        if ((latestCookie.get(key) ?? -1) > event.eventTime) continue;
        latestCookie.set(key, event.eventTime);
        const byDestination = out.cookies.get(event.uuid) ?? new Map<number, string>();
        byDestination.set(
          destination.id,
          cookieText(
            destination.cookie!,
            live.map((h) => h.mapping),
          ),
        );
        out.cookies.set(event.uuid, byDestination);
      }
    }
  }
  return out;
}

interface Hit {
  change: SegmentChange;
  mapping: SegmentMapping;
}

function mappedSegments(
  event: QualificationEvent,
  destination: OracleDestination,
  prohibited: ReadonlyMap<number, readonly DataExportLabel[]>,
): Hit[] {
  const bySid = new Map(destination.mappings.map((m) => [m.sid, m]));
  const hits: Hit[] = [];
  for (const change of event.segments) {
    const mapping = bySid.get(change.sid);
    if (!mapping || event.eventTime < Date.parse(`${mapping.startDate}T00:00:00Z`)) continue;
    if (mapping.endDate !== null) throw new Error('the oracle supports open-ended mappings only');
    const blocked = change.dataSourceIds.some((source) =>
      (prohibited.get(source) ?? []).some((label) => destination.dataExportLabels.includes(label)),
    );
    if (!blocked) hits.push({ change, mapping });
  }
  return hits;
}

function urlCalls(event: QualificationEvent, destination: OracleDestination, live: Hit[]): ExpectedCall[] {
  const settings = destination.url!;
  const scheme = event.pageProtocol === 'HTTP' ? 'http' : 'https';
  const deliveryId = `${event.eventId}:${destination.id}`;
  const render = (template: string, alias: string): ExpectedCall => {
    const url = template
      .replace(/%alias%/gi, alias)
      .replace(/%did%/gi, encodeURIComponent(event.uuid))
      .replace(/%http_proto%/gi, scheme)
      .replace(/\$\{GDPR\}/gi, event.consent?.gdprApplies ? '1' : '0')
      .replace(/%rnd%/gi, '#');
    const parsed = new URL(url.replace('rnd=#', 'rnd=000000000'));
    return {
      destinationId: destination.id,
      deliveryId,
      scheme: parsed.protocol === 'https:' ? 'https' : 'http',
      path: maskRnd(`${parsed.pathname}${parsed.search}`),
    };
  };
  const template = (base: string | null, secure: string | null) =>
    (scheme === 'http' ? (base ?? secure) : (secure ?? base)) as string;
  if (settings.serialize) {
    const alias = live.map((h) => aliasValue(h.mapping.value, settings.delimiter)).join(settings.delimiter);
    return [render(template(settings.baseUrl, settings.secureUrl), alias)];
  }
  return live
    .filter((h) => h.change.status === 'QUALIFIED')
    .map((h) =>
      render(
        template(h.mapping.url ?? settings.baseUrl, h.mapping.secureUrl ?? settings.secureUrl),
        aliasValue(h.mapping.value, settings.delimiter),
      ),
    );
}

/** Mapping values are URL-encoded except the query-safe `= : @ , ; /`, and always the delimiter. */
function aliasValue(value: string, delimiter: string): string {
  return [...value]
    .map((char) => {
      if ('=:@,;/'.includes(char) && char !== delimiter) return char;
      return encodeURIComponent(char).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      );
    })
    .join('');
}

/** SPEC §3 cookie formats: standard `x=1&x=2&y=3`, serialized `x=1,2&y=3` (no size cap reached here). */
function cookieText(settings: CookieSettings, mappings: SegmentMapping[]): string {
  const enc = encodeURIComponent;
  const pairs = mappings.map((m) => ({
    key:
      settings.dataFormat === 'SINGLE_KEY' ? (settings.key as string) : (m.key ?? (settings.key as string)),
    value: m.value,
  }));
  if (!settings.serialize) {
    return pairs
      .map((p) => `${enc(p.key)}${settings.keySeparator}${enc(p.value)}`)
      .join(settings.pairSeparator);
  }
  const byKey = new Map<string, string[]>();
  for (const p of pairs) byKey.set(p.key, [...(byKey.get(p.key) ?? []), enc(p.value)]);
  return [...byKey]
    .map(([key, values]) => `${enc(key)}${settings.keySeparator}${values.join(settings.serialSeparator)}`)
    .join(settings.pairSeparator);
}

function applyS2s(state: Map<string, Map<string, S2sMembership>>, uuid: string, hits: Hit[]): void {
  const user = state.get(uuid) ?? new Map<string, S2sMembership>();
  for (const { change, mapping } of hits) {
    const known = user.get(mapping.value);
    if (known && known.updatedAt > change.updatedAt) continue;
    user.set(mapping.value, { member: change.status !== 'DISQUALIFIED', updatedAt: change.updatedAt });
  }
  state.set(uuid, user);
}

function bump(map: Map<number, number>, key: number): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
