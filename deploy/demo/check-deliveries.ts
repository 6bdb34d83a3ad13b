/**
 * Compares what the partner sink, the cookie edge endpoint, the dead-letter topic, the export
 * directory and the router's metrics show with the oracle (expect-deliveries.ts): pass or fail,
 * with the first difference as detail.
 */
import type { Expectations, ExpectedCall } from './expect-deliveries.ts';
import { maskRnd } from './expect-deliveries.ts';
import type { PixelHit, S2sPost } from './partner-sink.ts';
import type { ExportReport } from './verify-exports.ts';

export interface Check {
  name: string;
  status: 'pass' | 'fail';
  detail: string;
}

export interface Observed {
  /** Delivery records per destination id (router metrics). */
  routed: Map<number, number>;
  pixels: PixelHit[];
  /**
   * Pixel calls url-delivery retried because their answer never came (timeout, connection lost):
   * the partner may have received them, so each may reach it twice (at-least-once, documented).
   */
  pixelRetriesWithoutAnswer: number;
  /** uuid -> destination id -> cookie value, as the edge endpoint returns them. */
  cookies: Map<string, Map<number, string>>;
  cookieUuidsRead: number;
  deadLetters: Map<string, number>;
  expectedDeadLetters: Map<string, number>;
  s2sPosts: S2sPost[];
  tokenRequests: { granted: boolean }[];
  exports: ExportReport;
}

export interface CheckContext {
  names: Map<number, string>;
  s2sRealTimeId: number;
  s2sBatchId: number;
  partnerDpid: number;
  idSyncs: ReadonlyMap<string, string>;
}

export function checkDeliveries(expected: Expectations, observed: Observed, context: CheckContext): Check[] {
  return [
    checkRouted(expected, observed, context),
    checkPixels(expected.calls, observed.pixels, observed.pixelRetriesWithoutAnswer),
    checkCookies(expected, observed),
    checkDeadLetters(observed),
    checkS2sRealTime(
      expected,
      { s2sPosts: observed.s2sPosts, tokenRequests: observed.tokenRequests },
      context,
    ),
    checkExports(observed.exports),
  ];
}

function checkRouted(expected: Expectations, observed: Observed, context: CheckContext): Check {
  const wrong = [...expected.routed].filter(([id, count]) => (observed.routed.get(id) ?? 0) !== count);
  const extra = [...observed.routed].filter(([id]) => !expected.routed.has(id));
  const bad = [...wrong, ...extra];
  return {
    name: 'router delivery records per destination',
    status: bad.length === 0 ? 'pass' : 'fail',
    detail:
      bad.length === 0
        ? [...expected.routed].map(([id, n]) => `${context.names.get(id) ?? id}: ${n}`).join(', ')
        : bad
            .map(
              ([id, n]) =>
                `destination ${id}: expected ${expected.routed.get(id) ?? 0}, got ${observed.routed.get(id) ?? n}`,
            )
            .join('; '),
  };
}

const callKey = (c: { scheme: string; path: string; deliveryId: string }) =>
  `${c.deliveryId} ${c.scheme}://${c.path}`;

function checkPixels(expected: ExpectedCall[], pixels: PixelHit[], unanswered: number): Check {
  const want = new Map<string, number>();
  for (const call of expected) want.set(callKey(call), (want.get(callKey(call)) ?? 0) + 1);
  const got = new Map<string, number>();
  for (const hit of pixels) {
    const key = callKey({ ...hit, path: maskRnd(hit.path) });
    got.set(key, (got.get(key) ?? 0) + 1);
  }
  const missing: string[] = [];
  const unexpected: string[] = [];
  let duplicates = 0;
  for (const [key, n] of want) {
    const m = got.get(key) ?? 0;
    if (m < n) missing.push(key);
    else if (m > n) duplicates += m - n;
  }
  for (const key of got.keys()) if (!want.has(key)) unexpected.push(key);
  // A duplicate is allowed only where url-delivery retried a call whose answer it never got.
  const ok = missing.length === 0 && unexpected.length === 0 && duplicates <= unanswered;
  const dups =
    duplicates === 0
      ? 'no duplicates'
      : `${duplicates} duplicates (${unanswered} calls retried after their answer was lost)`;
  return {
    name: 'URL pixels at the partner, exactly as rendered from the templates',
    status: ok ? 'pass' : 'fail',
    detail: ok
      ? `${expected.length} calls, none missing, none unexpected, ${dups}`
      : `${missing.length} missing (e.g. ${missing[0] ?? '-'}), ${unexpected.length} unexpected (e.g. ${unexpected[0] ?? '-'}), ${dups}`,
  };
}

