/**
 * Outbound target policy (SSRF guard). SPEC §6: outbound requests only go to public addresses; a
 * target resolving to loopback, private, link-local, CGNAT, unique-local, metadata, unspecified,
 * benchmarking, discard-only or multicast addresses is refused at configuration time (assertUrl,
 * assertHost) and again at connect time (lookup, used as the DNS resolver of the HTTP connector and
 * the SFTP client, because DNS can change), unless the operator allow-lists it (IPs, CIDRs or names).
 *
 * IPv6 forms that embed an IPv4 address (issue 14; layouts in embedded-ipv4.ts):
 *   judged by the embedded IPv4, which must be public:
 *     ::ffff:0:0/96 IPv4-mapped (a dual-stack socket connects to the IPv4 itself, so the IPv4
 *     allow-list applies), ::ffff:0:0:0/96 IPv4-translated, 64:ff9b::/96 NAT64 well-known prefix
 *     (what DNS64 returns on IPv6-only networks), 2002::/16 6to4;
 *   refused outright, whatever they embed:
 *     ::/96 IPv4-compatible (deprecated, RFC 4291 §2.5.5.1; includes :: and ::1), 2001::/32 Teredo
 *     (RFC 4380: where it leads is decided by a relay and a NAT from the server IPv4 in bits 32-63
 *     and the client IPv4, inverted, in bits 96-127), 64:ff9b:1::/48 local-use NAT64 (RFC 8215: the
 *     operator's prefix length decides where the IPv4 sits, RFC 6052 §2.2, so it cannot be read).
 *   not special: ISATAP interface ids (`<prefix>::5efe:a.b.c.d`, RFC 5214) are judged by their
 *   prefix: the packet goes to the network owning the prefix, the IPv4 only means something in it.
 * A zone id (`fe80::1%eth0`) names an interface, not a host: the address is judged without it.
 * Documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32, 3fff::/20)
 * are not refused: they route nowhere, and the tests use them as stand-ins for public partners.
 * Sources: IANA IPv4/IPv6 Special-Purpose Address Registries (RFC 6890), RFC 9602.
 */
import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { promises as dns } from 'node:dns';
import { AppError } from '../errors/index.ts';
import { embeddedIpv4, parseIpv6 } from './embedded-ipv4.ts';

const FORBIDDEN_V4: [string, number][] = [
  ['0.0.0.0', 8], // "this" network, unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata 169.254.169.254
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.88.99.0', 24], // 6to4 relay anycast (deprecated, RFC 7526)
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];
const FORBIDDEN_V6: [string, number][] = [
  ['::', 96], // IPv4-compatible (deprecated), with :: unspecified and ::1 loopback
  ['64:ff9b:1::', 48], // local-use NAT64 (RFC 8215)
  ['100::', 64], // discard-only (RFC 6666)
  ['2001::', 32], // Teredo
  ['2001:2::', 48], // benchmarking
  ['2001:10::', 28], // ORCHID (deprecated)
  ['2001:20::', 28], // ORCHIDv2
  ['5f00::', 16], // SRv6 SIDs (RFC 9602)
  ['fc00::', 7], // unique local (incl. AWS metadata fd00:ec2::254)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

const forbidden = new BlockList();
for (const [net, prefix] of FORBIDDEN_V4) forbidden.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of FORBIDDEN_V6) forbidden.addSubnet(net, prefix, 'ipv6');

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

export class AddressPolicy {
  private readonly allowedIps = new BlockList();
  private readonly allowedHosts = new Set<string>();

  constructor(allowList: string[] = []) {
    for (const entry of allowList.map((e) => e.trim()).filter(Boolean)) {
      const [address, prefix] = entry.split('/');
      const family = isIP(address ?? '');
      if (family === 0) {
        this.allowedHosts.add(entry.toLowerCase());
      } else if (prefix === undefined) {
        this.allowedIps.addAddress(address!, family === 4 ? 'ipv4' : 'ipv6');
      } else {
        this.allowedIps.addSubnet(address!, Number(prefix), family === 4 ? 'ipv4' : 'ipv6');
      }
    }
  }

  /** True when connecting to this IP is refused. */
  isForbiddenIp(ip: string): boolean {
    // BlockList.check builds a SocketAddress per call; the verdict per address never changes.
    let verdict = this.verdicts.get(ip);
    if (verdict === undefined) {
      verdict = this.judge(ip);
      if (this.verdicts.size >= 10_000) this.verdicts.clear();
      this.verdicts.set(ip, verdict);
    }
    return verdict;
  }

  private readonly verdicts = new Map<string, boolean>();

  private judge(ip: string): boolean {
    const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
    const family = isIP(bare);
    if (family === 0) return true;
    if (family === 4) return !this.allowedIps.check(bare, 'ipv4') && forbidden.check(bare, 'ipv4');
    // Expanded hex (no dotted tail, no zone): what BlockList compares reliably.
    const address = parseIpv6(bare)!
      .map((group) => group.toString(16))
      .join(':');
    if (this.allowedIps.check(address, 'ipv6')) return false;
    if (forbidden.check(address, 'ipv6')) return true;
    const embedded = embeddedIpv4(address);
    if (embedded === null) return false;
    // Only a mapped address reaches the IPv4 itself (and so may use its allow-listing).
    return embedded.kind === 'mapped' ? this.judge(embedded.ipv4) : forbidden.check(embedded.ipv4, 'ipv4');
  }

  /** Configuration-time check of a URL: http(s) only, every resolved address public or allowed. */
  async assertUrl(url: string): Promise<void> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new AppError('ssrf_refused', `not a valid URL: ${url}`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new AppError('ssrf_refused', `scheme ${parsed.protocol} is not allowed (http or https only)`);
    }
    if (parsed.username || parsed.password) {
      throw new AppError('ssrf_refused', 'credentials in URLs are not allowed');
    }
    await this.assertHost(parsed.hostname);
  }

  /** Configuration-time check of a host name or literal address. */
  async assertHost(host: string): Promise<void> {
    const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
    if (this.allowedHosts.has(bare)) return;
    let addresses: string[];
    if (isIP(bare.replace(/%.*$/, '')) !== 0) {
      addresses = [bare];
    } else {
      try {
        addresses = (await dns.lookup(bare, { all: true, verbatim: true })).map((a) => a.address);
      } catch (cause) {
        throw new AppError('ssrf_refused', `host ${host} does not resolve`, { cause });
      }
    }
    const refused = addresses.filter((address) => this.isForbiddenIp(address));
    if (refused.length > 0) {
      throw new AppError(
        'ssrf_refused',
        `host ${host} resolves to a non-public address (${refused.join(', ')}); allow-list it to use it`,
      );
    }
  }

  /**
   * A dns.lookup replacement for connect-time checks (undici `connect: { lookup }`, net/tls
   * `lookup` option): resolves, then fails with code ESSRF when any address is forbidden.
   */
  readonly lookup = (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    const bare = hostname.toLowerCase();
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as LookupAddress[];
      if (!this.allowedHosts.has(bare)) {
        const refused = list.find((a) => this.isForbiddenIp(a.address));
        if (refused) {
          const failure: NodeJS.ErrnoException = new Error(
            `connection to ${hostname} (${refused.address}) refused: non-public address`,
          );
          failure.code = 'ESSRF';
          return callback(failure, []);
        }
      }
      if (options.all) return callback(null, list);
      const first = list[0];
      if (!first)
        return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };
}
