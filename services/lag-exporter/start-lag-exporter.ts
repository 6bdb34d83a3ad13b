/**
 * Wires the lag exporter: Kafka client, LagReader (libs/kafka), its metrics on a fresh registry and
 * the ops HTTP server with the /status page (status-routes.ts). Ready once a read succeeded within
 * staleAfterMs. No decisions live here.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { collectLag, createKafka, LagReader } from '../../libs/kafka/index.ts';
import { createMetrics, type Registry } from '../../libs/metrics/index.ts';
import type { Logger } from '../../libs/runtime/logger.ts';
import { registerOpsRoutes } from '../../libs/runtime/ops-routes.ts';
import type { LagExporterConfig } from './config.ts';
import { parseStatusTargets, readStatus } from './read-status.ts';
import { registerStatusRoutes } from './status-routes.ts';

export const SERVICE = 'lag-exporter';

export interface LagExporter {
  app: FastifyInstance;
  registry: Registry;
  reader: LagReader;
  stop(): Promise<void>;
}

export async function startLagExporter(
  config: LagExporterConfig,
  { logger }: { logger: Logger },
): Promise<LagExporter> {
  const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: SERVICE, logger });
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
  const app = Fastify({ logger: false });
  registerOpsRoutes(app, registry, {
    lagRead: async () => fresh() || (await reader.read().then(fresh, () => false)),
  });
  const targets = parseStatusTargets(config.statusTargets);
  registerStatusRoutes(app, () =>
    readStatus(targets, reader, { pollMs: config.statusPollMs, timeoutMs: config.statusTimeoutMs }),
  );
  await reader.read().catch((error: unknown) => logger.warn({ err: error }, 'first lag read failed'));
  return {
    app,
    registry,
    reader,
    async stop() {
      await app.close();
      await reader.close();
    },
  };
}
