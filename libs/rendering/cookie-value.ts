/**
 * Cookie destination values and domain rules (SPEC §3; AAM "Cookie destination options" and
 * "Key-value pairs explained"):
 *   single key: one key for the destination, one value per mapping;  multi key: key and value per mapping
 *   standard:   x=1&x=2&y=3        serialized: x=1,2&y=3   (key separator `=`, pair separator `&` or `,`,
 *                                                            serial separator `,` `#` `;`)
 *   keys and values are URL-encoded (space -> %20, `;` -> %3B), so separators never appear inside them.
 *   max size (bytes of the value, default 2048): drop the lowest-priority segments first (priority 1 is
 *   the highest; no priority is the lowest; ties drop the later segment), never cut a pair in half.
 *   cookie domain: blank = the requesting domain; `.sports.com` = sports.com and its subdomains.
 *   publish to: ALL | ONLY_LISTED | ALL_EXCEPT_LISTED domains (a listed domain covers its subdomains);
 *   the cookie is returned only when both the cookie domain and the publish rule accept the domain.
 */
import { AppError } from '../errors/index.ts';
import type { CookieSettings } from '../schema/types.ts';

export interface CookieSegment {
  sid: number;
  value: string;
  key: string | null;
  priority: number | null;
}

export interface CookieValue {
  value: string;
  /** Segments in the value, in input order. */
  included: number[];
  /** Segments dropped to respect the max size, in drop order. */
  dropped: number[];
}

export function cookieValue(settings: CookieSettings, segments: CookieSegment[]): CookieValue {
  const pairs = segments.map((segment) => ({
    sid: segment.sid,
    key: keyOf(settings, segment),
    value: segment.value,
  }));
  const dropOrder = [...pairs.keys()].sort((a, b) => {
    const pa = segments[a]?.priority ?? Infinity;
    const pb = segments[b]?.priority ?? Infinity;
    return pa === pb ? b - a : pb - pa;
  });
  const kept = new Set(pairs.keys());
  const dropped: number[] = [];
  let value = format(settings, pairs);
  for (const index of dropOrder) {
    if (Buffer.byteLength(value) <= settings.maxSizeBytes) break;
    kept.delete(index);
    dropped.push(pairs[index]!.sid);
    value = format(
      settings,
      pairs.filter((_, i) => kept.has(i)),
    );
  }
  return { value, included: pairs.filter((_, i) => kept.has(i)).map((p) => p.sid), dropped };
}

function keyOf(settings: CookieSettings, segment: CookieSegment): string {
  const key = settings.dataFormat === 'SINGLE_KEY' ? settings.key : (segment.key ?? settings.key);
  if (key === null || key === '') {
    throw new AppError(
      'render_failed',
      settings.dataFormat === 'SINGLE_KEY'
        ? 'single-key cookie destination has no key'
        : `multi-key mapping of segment ${segment.sid} has no key`,
    );
  }
  return key;
}

function format(settings: CookieSettings, pairs: { key: string; value: string }[]): string {
  const enc = encodeURIComponent;
  if (!settings.serialize) {
    return pairs
      .map((p) => `${enc(p.key)}${settings.keySeparator}${enc(p.value)}`)
      .join(settings.pairSeparator);
  }
  const byKey = new Map<string, string[]>();
  for (const p of pairs) {
    const values = byKey.get(p.key);
    if (values) values.push(enc(p.value));
    else byKey.set(p.key, [enc(p.value)]);
  }
  return [...byKey]
    .map(([key, values]) => `${enc(key)}${settings.keySeparator}${values.join(settings.serialSeparator)}`)
    .join(settings.pairSeparator);
}

/** True when the cookie is returned to a page on `requestingDomain` (a host name, port ignored). */
export function cookieAppliesTo(
  settings: Pick<CookieSettings, 'domain' | 'publishTo' | 'publishDomains'>,
  requestingDomain: string,
): boolean {
  const host = normalizeHost(requestingDomain);
  if (host === '') return false;
  const cookieDomain = settings.domain?.trim() ?? '';
  if (cookieDomain !== '' && !domainCovers(cookieDomain, host)) return false;
  const listed = settings.publishDomains.some((domain) => domainCovers(domain, host));
  switch (settings.publishTo) {
    case 'ALL':
      return true;
    case 'ONLY_LISTED':
      return listed;
    case 'ALL_EXCEPT_LISTED':
      return !listed;
  }
}

/** `.sports.com` and `sports.com` both cover sports.com and golf.sports.com, not sports.golf.com. */
function domainCovers(domain: string, host: string): boolean {
  const d = normalizeHost(domain).replace(/^\./, '');
  return d !== '' && (host === d || host.endsWith(`.${d}`));
}

function normalizeHost(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[/:].*$/, '')
    .replace(/\.$/, '');
}
