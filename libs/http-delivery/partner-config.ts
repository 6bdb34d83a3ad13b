/**
 * The configuration every partner-calling service shares (url-delivery, s2s-delivery's real-time
 * path), declared once and spread into each service's schema like commonConfigProperties: partner
 * connections, the destination gate (rate limit, circuit breaker), retry jitter and the outbound
 * allow-list. `gateSettings` maps it to DestinationGateOptions, so no service renames by hand.
 * What differs per service stays in its own config: attempt limits and backoff (a pixel retries
 * through delay topics, a real-time batch blocks its destination), in-flight caps, response timeout.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { DestinationGateOptions } from './destination-gate.ts';

const int = (def: number, description: string, minimum = 0) =>
  Type.Integer({ default: def, minimum, description });

export function partnerConfigProperties(defaults: { connectionsPerOrigin: number; rateUnit: string }) {
  return {
    connectTimeoutMs: int(1000, 'TCP/TLS connect timeout to a partner.', 1),
    connectionsPerOrigin: int(defaults.connectionsPerOrigin, 'Keep-alive connections per partner origin.', 1),
    keepAliveMs: int(30000, 'Idle keep-alive time of a partner connection.', 1),
    retryJitter: Type.Number({
      default: 0.2,
      minimum: 0,
      maximum: 1,
      description: 'Relative jitter of retry delays.',
    }),
    ratePerDestination: int(0, `${defaults.rateUnit} per second per destination; 0 = unlimited.`),
    breakerErrorPercentage: int(
      50,
      'Failure percentage over the window that opens a destination circuit.',
      1,
    ),
    breakerVolumeThreshold: int(20, 'Calls in the window before a circuit may open.', 1),
    breakerResetMs: int(30000, 'Time a circuit stays open before a trial call.', 1),
    breakerWindowMs: int(10000, 'Rolling window of the circuit statistics.', 100),
    outboundAllowList: Type.Array(Type.String(), {
      default: [],
      description: 'IPs, CIDRs or host names partners may resolve to although not public (tests, demo).',
    }),
  };
}

type Properties = ReturnType<typeof partnerConfigProperties>;
export type PartnerConfig = { [K in keyof Properties]: Static<Properties[K]> };

/** The breaker and rate-limit part of a service's DestinationGateOptions. */
export function gateSettings(
  config: PartnerConfig,
): Pick<
  DestinationGateOptions,
  'ratePerSecond' | 'errorThresholdPercentage' | 'volumeThreshold' | 'resetTimeoutMs' | 'rollingWindowMs'
> {
  return {
    ratePerSecond: config.ratePerDestination,
    errorThresholdPercentage: config.breakerErrorPercentage,
    volumeThreshold: config.breakerVolumeThreshold,
    resetTimeoutMs: config.breakerResetMs,
    rollingWindowMs: config.breakerWindowMs,
  };
}
