/**
 * Whether the Kafka cluster can be reached now, for /readyz: a metadata request (describeCluster)
 * every few seconds, each bounded in time (libs/runtime/periodic-probe.ts). A consumer that is in
 * its group can have lost its brokers for up to a session timeout before kafkajs notices, and the
 * builder has no consumer group at all; this probe answers for both within seconds.
 */
import type { Admin, Kafka } from 'kafkajs';
import type { Registry } from 'prom-client';
import { kafkaClientMetrics } from '../metrics/kafka-client-metrics.ts';
import { PeriodicProbe } from '../runtime/periodic-probe.ts';

export interface BrokerProbeOptions {
  kafka: Kafka;
  registry: Registry;
  intervalMs?: number;
}

export class BrokerProbe {
  private admin: Admin | undefined;
  private readonly probe: PeriodicProbe;

  constructor(o: BrokerProbeOptions) {
    const metrics = kafkaClientMetrics(o.registry);
    metrics.brokerReachable.set(0);
    this.probe = new PeriodicProbe(
      async () => {
        this.admin ??= o.kafka.admin({ retry: { retries: 0 } });
        await this.admin.connect();
        await this.admin.describeCluster();
      },
      {
        ...(o.intervalMs ? { intervalMs: o.intervalMs } : {}),
        onResult: (ok) => metrics.brokerReachable.set(ok ? 1 : 0),
        onFailure: () => {
          // A fresh client next time: this one may hold dead connections.
          const stale = this.admin;
          this.admin = undefined;
          void stale?.disconnect().catch(() => undefined);
        },
      },
    );
  }

  start(): Promise<void> {
    return this.probe.start();
  }

  reachable(): boolean {
    return this.probe.reachable();
  }

  async stop(): Promise<void> {
    await this.probe.stop();
    await this.admin?.disconnect().catch(() => undefined);
    this.admin = undefined;
  }
}
