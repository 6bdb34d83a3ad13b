/**
 * What to send to a real-time S2S partner (pure). SPEC §4 / AAM "Real-time outbound data transfers":
 *   POST <endpoint>, Content-Type: application/json, body
 *   {"ProcessTime","User_DPID","Client_ID","AAM_Destination_ID","User_count",
 *    "Users":[{"AAM_UUID","DataPartner_UUID","AAM_Regions","Segments":[{"Segment_ID","Status","DateTime"}]}]}
 * one entry per user (at most usersPerRequest), carrying the user's live mapped segments (Status 1)
 * and the removals that triggered the message (Status 0); Segment_ID is the mapping value.
 * Headers: X-Delivery-Id (stable across retries of the batch), and by auth mode
 * `Authorization: Bearer <token>` (OAuth2 client credentials) or `<hmacHeader>: base64(HMAC(body))`.
 */
import { s2sMessage } from '../../libs/rendering/index.ts';
import type { DestinationConfig, S2sRealTime } from '../../libs/schema/index.ts';
import type { HttpCall } from '../../libs/http-delivery/index.ts';
import type { RealTimeUser } from './store/real-time-queue.ts';
import { signBody } from './sign-body.ts';

/** The JSON body of one batch, frozen when the batch is built (retries send the same bytes). */
export function buildMessage(destination: DestinationConfig, users: RealTimeUser[], nowMs: number): string {
  const s2s = destination.s2s!;
  return JSON.stringify(
    s2sMessage({
      destinationId: destination.id,
      dpid: s2s.dpid,
      clientId: s2s.accountAlias,
      processTimeMs: nowMs,
      users: users.map((user) => ({
        uuid: user.uuid,
        partnerUserId: user.dpuuid,
        regions: user.regions,
        segments: user.segments.map((s) => ({ value: s.value, member: s.member, updatedAt: s.updatedAt })),
      })),
    }),
  );
}

/** X-Delivery-Id of a batch: destination and batch row id, unique and stable across retries. */
export function deliveryId(destinationId: number, batchId: number): string {
  return `s2s-${destinationId}-${batchId}`;
}

export interface RequestAuth {
  /** OAuth2 access token. */
  bearer?: string;
  /** Decrypted HMAC key. */
  hmacKey?: string;
}

export function buildRequest(
  realTime: S2sRealTime,
  batch: { destinationId: number; id: number; body: string },
  auth: RequestAuth,
  userAgent: string,
): HttpCall {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
    'user-agent': userAgent,
    'x-delivery-id': deliveryId(batch.destinationId, batch.id),
  };
  if (realTime.auth === 'OAUTH2' && auth.bearer !== undefined)
    headers.authorization = `Bearer ${auth.bearer}`;
  if (realTime.auth === 'HMAC' && realTime.hmacHeader !== null && auth.hmacKey !== undefined) {
    headers[realTime.hmacHeader.toLowerCase()] = signBody(
      realTime.hmacAlgorithm,
      auth.hmacKey,
      batch.body,
      realTime.hmacKeyEncoding,
    );
  }
  return { method: 'POST', url: realTime.endpoint, headers, body: batch.body };
}

/**
 * The OAuth2 client-credentials token request (RFC 6749 §4.4, AAM "OAuth 2.0 in outbound
 * transfers"): POST <token url>, `Authorization: Basic base64(id:secret)`,
 * `Content-Type: application/x-www-form-urlencoded`, body `grant_type=client_credentials`.
 */
export function buildTokenRequest(
  tokenUrl: string,
  clientId: string,
  clientSecret: string,
  userAgent: string,
): HttpCall {
  const basic = Buffer.from(
    `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`,
    'utf8',
  ).toString('base64');
  return {
    method: 'POST',
    url: tokenUrl,
    headers: {
      authorization: `Basic ${basic}`,
      'content-type': 'application/x-www-form-urlencoded;charset=UTF-8',
      accept: 'application/json',
      'user-agent': userAgent,
    },
    body: 'grant_type=client_credentials',
  };
}

/** Reads a token response: `{"access_token","token_type":"Bearer","expires_in"}`; null when unusable. */
export function readTokenResponse(
  body: string | undefined,
  defaultLifetimeMs: number,
): { accessToken: string; lifetimeMs: number } | null {
  try {
    const parsed = JSON.parse(body ?? '') as { access_token?: unknown; expires_in?: unknown };
    if (typeof parsed.access_token !== 'string' || parsed.access_token === '') return null;
    const seconds = Number(parsed.expires_in);
    return {
      accessToken: parsed.access_token,
      lifetimeMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : defaultLifetimeMs,
    };
  } catch {
    return null;
  }
}
