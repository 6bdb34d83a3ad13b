/**
 * Wires the lag exporter: Kafka client, LagReader (libs/kafka), its metrics on a fresh registry and
 * the ops HTTP app (not listening) with the /status page (status-routes.ts). Ready once a read succeeded within
 * staleAfterMs. No decisions live here.
 */
import { createKafka, LagReader } from '../../libs/kafka/index.ts';
import { collectLag } from './collect-lag.ts';
import { createMetrics } from '../../libs/metrics/index.ts';
import type { ServiceHealth } from '../../libs/runtime/ops-routes.ts';
import {
  opsApp,
  type ServiceDefinition,
  type ServiceInstance,
  type StartOptions,
} from '../../libs/runtime/service.ts';
import { lagExporterConfigSchema, type LagExporterConfig } from './config.ts';
import { parseStatusTargets, readStatus } from './read-status.ts';
import { registerStatusRoutes } from './status-routes.ts';

export const SERVICE = 'lag-exporter';

export interface LagExporter extends ServiceInstance {
  reader: LagReader;
}

export async function startLagExporter(
  config: LagExporterConfig,
  { logger, clientId }: StartOptions,
): Promise<LagExporter> {
  const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: clientId ?? SERVICE, logger });
  const reader = new LagReader({
    kafka,
    logger,
    groups: config.consumerGroups,
    groupPrefix: config.consumerGroupPrefix,
    cacheTtlMs: config.cacheTtlMs,
    concurrency: config.concurrency,
  });
  const registry = createMetrics(SERVICE);
  collectLag(registry, reader, logger);
  const fresh = () => {
    const last = reader.lastSnapshot;
    return last !== undefined && Date.now() - last.readAt < config.staleAfterMs;
  };
  const health: ServiceHealth = {
    readiness: { lagRead: async () => fresh() || (await reader.read().then(fresh, () => false)) },
    liveness: {},
  };
  const app = opsApp(registry, health);
  const targets = parseStatusTargets(config.statusTargets);
  registerStatusRoutes(app, () =>
    readStatus(targets, reader, { pollMs: config.statusPollMs, timeoutMs: config.statusTimeoutMs }),
  );
  await reader.read().catch((error: unknown) => logger.warn({ err: error }, 'first lag read failed'));
  return {
    app,
    registry,
    health,
    ready: fresh,
    reader,
    async stop() {
      await app.close();
      await reader.close();
    },
  };
}

export const lagExporterService: ServiceDefinition<LagExporterConfig, LagExporter> = {
  name: SERVICE,
  configSchema: lagExporterConfigSchema,
  start: startLagExporter,
  address: (config) => ({ host: config.httpHost, port: config.httpPort }),
  stopping: 'stopping',
};
