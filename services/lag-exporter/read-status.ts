/**
 * One reading for the /status page: per service, the counters its own /metrics shows (records
 * consumed, delivery attempts, dead letters; the page turns them into rates between two readings),
 * and per consumer group the lag the LagReader already has (cached, so polling costs no extra
 * cluster reads). A service that does not answer is reported down, never an error.
 */
import type { LagReader } from '../../libs/kafka/index.ts';
import { parseExposition, type Sample } from '../../libs/metrics/index.ts';

export interface StatusTarget {
  name: string;
  url: string;
}

export interface ServiceStatus extends StatusTarget {
  up: boolean;
  error?: string;
  /** Counters (totals since the service started); null when the service does not have them. */
  recordsConsumed: number | null;
  deliveryAttempts: number | null;
  deadLetters: number | null;
}

export interface GroupStatus {
  group: string;
  /** The target whose name the group id ends with (groups are named after services). */
  service: string | null;
  state: string;
  members: number;
  lagMessages: number;
  /** Oldest unconsumed record over the group's partitions; null when no timestamp could be read. */
  lagSeconds: number | null;
}

export interface Status {
  at: number;
  pollMs: number;
  services: ServiceStatus[];
  groups: GroupStatus[];
  lagReadAt: number | null;
  lagError?: string;
}

/** `name=url` strings of the config into targets. */
export function parseStatusTargets(entries: readonly string[]): StatusTarget[] {
  return entries.map((entry) => {
    const at = entry.indexOf('=');
    return { name: entry.slice(0, at), url: entry.slice(at + 1) };
  });
}

export async function readStatus(
  targets: readonly StatusTarget[],
  reader: LagReader,
  { pollMs, timeoutMs }: { pollMs: number; timeoutMs: number },
): Promise<Status> {
  const [services, lag] = await Promise.all([
    Promise.all(targets.map((target) => readService(target, timeoutMs))),
    reader.read().then(
      (snapshot) => ({ snapshot, error: undefined }),
      (error: unknown) => ({ snapshot: reader.lastSnapshot, error: (error as Error).message }),
    ),
  ]);
  const groups = (lag.snapshot?.groups ?? []).map((g): GroupStatus => {
    const seconds = g.partitions.map((p) => p.lagSeconds).filter((s): s is number => s !== null);
    return {
      group: g.group,
      service: targets.find((t) => g.group === t.name || g.group.endsWith(`.${t.name}`))?.name ?? null,
      state: g.state,
      members: g.members,
      lagMessages: g.partitions.reduce((sum, p) => sum + p.lagMessages, 0),
      lagSeconds: seconds.length > 0 ? Math.max(...seconds) : null,
    };
  });
  return {
    at: Date.now(),
    pollMs,
    services,
    groups,
    lagReadAt: lag.snapshot?.readAt ?? null,
    ...(lag.error === undefined ? {} : { lagError: lag.error }),
  };
}

async function readService(target: StatusTarget, timeoutMs: number): Promise<ServiceStatus> {
  try {
    const response = await fetch(target.url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return down(target, `HTTP ${response.status}`);
    const samples = parseExposition(await response.text());
    return {
      ...target,
      up: true,
      recordsConsumed: total(samples, 'segdest_consumer_records_total'),
      deliveryAttempts: total(samples, 'segdest_delivery_attempts_total'),
      deadLetters: total(samples, 'segdest_dead_letters_total'),
    };
  } catch (error) {
    return down(target, (error as Error).message);
  }
}

const down = (target: StatusTarget, error: string): ServiceStatus => ({
  ...target,
  up: false,
  error,
  recordsConsumed: null,
  deliveryAttempts: null,
  deadLetters: null,
});

/** Sum over every series of a counter; null when the service has no such metric. */
function total(samples: Sample[], name: string): number | null {
  const matching = samples.filter((s) => s.name === name);
  return matching.length === 0 ? null : matching.reduce((sum, s) => sum + s.value, 0);
}
