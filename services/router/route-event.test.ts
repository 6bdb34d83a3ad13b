import { describe, expect, it } from 'vitest';
import { liveMapping, type LiveMapping } from '../../libs/destinations/live-config.ts';
import type {
  DataExportLabel,
  DestinationConfig,
  QualificationEvent,
  SegmentChange,
} from '../../libs/schema/index.ts';
import {
  cookieDestination,
  mapping,
  s2sDestination,
  urlDestination,
} from '../../test/support/destinations.ts';
import { routeEvent, type RoutingView } from './route-event.ts';

const T = Date.parse('2026-06-15T12:00:00Z');

function viewOf(
  destinations: DestinationConfig[],
  controls: Record<number, DataExportLabel[]> = {},
): RoutingView {
  const bySegment = new Map<number, LiveMapping[]>();
  for (const d of destinations) {
    for (const m of d.mappings) bySegment.set(m.sid, [...(bySegment.get(m.sid) ?? []), liveMapping(d.id, m)]);
  }
  return {
    mappingsForSegment: (sid) => bySegment.get(sid) ?? [],
    destination: (id) => destinations.find((d) => d.id === id),
    prohibitedLabels: (id) => controls[id],
  };
}

function seg(
  sid: number,
  status: SegmentChange['status'] = 'QUALIFIED',
  dataSourceIds: number[] = [],
): SegmentChange {
  return { sid, status, updatedAt: T, dataSourceIds };
}

function event(segments: SegmentChange[], overrides: Partial<QualificationEvent> = {}): QualificationEvent {
  return {
    eventId: 'e1',
    eventTime: T,
    uuid: '1'.repeat(38),
    platform: 'browser',
    region: 9,
    pageProtocol: 'HTTPS',
    realTime: true,
    mcid: null,
    partnerIds: [],
    consent: null,
    optedOut: false,
    segments,
    ...overrides,
  };
}

const ids = (result: ReturnType<typeof routeEvent>) => result.deliveries.map((d) => d.destination.id).sort();
const sids = (result: ReturnType<typeof routeEvent>, id: number) =>
  result.deliveries.find((d) => d.destination.id === id)?.segments.map((s) => s.change.sid);

