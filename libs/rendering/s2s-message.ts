/**
 * The real-time server-to-server JSON message (SPEC §4, AAM "Real-time outbound data transfers"):
 *   {"ProcessTime","User_DPID","Client_ID","AAM_Destination_ID","User_count",
 *    "Users":[{"AAM_UUID","DataPartner_UUID","AAM_Regions":[..],
 *              "Segments":[{"Segment_ID":"<mapping value>","Status":1|0,"DateTime"}]}]}
 * Status 1 = member, 0 = removed. Times are UTC ISO-8601 without milliseconds.
 */

export interface S2sMessageSegment {
  /** The mapping value (not the internal segment id). */
  value: string;
  member: boolean;
  /** Epoch ms of the qualification or removal. */
  updatedAt: number;
}

export interface S2sMessageUser {
  uuid: string;
  /** The user's id in the destination's namespace. */
  partnerUserId: string;
  regions: number[];
  segments: S2sMessageSegment[];
}

export interface S2sMessageInput {
  destinationId: number;
  dpid: number;
  /** Partner account alias. */
  clientId: string;
  processTimeMs: number;
  users: S2sMessageUser[];
}

export interface S2sMessage {
  ProcessTime: string;
  User_DPID: number;
  Client_ID: string;
  AAM_Destination_ID: number;
  User_count: number;
  Users: {
    AAM_UUID: string;
    DataPartner_UUID: string;
    AAM_Regions: number[];
    Segments: { Segment_ID: string; Status: 0 | 1; DateTime: string }[];
  }[];
}

export function s2sMessage(input: S2sMessageInput): S2sMessage {
  return {
    ProcessTime: isoSeconds(input.processTimeMs),
    User_DPID: input.dpid,
    Client_ID: input.clientId,
    AAM_Destination_ID: input.destinationId,
    User_count: input.users.length,
    Users: input.users.map((user) => ({
      AAM_UUID: user.uuid,
      DataPartner_UUID: user.partnerUserId,
      AAM_Regions: user.regions,
      Segments: user.segments.map((s) => ({
        Segment_ID: s.value,
        Status: s.member ? 1 : 0,
        DateTime: isoSeconds(s.updatedAt),
      })),
    })),
  };
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
