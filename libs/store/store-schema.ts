/**
 * The tables of the state store as kysely sees them. Times are epoch milliseconds (bigint columns,
 * read back as JS numbers); booleans are 0/1 smallints so both dialects read the same values.
 */
import type { Generated } from 'kysely';

/** One user of one S2S destination: its partner namespace and when its export view last changed. */
export interface DestinationUsersTable {
  destination_id: number;
  uuid: string;
  /** The destination's partner namespace when the user was last delivered (User_DPID). */
  dpid: number;
  /** Change sequence of the last change (segments or ID sync); `iter` exports read users above a watermark. */
  change_seq: number;
  changed_at: number;
}

/** Membership of one user in one mapped segment of one destination; removals stay as member = 0. */
export interface UserSegmentsTable {
  destination_id: number;
  uuid: string;
  sid: number;
  /** Mapping value (Segment_ID in the partner format). */
  value: string;
  member: number;
  /** When the membership last changed upstream (latest wins). */
  updated_at: number;
  change_seq: number;
  changed_at: number;
}

/** uuid <-> partner id in one namespace; the latest seen wins; stale ones expire. */
export interface IdSyncsTable {
  uuid: string;
  dpid: number;
  dpuuid: string;
  seen_at: number;
}

export interface ExportHistoryTable {
  id: Generated<number>;
  destination_id: number;
  mode: string;
  outcome: string;
  started_at: number;
  finished_at: number | null;
  duration_ms: number | null;
  /** JSON array of published file names (data files then the .info manifest). */
  files: Generated<string>;
  user_count: Generated<number>;
  line_count: Generated<number>;
  byte_count: Generated<number>;
  watermark_from: number;
  watermark_to: number;
  error: string | null;
}

/** Next offset to consume per (group, topic, partition), written in the same transaction as state. */
export interface ConsumerOffsetsTable {
  group_id: string;
  topic: string;
  partition: number;
  next_offset: number;
  updated_at: number;
}

/** Single runner per destination export: whoever holds an unexpired row runs it. */
export interface ExportLeasesTable {
  destination_id: number;
  holder: string;
  expires_at: number;
  /** Fencing token: grows each time the lease changes hands or is taken after expiry. */
  generation: number;
  acquired_at: number;
}

/** The current cookie of one user for one cookie destination, read by the edge endpoint. */
export interface CookieStatesTable {
  uuid: string;
  destination_id: number;
  cookie_name: string;
  cookie_value: string;
  /** JSON: domain, ttlDays, publish rule (what the edge needs to set the cookie). */
  spec: string;
  updated_at: number;
}

/** A user waiting to be sent to a real-time destination (see real-time-queue.ts). */
export interface RealtimeOutboxTable {
  destination_id: number;
  uuid: string;
  dpid: number;
  /** Change sequence of the oldest change not yet sent: removals from it on go in the message. */
  change_seq: number;
  enqueued_at: number;
  /** Event time (epoch ms) of the change that queued the user; null = queued before migration 0003. */
  event_time: number | null;
  /** JSON array of edge region ids where the user was last seen. */
  regions: Generated<string>;
}

/** One real-time POST, frozen until the partner accepts it or it is given up. */
export interface RealtimeBatchesTable {
  id: Generated<number>;
  destination_id: number;
  body: string;
  user_count: number;
  created_at: number;
  attempts: Generated<number>;
  first_attempt_at: number | null;
  due_at: number;
  /** Instance sending it until claim_until (another instance takes it over after a crash). */
  claimed_by: string | null;
  claim_until: Generated<number>;
  last_status: number | null;
  last_reason: string | null;
  /** Oldest event_time of the batch's users (latency metric); null when one of them is unknown. */
  oldest_event_time: number | null;
}

/** SQLite stand-in for a PostgreSQL sequence. */
export interface StoreSequencesTable {
  name: string;
  value: number;
}

export interface StoreSchema {
  destination_users: DestinationUsersTable;
  user_segments: UserSegmentsTable;
  id_syncs: IdSyncsTable;
  export_history: ExportHistoryTable;
  consumer_offsets: ConsumerOffsetsTable;
  export_leases: ExportLeasesTable;
  cookie_states: CookieStatesTable;
  store_sequences: StoreSequencesTable;
  realtime_outbox: RealtimeOutboxTable;
  realtime_batches: RealtimeBatchesTable;
}
