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

/** What a mapping's priority means, said the same way in the Avro schema, the API and the UI. */
export const PRIORITY_RULE =
  'Cookie destinations: the lowest number is the highest priority (1 before 5). When the value exceeds maxSizeBytes, segments are dropped from the largest number down, those without a priority first.';

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
  // The value's size is kept up to date as segments drop (never re-rendered per drop: that was
  // quadratic, 5 s of blocked event loop for 10,000 segments); it is rendered once at the end.
  const size = new ValueSize(settings, pairs);
  const kept = new Set(pairs.keys());
  const dropped: number[] = [];
  for (const index of dropOrder) {
    if (size.bytes <= settings.maxSizeBytes) break;
    kept.delete(index);
    size.remove(index);
    dropped.push(pairs[index]!.sid);
  }
  const included = pairs.filter((_, i) => kept.has(i));
  return { value: format(settings, included), included: included.map((p) => p.sid), dropped };
}

/**
 * Byte size of format(settings, pairs still kept), updated in O(1) per removed pair. Encoded keys
 * and values are ASCII (encodeURIComponent), so their length is their size; separators are
 * measured in UTF-8.
 */
class ValueSize {
  bytes = 0;
  private parts = 0;
  private readonly pairBytes: number[];
  private readonly keyOfPair: string[];
  private readonly groups = new Map<string, { head: number; values: number; count: number }>();
  private readonly pairSep: number;
  private readonly serialSep: number;

  constructor(
    private readonly settings: CookieSettings,
    pairs: readonly { key: string; value: string }[],
  ) {
    const enc = encodeURIComponent;
    const keySep = Buffer.byteLength(settings.keySeparator);
    this.pairSep = Buffer.byteLength(settings.pairSeparator);
    this.serialSep = Buffer.byteLength(settings.serialSeparator);
    this.keyOfPair = pairs.map((p) => p.key);
    this.pairBytes = pairs.map((p) =>
      settings.serialize ? enc(p.value).length : enc(p.key).length + keySep + enc(p.value).length,
    );
    if (!settings.serialize) {
      for (const bytes of this.pairBytes) this.add(bytes);
      return;
    }
    pairs.forEach((p, i) => {
      const group = this.groups.get(p.key);
      if (group) {
        group.values += this.pairBytes[i]!;
        group.count += 1;
      } else
        this.groups.set(p.key, { head: enc(p.key).length + keySep, values: this.pairBytes[i]!, count: 1 });
    });
    for (const group of this.groups.values()) this.add(this.groupBytes(group));
  }

  remove(index: number): void {
    if (!this.settings.serialize) {
      this.subtract(this.pairBytes[index]!);
      return;
    }
    const group = this.groups.get(this.keyOfPair[index]!)!;
    this.subtract(this.groupBytes(group));
    group.values -= this.pairBytes[index]!;
    group.count -= 1;
    if (group.count > 0) this.add(this.groupBytes(group));
  }

  private groupBytes(group: { head: number; values: number; count: number }): number {
    return group.head + group.values + this.serialSep * (group.count - 1);
  }

  /** One more part (pair or key group) joined by the pair separator. */
  private add(bytes: number): void {
    this.bytes += bytes + (this.parts > 0 ? this.pairSep : 0);
    this.parts += 1;
  }

  private subtract(bytes: number): void {
    this.parts -= 1;
    this.bytes -= bytes + (this.parts > 0 ? this.pairSep : 0);
  }
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
