/**
 * Outbound target policy (SSRF guard). SPEC §6: outbound requests only go to public addresses; a
 * target resolving to loopback, private, link-local, CGNAT, unique-local, metadata, unspecified or
 * multicast addresses is refused at configuration time (assertUrl) and again at connect time
 * (lookup, used as the DNS resolver of the HTTP connector, because DNS can change), unless the
 * operator allow-lists it (IPs, CIDRs or host names).
 */
import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { promises as dns } from 'node:dns';
import { AppError } from '../errors/index.ts';

const FORBIDDEN_V4: [string, number][] = [
  ['0.0.0.0', 8], // "this" network, unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata 169.254.169.254
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];
const FORBIDDEN_V6: [string, number][] = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local (incl. AWS metadata fd00:ec2::254)
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b::', 96], // NAT64 (maps to IPv4, checked via the embedded address too)
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
    const family = isIP(ip);
    if (family === 0) return true;
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (this.allowedIps.check(ip, type)) return false;
    if (forbidden.check(ip, type)) return true;
    // IPv4-mapped IPv6 (::ffff:a.b.c.d) is judged by its IPv4 address.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
    return mapped ? this.judge(mapped[1]!) : false;
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
    if (isIP(bare) !== 0) {
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
