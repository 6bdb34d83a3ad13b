/**
 * Streams the users of one destination for a batch export (SPEC §4), in uuid order, in chunks:
 *   full: every user with live segments, live segments only;
 *   iter: users changed in (sinceWatermark, untilWatermark], with their live segments and the
 *         removals made in that window (each removal appears in one `iter` file only).
 * Keyset pagination: each page is a range of destination_users on its primary key (uuid > cursor,
 * LIMIT n), then that page's segments and ID syncs by key. Every query is a short single-table
 * index scan that no planner can turn into a full scan, memory stays flat whatever the table size,
 * no connection or snapshot is held between pages, and SQLite's one connection stays free for
 * ingest in between.
 */
import type { StoreHandle } from '../../../libs/store/open-store.ts';

export type ExportMode = 'full' | 'iter';

export interface ExportSegment {
  sid: number;
  value: string;
  member: boolean;
  updatedAt: number;
}

export interface ExportUser {
  uuid: string;
  dpid: number;
  /** Partner id in the destination's namespace; null = unaddressable (no unexpired sync). */
  dpuuid: string | null;
  segments: ExportSegment[];
}

export interface StreamUsersOptions {
  /** iter: upper bound (readWatermark() at export start); default no bound. */
  untilWatermark?: number;
  /** ID syncs seen before this epoch ms count as absent; default 0 (none expired). */
  syncCutoff?: number;
  /** Skip users without a partner id (what files contain). Default false. */
  addressableOnly?: boolean;
  /** Users read per page (three queries); also the most users one yielded chunk holds. */
  pageUsers?: number;
}

/** A query on a table with a `uuid` column that a page bound can be added to. */
interface WhereUuid<Q> {
  where(column: 'uuid', op: '>=' | '<=' | 'in', value: string | string[]): Q;
}

interface Page {
  destinationId: number;
  mode: ExportMode;
  since: number;
  options: StreamUsersOptions;
}

export async function* streamUsers(
  store: StoreHandle,
  destinationId: number,
  mode: ExportMode,
  sinceWatermark: number,
  options: StreamUsersOptions = {},
): AsyncGenerator<ExportUser[]> {
  const pageUsers = options.pageUsers ?? 1000;
  const page: Page = { destinationId, mode, since: sinceWatermark, options };
  let cursor: string | null = null;
  for (;;) {
    const users = await userPage(store, page, cursor, pageUsers);
    if (users.length === 0) return;
    const chunk = await withSegmentsAndSyncs(store, page, users);
    if (chunk.length > 0) yield chunk;
    if (users.length < pageUsers) return;
    cursor = users[users.length - 1]!.uuid;
  }
}

function userPage(store: StoreHandle, page: Page, cursor: string | null, limit: number) {
  let query = store.db
    .selectFrom('destination_users')
    .select(['uuid', 'dpid'])
    .where('destination_id', '=', page.destinationId);
  if (cursor !== null) query = query.where('uuid', '>', cursor);
  if (page.mode === 'iter') {
    query = query.where('change_seq', '>', page.since);
    const until = page.options.untilWatermark;
    if (until !== undefined) query = query.where('change_seq', '<=', until);
  }
  return query.orderBy('uuid').limit(limit).execute();
}

async function withSegmentsAndSyncs(
  store: StoreHandle,
  page: Page,
  users: { uuid: string; dpid: number }[],
): Promise<ExportUser[]> {
  // full pages are contiguous: read them as a key range; iter pages are sparse: by key list.
  const first = users[0]!.uuid;
  const last = users[users.length - 1]!.uuid;
  const uuids = users.map((u) => u.uuid);
  const inPage = <Q extends WhereUuid<Q>>(query: Q): Q =>
    page.mode === 'full'
      ? query.where('uuid', '>=', first).where('uuid', '<=', last)
      : query.where('uuid', 'in', uuids);
  let segments = inPage(
    store.db
      .selectFrom('user_segments')
      .select(['uuid', 'sid', 'value', 'member', 'updated_at'])
      .where('destination_id', '=', page.destinationId),
  );
  segments =
    page.mode === 'full'
      ? segments.where('member', '=', 1)
      : segments.where((eb) => eb.or([eb('member', '=', 1), eb('change_seq', '>', page.since)]));
  const segmentRows = await segments.orderBy('uuid').orderBy('sid').execute();
  const syncRows = await inPage(
    store.db
      .selectFrom('id_syncs')
      .select(['uuid', 'dpid', 'dpuuid'])
      .where('seen_at', '>=', page.options.syncCutoff ?? 0),
  ).execute();
  const syncs = new Map(syncRows.map((s) => [`${s.uuid}|${s.dpid}`, s.dpuuid]));
  const byUuid = new Map<string, ExportUser>();
  for (const user of users) {
    const dpuuid = syncs.get(`${user.uuid}|${user.dpid}`) ?? null;
    if (dpuuid === null && page.options.addressableOnly) continue;
    byUuid.set(user.uuid, { uuid: user.uuid, dpid: user.dpid, dpuuid, segments: [] });
  }
  for (const row of segmentRows) {
    byUuid.get(row.uuid)?.segments.push({
      sid: row.sid,
      value: row.value,
      member: Number(row.member) === 1,
      updatedAt: Number(row.updated_at),
    });
  }
  return [...byUuid.values()].filter((u) => u.segments.length > 0);
}
