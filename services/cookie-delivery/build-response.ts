/**
 * The answer to one edge read (pure): of the user's stored cookies, those whose destination is
 * live and ACTIVE and whose rules accept the requesting domain (libs/rendering cookieAppliesTo:
 * cookie domain blank = the requesting domain, else it must cover it; publish to ALL | ONLY_LISTED |
 * ALL_EXCEPT_LISTED), with the destination's CURRENT name, domain and TTL, as JSON specs and as
 * `Set-Cookie` header values:
 *   <name>=<value>; Domain=<domain>; Max-Age=<ttlDays * 86400>; Path=/; Secure; SameSite=None
 * (RFC 6265 §4.1; SameSite=None needs Secure). Values are URL-encoded by the renderer, but the serial
 * separator may be `;`, which would end a cookie value: in the header, `;` and any other octet
 * RFC 6265 forbids except `,` (accepted by browsers, used by AAM's formats) is percent-encoded.
 */
import { cookieAppliesTo } from '../../libs/rendering/index.ts';
import type { DestinationLookup } from '../../libs/destinations/live-config.ts';
import type { StoredCookie } from './read-cookies.ts';

export interface CookieSpec {
  name: string;
  value: string;
  domain: string;
  ttlDays: number;
}

export interface CookieResponse {
  cookies: (CookieSpec & { destinationId: number })[];
  setCookie: string[];
}

const DAY_SECONDS = 86_400;

export function buildResponse(
  states: readonly StoredCookie[],
  requestingDomain: string,
  destinations: DestinationLookup,
): CookieResponse {
  const cookies: CookieResponse['cookies'] = [];
  for (const state of states) {
    const destination = destinations.destination(state.destinationId);
    const settings = destination?.cookie;
    if (!destination || !settings || destination.type !== 'COOKIE' || destination.status !== 'ACTIVE') {
      continue;
    }
    if (!cookieAppliesTo(settings, requestingDomain)) continue;
    const domain = settings.domain?.trim() ? settings.domain.trim() : requestingDomain;
    cookies.push({
      destinationId: state.destinationId,
      name: settings.name,
      value: state.value,
      domain,
      ttlDays: settings.ttlDays,
    });
  }
  return { cookies, setCookie: cookies.map(setCookieHeader) };
}

function setCookieHeader(cookie: CookieSpec): string {
  return (
    `${cookie.name}=${headerValue(cookie.value)}; Domain=${cookie.domain}; ` +
    `Max-Age=${cookie.ttlDays * DAY_SECONDS}; Path=/; Secure; SameSite=None`
  );
}

/** RFC 6265 cookie-octets (plus `,`) pass; anything else is percent-encoded. */
function headerValue(value: string): string {
  return value.replace(/[^\x21\x23-\x2b\x2c\x2d-\x3a\x3c-\x5b\x5d-\x7e]/g, (char) =>
    [...Buffer.from(char)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}
