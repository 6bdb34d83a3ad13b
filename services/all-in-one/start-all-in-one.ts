/**
 * Starts every service of the product in this process, each with its own config (derived from the
 * all-in-one config and validated by the service's schema), its own metrics registry and its own
 * HTTP port, after bootstrapping the topic catalog. The data path is the same as in production:
 * services talk only through Kafka topics, never through in-memory shortcuts.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { loadConfig, type Env } from '../../libs/config/index.ts';
import { bootstrapTopics, createKafka, topicCatalog, topicNames } from '../../libs/kafka/index.ts';
import type { Registry } from '../../libs/metrics/index.ts';
import { createLogger, type Logger } from '../../libs/runtime/logger.ts';
import { registerOpsRoutes } from '../../libs/runtime/ops-routes.ts';
import { SchemaRegistryClient, createSerdes, registerSerdes } from '../../libs/schema/index.ts';
import { cookieDeliveryConfigSchema } from '../cookie-delivery/config.ts';
import { startCookieDelivery } from '../cookie-delivery/start-cookie-delivery.ts';
import { createBuilderService } from '../destination-builder/builder-service.ts';
import { builderConfigSchema } from '../destination-builder/config.ts';
import { createMetrics } from '../../libs/metrics/index.ts';
import { lagExporterConfigSchema } from '../lag-exporter/config.ts';
import { startLagExporter } from '../lag-exporter/start-lag-exporter.ts';
import { routerConfigSchema } from '../router/config.ts';
import { startRouter } from '../router/start-router.ts';
import { s2sDeliveryConfigSchema } from '../s2s-delivery/config.ts';
import { startS2sDelivery } from '../s2s-delivery/start-s2s-delivery.ts';
import { urlDeliveryConfigSchema } from '../url-delivery/config.ts';
import { startUrlDelivery } from '../url-delivery/start-url-delivery.ts';
import type { AllInOneConfig } from './config.ts';

export const SERVICES = [
  'destination-builder',
  'router',
  'url-delivery',
  'cookie-delivery',
  's2s-delivery',
  'lag-exporter',
] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface AllInOne {
  /** Base URL of each service's HTTP server (ops routes; the builder's API; the cookie edge endpoint). */
  urls: Record<ServiceName, string>;
  /** Consumer groups of the data-plane services (what the lag exporter reports). */
  groups: Record<'router' | 'url-delivery' | 'cookie-delivery' | 's2s-delivery', string>;
  registries: Partial<Record<ServiceName, Registry>>;
  /** Stops every service, data plane first, then the builder and the lag exporter. */
  stop(): Promise<void>;
}

interface Started {
  name: ServiceName;
  url: string;
  registry?: Registry;
  stop(): Promise<void>;
}

