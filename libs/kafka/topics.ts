/**
 * Every topic of the product, declared once: name, partitions, configs. The bootstrap step creates
 * them; services refer to topics only through topicNames(). Data topics are keyed by device uuid.
 */
export interface TopicSpec {
  name: string;
  partitions: number;
  configs: Record<string, string>;
}

export interface TopicNames {
  qualifications: string;
  idSyncs: string;
  destinations: string;
  destinationsAudit: string;
  deliveriesUrl: string;
  deliveriesCookie: string;
  deliveriesS2s: string;
  deadLetters: string;
  dataSources: string;
  apiTokens: string;
  /** Delay topics of url-delivery retries, shortest first (one per RETRY_DELAYS entry). */
  deliveriesUrlRetry: string[];
}

/** Retry delay tiers: `<prefix>deliveries.url.retry.<tier>`; a record waits in its tier until due. */
export const RETRY_DELAYS = [
  { tier: '1s', ms: 1_000 },
  { tier: '10s', ms: 10_000 },
  { tier: '1m', ms: 60_000 },
  { tier: '10m', ms: 600_000 },
] as const;

export function topicNames(prefix = ''): TopicNames {
  return {
    qualifications: `${prefix}qualifications`,
    idSyncs: `${prefix}id-syncs`,
    destinations: `${prefix}destinations`,
    destinationsAudit: `${prefix}destinations.audit`,
    deliveriesUrl: `${prefix}deliveries.url`,
    deliveriesCookie: `${prefix}deliveries.cookie`,
    deliveriesS2s: `${prefix}deliveries.s2s`,
    deadLetters: `${prefix}dead-letters`,
    dataSources: `${prefix}data-sources`,
    apiTokens: `${prefix}api-tokens`,
    deliveriesUrlRetry: RETRY_DELAYS.map(({ tier }) => `${prefix}deliveries.url.retry.${tier}`),
  };
}

const COMPACTED = { 'cleanup.policy': 'compact', 'min.compaction.lag.ms': '60000' };
const WEEK_MS = String(7 * 24 * 3600 * 1000);
const MONTH_MS = String(30 * 24 * 3600 * 1000);

export function topicCatalog(prefix = '', dataPartitions = 6): TopicSpec[] {
  const t = topicNames(prefix);
  const data = { 'retention.ms': WEEK_MS };
  return [
    { name: t.qualifications, partitions: dataPartitions, configs: data },
    { name: t.idSyncs, partitions: dataPartitions, configs: COMPACTED },
    // One partition: a total order of config changes, replayed by every service (like Connect's config topic).
    { name: t.destinations, partitions: 1, configs: COMPACTED },
    { name: t.destinationsAudit, partitions: 1, configs: { 'retention.ms': '-1' } },
    { name: t.deliveriesUrl, partitions: dataPartitions, configs: data },
    { name: t.deliveriesCookie, partitions: dataPartitions, configs: data },
    { name: t.deliveriesS2s, partitions: dataPartitions, configs: data },
    { name: t.deadLetters, partitions: 3, configs: { 'retention.ms': MONTH_MS } },
    // Builder-owned config, compacted like `destinations`: data export controls (read by the router), API tokens.
    { name: t.dataSources, partitions: 1, configs: COMPACTED },
    { name: t.apiTokens, partitions: 1, configs: COMPACTED },
    ...t.deliveriesUrlRetry.map((name) => ({ name, partitions: dataPartitions, configs: data })),
  ];
}
