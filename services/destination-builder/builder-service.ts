/**
 * Assembles the destination builder from its parts: the live views of its config topics
 * (destinations, data sources, tokens), the single config writer, the use cases and the HTTP app.
 * main.ts and the integration tests both start it this way.
 */
import type { FastifyInstance } from 'fastify';
import { KeyedTopicView } from '../../libs/destinations/keyed-topic-view.ts';
import { LiveConfig } from '../../libs/destinations/live-config.ts';
import { SecretBox } from '../../libs/destinations/secret-box.ts';
import { BrokerProbe, type Kafka, type TopicNames } from '../../libs/kafka/index.ts';
import type { Registry } from '../../libs/metrics/index.ts';
import { AddressPolicy } from '../../libs/outbound/index.ts';
import type { Logger } from '../../libs/runtime/logger.ts';
import type { ServiceHealth } from '../../libs/runtime/ops-routes.ts';
import type { Serdes } from '../../libs/schema/index.ts';
import type { ApiToken, DataSource } from '../../libs/schema/types.ts';
import { buildApp } from './build-app.ts';
import type { BuilderConfig } from './config.ts';
import { ConfigWriter } from './config-writer.ts';
import { DataSourceCommands } from './data-source-commands.ts';
import { DestinationCommands } from './destination-commands.ts';
import { createBuilderMetrics } from './metrics.ts';
import { DEFAULT_UI_DIR } from './serve-ui.ts';
import { TokenStore } from './token-store.ts';

export interface BuilderDeps {
  config: BuilderConfig;
  logger: Logger;
  registry: Registry;
  kafka: Kafka;
  topics: TopicNames;
  serdes: Serdes;
}

export interface BuilderService {
  app: FastifyInstance;
  health: ServiceHealth;
  live: LiveConfig;
  writer: ConfigWriter;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function createBuilderService({
  config,
  logger,
  registry,
  kafka,
  topics,
  serdes,
}: BuilderDeps): Promise<BuilderService> {
  const timeout = config.catchUpTimeoutMs;
  const live = new LiveConfig({
    kafka,
    topic: topics.destinations,
    serde: serdes.destinationConfig,
    logger,
    service: 'destination-builder',
  });
  const dataSourceView = new KeyedTopicView<DataSource>({
    kafka,
    topic: topics.dataSources,
    name: 'destination-builder-data-sources',
    logger,
    decode: (value) => serdes.dataSource.decode(value),
  });
  const tokenView = new KeyedTopicView<ApiToken>({
    kafka,
    topic: topics.apiTokens,
    name: 'destination-builder-tokens',
    logger,
    decode: (value) => serdes.apiToken.decode(value),
  });
  const writer = new ConfigWriter({
    kafka,
    transactionalId: `${config.topicPrefix}${config.transactionalId}`,
    logger,
  });
  const audit = { auditSerde: serdes.destinationAudit, catchUpTimeoutMs: timeout };
  const destinations = new DestinationCommands({
    live,
    writer,
    topics,
    configSerde: serdes.destinationConfig,
    ...audit,
    secretBox: new SecretBox(config.secretKeys),
    policy: new AddressPolicy(config.outboundAllowList),
    rules: { allowHttpEndpoints: config.allowHttpEndpoints, localExportRoots: config.localExportRoots },
  });
  const dataSources = new DataSourceCommands({
    view: dataSourceView,
    writer,
    topics,
    serde: serdes.dataSource,
    ...audit,
  });
  const tokens = new TokenStore({
    view: tokenView,
    writer,
    topics,
    tokenSerde: serdes.apiToken,
    ...audit,
    bootstrapAdminToken: config.bootstrapAdminToken,
  });
  const metrics = createBuilderMetrics(registry, () => live.destinations().length);
  const probe = new BrokerProbe({ kafka, registry });
  const health: ServiceHealth = {
    readiness: {
      broker: () => probe.reachable(),
      destinations: () => live.ready,
      dataSources: () => dataSourceView.ready,
      tokens: () => tokenView.ready,
    },
    liveness: {},
  };
  const app = await buildApp({
    logger,
    registry,
    metrics,
    bodyLimitBytes: config.bodyLimitBytes,
    checkResponses: config.checkResponses,
    destinations,
    dataSources,
    tokens,
    uiDir: config.uiDir === '' ? DEFAULT_UI_DIR : config.uiDir,
    deliveryMetricsUrls: config.deliveryMetricsUrls,
    exportHistoryUrl: config.exportHistoryUrl,
    exportHistoryToken: config.exportHistoryToken,
    readiness: health.readiness,
  });
  return {
    app,
    health,
    live,
    writer,
    async start() {
      await Promise.all([
        live.start(),
        dataSourceView.start(),
        tokenView.start(),
        writer.start(),
        probe.start(),
      ]);
    },
    async stop() {
      await app.close();
      await Promise.all([writer.stop(), live.stop(), dataSourceView.stop(), tokenView.stop(), probe.stop()]);
    },
  };
}
