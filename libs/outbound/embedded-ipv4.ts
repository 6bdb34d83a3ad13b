/**
 * IPv6 addresses that carry an IPv4 address whose reachability they stand for (the SSRF guard judges
 * such an address by the IPv4 inside it). Layouts, from the RFCs that define them:
 *   ::ffff:0:0/96       IPv4-mapped (RFC 4291 §2.5.5.2)        v4 = bits 96-127
 *   ::ffff:0:0:0/96     IPv4-translated, SIIT (RFC 2765 §2.1)   v4 = bits 96-127
 *   64:ff9b::/96        NAT64 well-known prefix (RFC 6052 §2.1) v4 = bits 96-127
 *   2002::/16           6to4 (RFC 3056 §2)                      v4 = bits 16-47
 * Forms the guard refuses outright, whatever they embed, are listed in address-policy.ts.
 * `parseIpv6` accepts every textual form (RFC 4291 §2.2: compressed, expanded, dotted tail) and a
 * zone id (`%eth0`, RFC 4007 §11), which it drops.
 */
import { isIP } from 'node:net';

export type EmbeddingKind = 'mapped' | 'translated' | 'nat64' | '6to4';

export interface EmbeddedIpv4 {
  kind: EmbeddingKind;
  ipv4: string;
}

export function embeddedIpv4(ip: string): EmbeddedIpv4 | null {
  const h = parseIpv6(ip);
  if (h === null) return null;
  const zero = (from: number, to: number) => h.slice(from, to).every((x) => x === 0);
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  if (zero(0, 5) && h[5] === 0xffff) return { kind: 'mapped', ipv4: v4(h[6]!, h[7]!) };
  if (zero(0, 4) && h[4] === 0xffff && h[5] === 0) return { kind: 'translated', ipv4: v4(h[6]!, h[7]!) };
  if (h[0] === 0x64 && h[1] === 0xff9b && zero(2, 6)) return { kind: 'nat64', ipv4: v4(h[6]!, h[7]!) };
  if (h[0] === 0x2002) return { kind: '6to4', ipv4: v4(h[1]!, h[2]!) };
  return null;
}

/** The eight 16-bit groups of an IPv6 address, or null when it is not one. */
export function parseIpv6(ip: string): number[] | null {
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIP(bare) !== 6) return null;
  let text = bare;
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    const [a, b, c, d] = last.split('.').map(Number) as [number, number, number, number];
    tail.push((a << 8) | b, (c << 8) | d);
    text = text.slice(0, text.endsWith(`::${last}`) ? lastColon + 1 : lastColon);
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = groups(head);
  const right = [...(rest === undefined ? [] : groups(rest)), ...tail];
  if (rest === undefined) return [...left, ...right];
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}
