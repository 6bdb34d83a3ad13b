/**
 * The real-time S2S send queue (see enqueue-real-time.ts for how users get in):
 *   takeRealTimeUsers   removes up to n of the oldest queued users of a destination and returns
 *                       what their message needs: partner id, live segments, and the removals made
 *                       since their first unsent change. The DELETE ... RETURNING decides which rows
 *                       this caller got, so two instances never take the same user.
 *   insertRealTimeBatch freezes a rendered POST (same body and id on every retry), claimed by its
 *                       builder; claimRealTimeBatch lets another instance take it over once the
 *                       claim expired (crash), retryRealTimeBatch/deleteRealTimeBatch end an attempt.
 * Call takeRealTimeUsers and insertRealTimeBatch in one transaction: a crash in between loses nothing.
 */
import type { StoreHandle, StoreTx } from '../../../libs/store/open-store.ts';
import type { ExportSegment } from './stream-users.ts';

export interface RealTimeUser {
  uuid: string;
  dpid: number;
  dpuuid: string;
  regions: number[];
  /** Live segments (member) and the removals that triggered the message, by sid. */
  segments: ExportSegment[];
  /** Event time of the user's oldest unsent change (epoch ms); null = unknown (queued before 0003). */
  eventTime: number | null;
}

export interface RealTimeBatch {
  id: number;
  destinationId: number;
  body: string;
  userCount: number;
  createdAt: number;
  attempts: number;
  firstAttemptAt: number | null;
  dueAt: number;
  /** Oldest eventTime of its users; null when one is unknown (then no latency is observed). */
  oldestEventTime: number | null;
}

/** The oldest event time of the users of a batch; null when any of them is unknown. */
export function oldestEventTime(users: readonly Pick<RealTimeUser, 'eventTime'>[]): number | null {
  let oldest: number | null = null;
  for (const { eventTime } of users) {
    if (eventTime === null) return null;
    if (oldest === null || eventTime < oldest) oldest = eventTime;
  }
  return oldest;
}

export interface RealTimeBacklog {
  queuedUsers: number;
  oldestQueuedAt: number | null;
  batches: number;
  nextBatchDueAt: number | null;
}

export async function takeRealTimeUsers(
  tx: StoreTx,
  { destinationId, limit, syncCutoff }: { destinationId: number; limit: number; syncCutoff: number },
): Promise<RealTimeUser[]> {
  const oldest = await tx.db
    .selectFrom('realtime_outbox')
    .select('uuid')
    .where('destination_id', '=', destinationId)
    .orderBy('enqueued_at')
    .orderBy('uuid')
    .limit(limit)
    .execute();
  if (oldest.length === 0) return [];
  const taken = await tx.db
    .deleteFrom('realtime_outbox')
    .where('destination_id', '=', destinationId)
    .where(
      'uuid',
      'in',
      oldest.map((o) => o.uuid),
    )
    .returning(['uuid', 'dpid', 'change_seq', 'regions', 'event_time'])
    .execute();
  if (taken.length === 0) return [];
  const uuids = taken.map((t) => t.uuid);
  const since = Math.min(...taken.map((t) => Number(t.change_seq)));
  const segmentRows = await tx.db
    .selectFrom('user_segments')
    .select(['uuid', 'sid', 'value', 'member', 'updated_at', 'change_seq'])
    .where('destination_id', '=', destinationId)
    .where('uuid', 'in', uuids)
    .where((eb) => eb.or([eb('member', '=', 1), eb('change_seq', '>=', since)]))
    .orderBy('uuid')
    .orderBy('sid')
    .execute();
  const syncRows = await tx.db
    .selectFrom('id_syncs')
    .select(['uuid', 'dpid', 'dpuuid'])
    .where('uuid', 'in', uuids)
    .where('seen_at', '>=', syncCutoff)
    .execute();
  const syncs = new Map(syncRows.map((s) => [`${s.uuid}|${s.dpid}`, s.dpuuid]));
  const users = new Map<string, RealTimeUser & { since: number }>();
  for (const t of [...taken].sort((a, b) => (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0))) {
    const dpuuid = syncs.get(`${t.uuid}|${t.dpid}`);
    // The sync expired while the user waited: unaddressable again, dropped (re-queued by the next sync).
    if (dpuuid === undefined) continue;
    users.set(t.uuid, {
      uuid: t.uuid,
      dpid: t.dpid,
      dpuuid,
      regions: JSON.parse(t.regions) as number[],
      segments: [],
      eventTime: t.event_time === null ? null : Number(t.event_time),
      since: Number(t.change_seq),
    });
  }
  for (const row of segmentRows) {
    const user = users.get(row.uuid);
    const member = Number(row.member) === 1;
    if (user === undefined || (!member && Number(row.change_seq) < user.since)) continue;
    user.segments.push({ sid: row.sid, value: row.value, member, updatedAt: Number(row.updated_at) });
  }
  return [...users.values()].filter((u) => u.segments.length > 0).map(({ since: _since, ...user }) => user);
}