function checkCookies(expected: Expectations, observed: Observed): Check {
  const problems: string[] = [];
  let compared = 0;
  for (const [uuid, got] of observed.cookies) {
    const want = expected.cookies.get(uuid) ?? new Map<number, string>();
    for (const id of new Set([...want.keys(), ...got.keys()])) {
      compared += 1;
      if (want.get(id) !== got.get(id)) {
        problems.push(
          `${uuid} destination ${id}: expected ${want.get(id) ?? '(none)'}, got ${got.get(id) ?? '(none)'}`,
        );
      }
    }
  }
  const expectedUsers = [...expected.cookies.keys()].filter((uuid) => !observed.cookies.has(uuid));
  if (observed.cookieUuidsRead === 0 || expectedUsers.length > 0) {
    problems.push(`${expectedUsers.length} users with an expected cookie were not read`);
  }
  return {
    name: 'cookie values served by the edge endpoint',
    status: problems.length === 0 ? 'pass' : 'fail',
    detail:
      problems.length === 0
        ? `${compared} cookies of ${observed.cookieUuidsRead} users match`
        : `${problems.length} mismatches, e.g. ${problems[0]}`,
  };
}

function checkDeadLetters(observed: Observed): Check {
  const reasons = new Set([...observed.deadLetters.keys(), ...observed.expectedDeadLetters.keys()]);
  const wrong = [...reasons].filter(
    (r) => (observed.deadLetters.get(r) ?? 0) !== (observed.expectedDeadLetters.get(r) ?? 0),
  );
  return {
    name: 'bad records dead-lettered with their reason, nothing else',
    status: wrong.length === 0 ? 'pass' : 'fail',
    detail: [...reasons]
      .map((r) => `${r}: ${observed.deadLetters.get(r) ?? 0}/${observed.expectedDeadLetters.get(r) ?? 0}`)
      .join(', '),
  };
}

export function checkS2sRealTime(
  expected: Expectations,
  observed: Pick<Observed, 's2sPosts' | 'tokenRequests'>,
  context: CheckContext,
): Check {
  const name = 'S2S real-time JSON at the partner (OAuth2), last message per user = its final state';
  const state = expected.s2sState.get(context.s2sRealTimeId) ?? new Map();
  const problems: string[] = [];
  const last = new Map<string, Map<string, number>>();
  for (const post of observed.s2sPosts) {
    if (!post.authorized) problems.push(`unauthorized POST ${post.deliveryId}`);
    const body = post.body as { User_DPID?: number; Users?: S2sUser[] };
    if (body.User_DPID !== context.partnerDpid) problems.push(`User_DPID ${String(body.User_DPID)}`);
    for (const user of body.Users ?? []) {
      if (context.idSyncs.get(user.AAM_UUID) !== user.DataPartner_UUID) {
        problems.push(`user ${user.AAM_UUID} sent with partner id ${user.DataPartner_UUID}`);
      }
      last.set(user.AAM_UUID, new Map(user.Segments.map((s) => [s.Segment_ID, s.Status])));
    }
  }
  for (const [uuid, segments] of state) {
    if (!context.idSyncs.has(uuid)) continue;
    const sent = last.get(uuid);
    const live = [...segments]
      .filter(([, m]) => m.member)
      .map(([v]) => v)
      .sort();
    const sentLive = [...(sent ?? new Map<string, number>())]
      .filter(([, s]) => s === 1)
      .map(([v]) => v)
      .sort();
    if (sent === undefined) problems.push(`user ${uuid} never sent`);
    else if (live.join() !== sentLive.join())
      problems.push(`user ${uuid}: last message has ${sentLive.join()} instead of ${live.join()}`);
  }
  return {
    name,
    status: problems.length === 0 && observed.tokenRequests.some((t) => t.granted) ? 'pass' : 'fail',
    detail:
      problems.length === 0
        ? `${observed.s2sPosts.length} POSTs, ${last.size} users, ${observed.tokenRequests.length} token requests`
        : `${problems.length} problems, e.g. ${problems[0]}`,
  };
}

interface S2sUser {
  AAM_UUID: string;
  DataPartner_UUID: string;
  Segments: { Segment_ID: string; Status: number }[];
}

function checkExports(report: ExportReport): Check {
  const name = 'S2S batch files and .info manifests';
  if (report.manifests === 0) return { name, status: 'fail', detail: `no .info manifest in ${report.dir}` };
  return {
    name,
    status: report.problems.length === 0 ? 'pass' : 'fail',
    detail:
      report.problems.length === 0
        ? `${report.manifests} manifests, ${report.files} files, ${report.lines} lines verified (size, md5, lines, content)`
        : `${report.problems.length} problems, e.g. ${report.problems[0]}`,
  };
}
