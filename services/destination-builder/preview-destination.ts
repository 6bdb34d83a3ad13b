/**
 * What a destination would send for a sample qualification event, without sending anything
 * (SPEC §5 rules, rendered with libs/rendering): the pixel URL(s), the cookie value, or the
 * real-time S2S JSON message. Uses the live mapped segments of the destination at `atMs` that the
 * event has the user in (QUALIFIED or ACTIVE; DISQUALIFIED ones are removals, for S2S only).
 * `notes` say why a real delivery would not happen (paused, another platform, an app event for a
 * cookie, not real-time, no new qualification, no partner id, consent, opt-out). Secrets are not used: auth is applied at send time.
 */
import { buildUrlCalls, cookieValue, s2sMessage } from '../../libs/rendering/index.ts';
import type { DestinationConfig, QualificationEvent, SegmentMapping } from '../../libs/schema/types.ts';

export interface PreviewInput {
  destination: DestinationConfig;
  event: QualificationEvent;
  atMs: number;
  random?: () => number;
}

const DAY_MS = 86_400_000;

function isLive(mapping: SegmentMapping, atMs: number): boolean {
  const start = Date.parse(`${mapping.startDate}T00:00:00Z`);
  const end = mapping.endDate === null ? Infinity : Date.parse(`${mapping.endDate}T00:00:00Z`) + DAY_MS;
  return atMs >= start && atMs < end;
}

export function previewDestination({ destination: d, event, atMs, random = Math.random }: PreviewInput) {
  const notes: string[] = [];
  if (d.status === 'PAUSED') notes.push('the destination is paused: nothing would be sent');
  if (event.optedOut) notes.push('the user opted out: nothing would be sent');
  const platform = event.platform.toUpperCase();
  if (d.platform !== 'ALL' && d.platform !== platform)
    notes.push(
      `the destination takes ${d.platform} events only: this ${event.platform} event would not be sent`,
    );
  else if (d.type === 'COOKIE' && platform !== 'BROWSER')
    notes.push(`cookies exist in browsers only: this ${event.platform} event would not be sent`);
  if (event.consent?.gdprApplies === true && !event.consent.tcString)
    notes.push('GDPR applies without consent: nothing would be sent');
  const live = new Map(d.mappings.filter((m) => isLive(m, atMs)).map((m) => [m.sid, m]));
  const members = event.segments.filter((s) => s.status !== 'DISQUALIFIED' && live.has(s.sid));
  const removals = event.segments.filter((s) => s.status === 'DISQUALIFIED' && live.has(s.sid));
  const unmapped = event.segments.filter((s) => !live.has(s.sid)).map((s) => s.sid);
  if (unmapped.length > 0)
    notes.push(`segments not mapped or not live on this date are never sent: ${unmapped.join(', ')}`);
  const newlyQualified = members.some((s) => s.status === 'QUALIFIED');

  if (d.type === 'URL' || d.type === 'COOKIE') {
    if (!event.realTime) notes.push('URL and cookie destinations fire only for real-time events');
    if (!newlyQualified) notes.push('no newly qualified mapped segment: a real event would not fire');
  }
  if (d.type === 'URL' && d.url !== null) {
    const { calls, failures } = buildUrlCalls({
      settings: d.url,
      segments: members.map((s) => {
        const m = live.get(s.sid) as SegmentMapping;
        return {
          sid: s.sid,
          value: m.value,
          newlyQualified: s.status === 'QUALIFIED',
          url: m.url,
          secureUrl: m.secureUrl,
        };
      }),
      context: {
        uuid: event.uuid,
        mcid: event.mcid,
        partnerIds: event.partnerIds,
        region: event.region,
        pageProtocol: event.pageProtocol,
        gdprApplies: event.consent?.gdprApplies ?? false,
        tcString: event.consent?.tcString ?? null,
        nowMs: atMs,
        random,
      },
    });
    return {
      type: d.type,
      notes,
      urls: calls,
      failures: failures.map((f) => ({ sids: f.sids, message: f.error.message })),
      referrerPolicy: d.url.referrerPolicy,
    };
  }
  if (d.type === 'COOKIE' && d.cookie !== null) {
    const rendered = cookieValue(
      d.cookie,
      members.map((s) => {
        const m = live.get(s.sid) as SegmentMapping;
        return { sid: s.sid, value: m.value, key: m.key, priority: m.priority };
      }),
    );
    return {
      type: d.type,
      notes,
      cookie: {
        name: d.cookie.name,
        value: rendered.value,
        domain: d.cookie.domain ?? '',
        ttlDays: d.cookie.ttlDays,
      },
      included: rendered.included,
      dropped: rendered.dropped,
    };
  }
  const s2s = d.s2s as NonNullable<DestinationConfig['s2s']>;
  const partnerId = event.partnerIds.find((p) => p.dpid === s2s.dpid)?.id;
  if (partnerId === undefined)
    notes.push(
      `no partner id in namespace ${s2s.dpid}: the user is unaddressable until an ID sync arrives (the sample's partner ids stand in for ID syncs; real deliveries read the id-syncs topic)`,
    );
  const message = s2sMessage({
    destinationId: d.id,
    dpid: s2s.dpid,
    clientId: s2s.accountAlias,
    processTimeMs: atMs,
    users: [
      {
        uuid: event.uuid,
        partnerUserId: partnerId ?? '',
        regions: event.region === null ? [] : [event.region],
        segments: [...members, ...removals].map((s) => ({
          value: (live.get(s.sid) as SegmentMapping).value,
          member: s.status !== 'DISQUALIFIED',
          updatedAt: s.updatedAt,
        })),
      },
    ],
  });
  return { type: d.type, notes, message, line: JSON.stringify(message) };
}
