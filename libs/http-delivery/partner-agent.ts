/**
 * The outbound HTTP client of the delivery services: one undici Agent, which keeps one keep-alive
 * connection pool per partner origin (scheme + host + port). Connect and response timeouts bound
 * every call; the SSRF guard runs at connect time: `lookup` (AddressPolicy.lookup) replaces DNS
 * resolution and refuses non-public addresses (SPEC §6), because DNS can change after configuration.
 * Literal IP hosts never reach a lookup, so sendHttp checks them itself.
 */
import type { LookupOptions, LookupAddress } from 'node:dns';
import { Agent } from 'undici';

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

export interface PartnerAgentOptions {
  /** Connect-time resolver that refuses forbidden addresses (AddressPolicy.lookup). */
  lookup: (hostname: string, options: LookupOptions, callback: LookupCallback) => void;
  connectTimeoutMs: number;
  /** Time to the response headers, and between body chunks. */
  responseTimeoutMs: number;
  /** Connections per origin. */
  connectionsPerOrigin: number;
  keepAliveMs: number;
}

export function createPartnerAgent(options: PartnerAgentOptions): Agent {
  return new Agent({
    connections: options.connectionsPerOrigin,
    pipelining: 1,
    keepAliveTimeout: options.keepAliveMs,
    keepAliveMaxTimeout: Math.max(options.keepAliveMs, 60_000),
    headersTimeout: options.responseTimeoutMs,
    bodyTimeout: options.responseTimeoutMs,
    connect: { timeout: options.connectTimeoutMs, lookup: options.lookup as never },
  });
}
