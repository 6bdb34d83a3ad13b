/** What one consumed Kafka batch writes to the store, in one SQL transaction (see apply-batch.ts). */

/** The membership of one user in one mapped segment of one S2S destination. */
export interface SegmentUpsert {
  destinationId: number;
  uuid: string;
  /** The destination's partner namespace (User_DPID). */
  dpid: number;
  sid: number;
  /** Mapping value. */
  value: string;
  /** true = member (Status 1), false = removed (Status 0). */
  member: boolean;
  /** When the membership changed upstream, epoch ms; the latest wins. */
  updatedAt: number;
}

export interface IdSyncUpsert {
  uuid: string;
  dpid: number;
  dpuuid: string;
  /** Epoch ms; the latest seen wins. */
  seenAt: number;
}

/** The next offset to consume, as Kafka commits it (last processed + 1). */
export interface OffsetCommit {
  groupId: string;
  topic: string;
  partition: number;
  nextOffset: string | number;
}

export interface StateBatch {
  upserts?: SegmentUpsert[];
  idSyncs?: IdSyncUpsert[];
  offsets?: OffsetCommit[];
  /** Wall clock for changed_at columns; defaults to Date.now(). */
  now?: number;
}

export interface StateBatchResult {
  /** Change sequence given to this batch's changes, null when nothing changed. */
  changeSeq: number | null;
  segmentsChanged: number;
  usersChanged: number;
  idSyncsChanged: number;
}