describe('routeEvent', () => {
  const url = urlDestination(1, [10, 11, 12]);
  const cookie = cookieDestination(2, [10, 20]);
  const s2s = s2sDestination(3, [10, 30]);
  const all = viewOf([url, cookie, s2s]);

  it('fans out to every destination whose mappings cover the event, with the live mapped segments', () => {
    const result = routeEvent(event([seg(10), seg(11, 'ACTIVE'), seg(99)]), all);
    expect(ids(result)).toEqual([1, 2, 3]);
    expect(sids(result, 1)).toEqual([10, 11]);
    expect(result.drop).toBeUndefined();
  });

  it('drops events with no mapped segment as no_mapping', () => {
    expect(routeEvent(event([seg(98), seg(99)]), all)).toEqual({ deliveries: [], drop: 'no_mapping' });
  });

  it('never sends opted-out users, nor GDPR users without consent', () => {
    expect(routeEvent(event([seg(10)], { optedOut: true }), all).drop).toBe('opted_out');
    expect(routeEvent(event([seg(10)], { consent: { gdprApplies: true, tcString: null } }), all).drop).toBe(
      'no_consent',
    );
    expect(
      ids(routeEvent(event([seg(10)], { consent: { gdprApplies: true, tcString: 'CO-x' } }), all)),
    ).toEqual([1, 2, 3]);
    expect(
      ids(routeEvent(event([seg(10)], { consent: { gdprApplies: false, tcString: null } }), all)),
    ).toEqual([1, 2, 3]);
  });

  it('skips paused destinations', () => {
    const view = viewOf([urlDestination(1, [10], { status: 'PAUSED' })]);
    expect(routeEvent(event([seg(10)]), view)).toEqual({ deliveries: [], drop: 'paused' });
  });

  it('skips destinations of another platform', () => {
    const view = viewOf([
      urlDestination(1, [10], { platform: 'IOS' }),
      urlDestination(2, [10], { platform: 'BROWSER' }),
    ]);
    expect(ids(routeEvent(event([seg(10)]), view))).toEqual([2]);
    expect(routeEvent(event([seg(10)], { platform: 'android' }), view).drop).toBe('platform');
    expect(ids(routeEvent(event([seg(10)], { platform: 'ios' }), view))).toEqual([1]);
  });

  it('sends cookie destinations browser events only, whatever their platform (issue 20)', () => {
    const view = viewOf([cookieDestination(1, [10], { platform: 'ALL' }), urlDestination(2, [10])]);
    expect(ids(routeEvent(event([seg(10)]), view))).toEqual([1, 2]);
    expect(ids(routeEvent(event([seg(10)], { platform: 'android' }), view))).toEqual([2]);
    expect(ids(routeEvent(event([seg(10)], { platform: 'ios' }), view))).toEqual([2]);
  });

  it('honours mapping start and end dates (end date inclusive, UTC) at event time', () => {
    const dest = urlDestination(1, [], {
      mappings: [
        mapping(10, { startDate: '2026-06-16' }),
        mapping(11, { startDate: '2026-01-01', endDate: '2026-06-14' }),
        mapping(12, { startDate: '2026-01-01', endDate: '2026-06-15' }),
      ],
    });
    const view = viewOf([dest]);
    expect(routeEvent(event([seg(10), seg(11)]), view).drop).toBe('outside_dates');
    expect(sids(routeEvent(event([seg(10), seg(11), seg(12)]), view), 1)).toEqual([12]);
  });

  it('keeps segments from data sources that prohibit one of the destination labels away from it', () => {
    const labelled = urlDestination(1, [10, 11], { dataExportLabels: ['OFFSITE_TARGETING'] });
    const view = viewOf([labelled, urlDestination(2, [10])], { 500: ['OFFSITE_TARGETING'], 501: ['PII'] });
    const result = routeEvent(event([seg(10, 'QUALIFIED', [500]), seg(11, 'QUALIFIED', [501])]), view);
    expect(sids(result, 1)).toEqual([11]);
    expect(sids(result, 2)).toEqual([10]);
    const blocked = routeEvent(
      event([seg(10, 'QUALIFIED', [501, 500])]),
      viewOf([labelled], { 500: ['OFFSITE_TARGETING'] }),
    );
    expect(blocked).toEqual({ deliveries: [], drop: 'label_conflict' });
  });

  it('fires URL and cookie destinations only for real-time events with a new qualification', () => {
    const view = viewOf([url, cookie]);
    expect(routeEvent(event([seg(10)], { realTime: false }), view).drop).toBe('not_real_time');
    expect(routeEvent(event([seg(10, 'ACTIVE'), seg(11, 'ACTIVE')]), view).drop).toBe('no_new_qualification');
    expect(routeEvent(event([seg(10, 'DISQUALIFIED')]), view).drop).toBe('no_new_qualification');
    // Removed segments are left out of the cookie/URL set.
    const result = routeEvent(event([seg(10, 'DISQUALIFIED'), seg(11), seg(20, 'ACTIVE')]), view);
    expect(sids(result, 1)).toEqual([11]);
    expect(routeEvent(event([seg(20, 'ACTIVE'), seg(10, 'DISQUALIFIED')]), viewOf([cookie])).drop).toBe(
      'no_new_qualification',
    );
  });

  it('sends S2S qualifications and removals whatever the real-time flag, not mere renewals', () => {
    const view = viewOf([s2s]);
    const removal = routeEvent(
      event([seg(10, 'DISQUALIFIED'), seg(30, 'ACTIVE')], { realTime: false }),
      view,
    );
    expect(removal.deliveries[0]?.segments.map((s) => [s.change.sid, s.change.status])).toEqual([
      [10, 'DISQUALIFIED'],
      [30, 'ACTIVE'],
    ]);
    expect(routeEvent(event([seg(10, 'ACTIVE')]), view).drop).toBe('no_change');
  });

  it('reports the most advanced reason when every destination was skipped', () => {
    const view = viewOf([urlDestination(1, [10], { status: 'PAUSED' }), urlDestination(2, [10])]);
    expect(routeEvent(event([seg(10)], { realTime: false }), view).drop).toBe('not_real_time');
  });
});
