/**
 * Exposes a LagReader on a registry: on each scrape the lag gauges ask the reader (TTL-cached, one
 * read shared by concurrent scrapes) and are rewritten from its snapshot, so partitions of deleted
 * groups or topics disappear instead of freezing. A failed read keeps the last figures (their age is
 * segdest_lag_last_read_timestamp_seconds) and counts reason="cluster"; a scrape never fails.
 */
import type { LagReader, LagSnapshot } from '../../libs/kafka/index.ts';
import type { Registry } from '../../libs/metrics/index.ts';
import type { Logger } from '../../libs/runtime/logger.ts';
import { GROUP_STATES, lagMetrics } from './metrics.ts';

export function collectLag(registry: Registry, reader: LagReader, logger: Logger): void {
  let applied: LagSnapshot | undefined;
  let refreshing: Promise<void> | undefined;

  const refresh = async () => {
    try {
      const snapshot = await reader.read();
      if (snapshot !== applied) apply(snapshot);
    } catch (error) {
      logger.warn({ err: error }, 'lag read failed');
      m.readErrors.inc({ reason: 'cluster' });
    }
  };

  // Every lag metric awaits the same refresh, so one scrape sees one consistent snapshot.
  const m = lagMetrics(registry, {
    collect: () => {
      refreshing ??= refresh().finally(() => {
        refreshing = undefined;
      });
      return refreshing;
    },
  });

  const apply = (snapshot: LagSnapshot) => {
    applied = snapshot;
    for (const gauge of [
      m.committedOffset,
      m.logEndOffset,
      m.lagMessages,
      m.lagSeconds,
      m.groupState,
      m.groupMembers,
    ]) {
      gauge.reset();
    }
    for (const g of snapshot.groups) {
      m.groupMembers.set({ group: g.group }, g.members);
      for (const state of GROUP_STATES)
        m.groupState.set({ group: g.group, state }, state === g.state ? 1 : 0);
      if (!(GROUP_STATES as readonly string[]).includes(g.state))
        m.groupState.set({ group: g.group, state: g.state }, 1);
      for (const p of g.partitions) {
        const labels = { group: g.group, topic: p.topic, partition: String(p.partition) };
        m.committedOffset.set(labels, p.committedOffset);
        m.logEndOffset.set(labels, p.logEndOffset);
        m.lagMessages.set(labels, p.lagMessages);
        if (p.lagSeconds !== null) m.lagSeconds.set(labels, p.lagSeconds);
      }
    }
    for (const e of snapshot.errors) m.readErrors.inc({ reason: e.reason });
    m.readDuration.observe(snapshot.durationSeconds);
    m.lastRead.set(snapshot.readAt / 1000);
  };
}