export async function insertRealTimeBatch(
  tx: StoreTx,
  batch: {
    destinationId: number;
    body: string;
    userCount: number;
    oldestEventTime: number | null;
    holder: string;
    claimMs: number;
    now: number;
  },
): Promise<RealTimeBatch> {
  const row = await tx.db
    .insertInto('realtime_batches')
    .values({
      destination_id: batch.destinationId,
      body: batch.body,
      user_count: batch.userCount,
      oldest_event_time: batch.oldestEventTime,
      created_at: batch.now,
      due_at: batch.now,
      claimed_by: batch.holder,
      claim_until: batch.now + batch.claimMs,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    id: Number(row.id),
    destinationId: batch.destinationId,
    body: batch.body,
    userCount: batch.userCount,
    createdAt: batch.now,
    attempts: 0,
    firstAttemptAt: null,
    dueAt: batch.now,
    oldestEventTime: batch.oldestEventTime,
  };
}

/** Claims the oldest due batch of a destination that is unclaimed, ours, or whose claim expired. */
export async function claimRealTimeBatch(
  store: StoreHandle,
  {
    destinationId,
    holder,
    claimMs,
    now,
  }: { destinationId: number; holder: string; claimMs: number; now: number },
): Promise<RealTimeBatch | null> {
  const candidate = await store.db
    .selectFrom('realtime_batches')
    .selectAll()
    .where('destination_id', '=', destinationId)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  // Batches of a destination go out in order: only the oldest may be sent.
  if (candidate === undefined || Number(candidate.due_at) > now) return null;
  const claimed = await store.db
    .updateTable('realtime_batches')
    .set({ claimed_by: holder, claim_until: now + claimMs })
    .where('id', '=', candidate.id)
    .where((eb) => eb.or([eb('claim_until', '<=', now), eb('claimed_by', '=', holder)]))
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return null;
  return {
    id: Number(candidate.id),
    destinationId: candidate.destination_id,
    body: candidate.body,
    userCount: candidate.user_count,
    createdAt: Number(candidate.created_at),
    attempts: Number(candidate.attempts),
    firstAttemptAt: candidate.first_attempt_at === null ? null : Number(candidate.first_attempt_at),
    dueAt: Number(candidate.due_at),
    oldestEventTime: candidate.oldest_event_time === null ? null : Number(candidate.oldest_event_time),
  };
}

export async function retryRealTimeBatch(
  store: StoreHandle,
  id: number,
  retry: { attempts: number; firstAttemptAt: number; dueAt: number; status: number | null; reason: string },
): Promise<void> {
  await store.db
    .updateTable('realtime_batches')
    .set({
      attempts: retry.attempts,
      first_attempt_at: retry.firstAttemptAt,
      due_at: retry.dueAt,
      last_status: retry.status,
      last_reason: retry.reason,
      claimed_by: null,
      claim_until: 0,
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteRealTimeBatch(store: StoreHandle, id: number): Promise<void> {
  await store.db.deleteFrom('realtime_batches').where('id', '=', id).execute();
}

export async function realTimeBacklog(store: StoreHandle, destinationId: number): Promise<RealTimeBacklog> {
  const queued = await store.db
    .selectFrom('realtime_outbox')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('enqueued_at').as('oldest')])
    .where('destination_id', '=', destinationId)
    .executeTakeFirstOrThrow();
  const batches = await store.db
    .selectFrom('realtime_batches')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('due_at').as('due')])
    .where('destination_id', '=', destinationId)
    .executeTakeFirstOrThrow();
  return {
    queuedUsers: Number(queued.n),
    oldestQueuedAt: queued.oldest === null ? null : Number(queued.oldest),
    batches: Number(batches.n),
    nextBatchDueAt: batches.due === null ? null : Number(batches.due),
  };
}

/** Destinations with queued users or unsent batches (what a restarted sender resumes). */
export async function realTimeDestinationsWithWork(store: StoreHandle): Promise<number[]> {
  const rows = await store.db
    .selectFrom('realtime_outbox')
    .select('destination_id')
    .distinct()
    .union(store.db.selectFrom('realtime_batches').select('destination_id').distinct())
    .execute();
  return [...new Set(rows.map((r) => r.destination_id))];
}