/** The secret keys: the configured ones, else a key generated once and kept in the state dir. */
export function resolveSecretKeys(config: AllInOneConfig): string {
  if (config.secretKeys !== '') return config.secretKeys;
  const file = join(config.stateDir, 'secret-keys');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.stateDir, { recursive: true });
  const keys = `local1:${randomBytes(32).toString('base64')}`;
  writeFileSync(file, `${keys}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return keys;
}

export async function startAllInOne(
  config: AllInOneConfig,
  options: {
    logger?: (service: string) => Logger;
    /** A consumer gave up restarting: main.ts exits for the process supervisor. */
    onGiveUp?: (error: unknown) => void;
  } = {},
): Promise<AllInOne> {
  const log = options.logger ?? ((service: string) => createLogger(service, config.logLevel));
  const onGiveUp = options.onGiveUp;
  const prefix = config.topicPrefix;
  const stateDir = resolve(config.stateDir);
  const common: Env = {
    KAFKA_BROKERS: config.kafkaBrokers.join(','),
    SCHEMA_REGISTRY_URL: config.schemaRegistryUrl,
    TOPIC_PREFIX: prefix,
    LOG_LEVEL: config.logLevel,
  };
  const groups = {
    router: `${prefix}router`,
    'url-delivery': `${prefix}url-delivery`,
    'cookie-delivery': `${prefix}cookie-delivery`,
    's2s-delivery': `${prefix}s2s-delivery`,
  };
  const allowList = config.outboundAllowList.join(',');
  const localExportRoots = config.localExportRoots.join(',');

  if (config.bootstrap) {
    const kafka = createKafka({
      brokers: config.kafkaBrokers,
      clientId: 'all-in-one',
      logger: log('all-in-one'),
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await bootstrapTopics(admin, topicCatalog(prefix, config.dataPartitions));
    } finally {
      await admin.disconnect();
    }
  }
  const secretKeys = resolveSecretKeys(config);
  const base = (port: number) =>
    `http://${config.httpHost === '0.0.0.0' ? '127.0.0.1' : config.httpHost}:${port}`;
  const listenOps = async (app: FastifyInstance, port: number) => {
    await app.listen({ host: config.httpHost, port });
    return base((app.server.address() as AddressInfo).port);
  };

  const dataPlaneUrls: Partial<Record<ServiceName, string>> = {};
  const starters: Record<ServiceName, () => Promise<Started>> = {
    'destination-builder': async () => {
      const builderConfig = loadConfig(builderConfigSchema, {
        ...common,
        SECRET_KEYS: secretKeys,
        HOST: config.httpHost,
        PORT: String(config.builderPort),
        BOOTSTRAP_ADMIN_TOKEN: config.bootstrapAdminToken,
        OUTBOUND_ALLOW_LIST: allowList,
        ALLOW_HTTP_ENDPOINTS: String(config.allowHttpEndpoints),
        LOCAL_EXPORT_ROOTS: localExportRoots,
        // The UI's delivery charts and export history read the data plane (started before the builder).
        DELIVERY_METRICS_URLS: (['router', 'url-delivery', 'cookie-delivery', 's2s-delivery'] as const)
          .flatMap((name) => (dataPlaneUrls[name] ? [`${dataPlaneUrls[name]}/metrics`] : []))
          .join(','),
        EXPORT_HISTORY_URL: dataPlaneUrls['s2s-delivery'] ?? '',
      });
      const registry = createMetrics('destination-builder');
      const topics = topicNames(prefix);
      const logger = log('destination-builder');
      const serdes = createSerdes(new SchemaRegistryClient(builderConfig.schemaRegistryUrl), topics);
      await registerSerdes(serdes);
      const kafka = createKafka({
        brokers: builderConfig.kafkaBrokers,
        clientId: 'destination-builder',
        logger,
      });
      const service = await createBuilderService({
        config: builderConfig,
        logger,
        registry,
        kafka,
        topics,
        serdes,
      });
      await service.start();
      const url = await listenOps(service.app, builderConfig.port);
      return { name: 'destination-builder', url, registry, stop: () => service.stop() };
    },
    router: async () => {
      const routerConfig = loadConfig(routerConfigSchema, {
        ...common,
        GROUP_ID: groups.router,
        TRANSACTIONAL_ID_PREFIX: `${prefix}router`,
      });
      const instance = await startRouter(routerConfig, { logger: log('router'), onGiveUp });
      const app = Fastify({ logger: false });
      registerOpsRoutes(app, instance.registry, instance.health.readiness, instance.health.liveness);
      const url = await listenOps(app, config.routerPort);
      return {
        name: 'router',
        url,
        registry: instance.registry,
        stop: () => closeThen(app, () => instance.stop()),
      };
    },
    'url-delivery': async () => {
      const urlConfig = loadConfig(urlDeliveryConfigSchema, {
        ...common,
        GROUP_ID: groups['url-delivery'],
        OUTBOUND_ALLOW_LIST: allowList,
      });
      const instance = await startUrlDelivery(urlConfig, { logger: log('url-delivery'), onGiveUp });
      const app = Fastify({ logger: false });
      registerOpsRoutes(app, instance.registry, instance.health.readiness, instance.health.liveness);
      const url = await listenOps(app, config.urlDeliveryPort);
      return {
        name: 'url-delivery',
        url,
        registry: instance.registry,
        stop: () => closeThen(app, () => instance.stop()),
      };
    },
    'cookie-delivery': async () => {
      const instance = await startCookieDelivery(
        loadConfig(cookieDeliveryConfigSchema, {
          ...common,
          GROUP_ID: groups['cookie-delivery'],
          DATABASE_URL: config.cookieDatabaseUrl || `sqlite://${join(stateDir, 'cookie-delivery.db')}`,
          HTTP_HOST: config.httpHost,
          HTTP_PORT: String(config.cookieDeliveryPort),
        }),
        { logger: log('cookie-delivery'), onGiveUp },
      );
      return {
        name: 'cookie-delivery',
        url: instance.url,
        registry: instance.registry,
        stop: () => instance.stop(),
      };
    },
    's2s-delivery': async () => {
      const instance = await startS2sDelivery(
        loadConfig(s2sDeliveryConfigSchema, {
          ...common,
          GROUP_ID: groups['s2s-delivery'],
          DATABASE_URL: config.s2sDatabaseUrl || `sqlite://${join(stateDir, 's2s-delivery.db')}`,
          SECRET_KEYS: secretKeys,
          OUTBOUND_ALLOW_LIST: allowList,
          EXPORT_STAGING_DIR: join(stateDir, 's2s-staging'),
          LOCAL_EXPORT_ROOTS: localExportRoots,
        }),
        { logger: log('s2s-delivery'), onGiveUp },
      );
      const url = await listenOps(instance.app, config.s2sDeliveryPort);
      return { name: 's2s-delivery', url, registry: instance.registry, stop: () => instance.stop() };
    },
    'lag-exporter': async () => {
      const exporter = await startLagExporter(
        loadConfig(lagExporterConfigSchema, {
          KAFKA_BROKERS: common.KAFKA_BROKERS,
          LOG_LEVEL: config.logLevel,
          CONSUMER_GROUPS: Object.values(groups).join(','),
          CACHE_TTL_MS: '1000',
          STATUS_TARGETS: Object.entries({
            ...(config.builderPort === 0 ? {} : { 'destination-builder': base(config.builderPort) }),
            ...dataPlaneUrls,
          })
            .map(([name, url]) => `${name}=${url}/metrics`)
            .join(','),
        }),
        { logger: log('lag-exporter') },
      );
      const url = await listenOps(exporter.app, config.lagExporterPort);
      return { name: 'lag-exporter', url, registry: exporter.registry, stop: () => exporter.stop() };
    },
  };

  // The data plane first, in parallel; then the builder and the lag exporter, which link to the
  // data plane's URLs (UI charts and export history, the /status page; ports may be chosen by the OS).
  const dataPlane = SERVICES.filter((name) => name !== 'destination-builder' && name !== 'lag-exporter');
  const outcomes: PromiseSettledResult<Started>[] = await Promise.allSettled(
    dataPlane.map((name) => starters[name]()),
  );
  for (const o of outcomes) if (o.status === 'fulfilled') dataPlaneUrls[o.value.name] = o.value.url;
  if (!outcomes.some((o) => o.status === 'rejected')) {
    outcomes.push(
      ...(await Promise.allSettled([starters['destination-builder'](), starters['lag-exporter']()])),
    );
  }
  const started = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  const stop = async () => {
    // Data plane first (finish in-flight work, commit, leave the groups), then config and lag.
    const order: ServiceName[] = ['router', 'url-delivery', 'cookie-delivery', 's2s-delivery'];
    const byName = new Map(started.map((s) => [s.name, s]));
    await Promise.allSettled(order.flatMap((name) => byName.get(name)?.stop() ?? []));
    await Promise.allSettled(
      (['destination-builder', 'lag-exporter'] as const).flatMap((name) => byName.get(name)?.stop() ?? []),
    );
  };
  if (failed) {
    await stop();
    throw failed.reason;
  }
  const byName = Object.fromEntries(started.map((s) => [s.name, s])) as Record<ServiceName, Started>;
  return {
    urls: Object.fromEntries(SERVICES.map((name) => [name, byName[name].url])) as Record<ServiceName, string>,
    groups,
    registries: Object.fromEntries(started.map((s) => [s.name, s.registry])),
    stop,
  };
}

async function closeThen(app: FastifyInstance, stop: () => Promise<void>): Promise<void> {
  await app.close();
  await stop();
}
