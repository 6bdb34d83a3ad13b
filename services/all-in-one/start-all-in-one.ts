/**
 * Starts every service of the product in this process, each with its own config (derived from the
 * all-in-one config and validated by the service's schema), its own metrics registry and its own
 * HTTP port, after bootstrapping the topic catalog. The data path is the same as in production:
 * services talk only through Kafka topics, never through in-memory shortcuts.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Env } from '../../libs/config/index.ts';
import { bootstrapTopics, createKafka, topicCatalog } from '../../libs/kafka/index.ts';
import type { Registry } from '../../libs/metrics/index.ts';
import { createLogger, type Logger } from '../../libs/runtime/logger.ts';
import { launchService, type ServiceInstance } from '../../libs/runtime/service.ts';
import {
  DATA_PLANE,
  SERVICE_DEFINITIONS,
  SERVICES,
  type DataPlaneService,
  type ServiceName,
} from '../service-definitions.ts';
import type { AllInOneConfig } from './config.ts';

export { SERVICES, type ServiceName };

export interface AllInOne {
  /** Base URL of each service's HTTP server (ops routes; the builder's API; the cookie edge endpoint). */
  urls: Record<ServiceName, string>;
  /** Consumer groups of the data-plane services (what the lag exporter reports). */
  groups: Record<DataPlaneService, string>;
  registries: Partial<Record<ServiceName, Registry>>;
  /** Stops every service, data plane first, then the builder and the lag exporter. */
  stop(): Promise<void>;
}

interface Started {
  name: ServiceName;
  url: string;
  instance: ServiceInstance;
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
  const ops = (port: number) => ({ HTTP_HOST: config.httpHost, HTTP_PORT: String(port) });

  const dataPlaneUrls: Partial<Record<ServiceName, string>> = {};
  // Each service's environment, as its main.ts would read it (the builder and the lag exporter are
  // read after the data plane started: they link to its URLs, and ports may be chosen by the OS).
  const envs: Record<ServiceName, () => Env> = {
    'destination-builder': () => ({
      ...common,
      SECRET_KEYS: secretKeys,
      HOST: config.httpHost,
      PORT: String(config.builderPort),
      BOOTSTRAP_ADMIN_TOKEN: config.bootstrapAdminToken,
      OUTBOUND_ALLOW_LIST: allowList,
      ALLOW_HTTP_ENDPOINTS: String(config.allowHttpEndpoints),
      LOCAL_EXPORT_ROOTS: localExportRoots,
      // The UI's delivery charts and export history read the data plane.
      DELIVERY_METRICS_URLS: DATA_PLANE.flatMap((name) =>
        dataPlaneUrls[name] ? [`${dataPlaneUrls[name]}/metrics`] : [],
      ).join(','),
      EXPORT_HISTORY_URL: dataPlaneUrls['s2s-delivery'] ?? '',
    }),
    router: () => ({
      ...common,
      ...ops(config.routerPort),
      GROUP_ID: groups.router,
      TRANSACTIONAL_ID_PREFIX: `${prefix}router`,
    }),
    'url-delivery': () => ({
      ...common,
      ...ops(config.urlDeliveryPort),
      GROUP_ID: groups['url-delivery'],
      OUTBOUND_ALLOW_LIST: allowList,
    }),
    'cookie-delivery': () => ({
      ...common,
      ...ops(config.cookieDeliveryPort),
      GROUP_ID: groups['cookie-delivery'],
      DATABASE_URL: config.cookieDatabaseUrl || `sqlite://${join(stateDir, 'cookie-delivery.db')}`,
    }),
    's2s-delivery': () => ({
      ...common,
      ...ops(config.s2sDeliveryPort),
      GROUP_ID: groups['s2s-delivery'],
      DATABASE_URL: config.s2sDatabaseUrl || `sqlite://${join(stateDir, 's2s-delivery.db')}`,
      SECRET_KEYS: secretKeys,
      OUTBOUND_ALLOW_LIST: allowList,
      EXPORT_STAGING_DIR: join(stateDir, 's2s-staging'),
      LOCAL_EXPORT_ROOTS: localExportRoots,
    }),
    'lag-exporter': () => ({
      KAFKA_BROKERS: common.KAFKA_BROKERS,
      LOG_LEVEL: config.logLevel,
      ...ops(config.lagExporterPort),
      CONSUMER_GROUPS: Object.values(groups).join(','),
      CACHE_TTL_MS: '1000',
      STATUS_TARGETS: Object.entries({
        ...(config.builderPort === 0 ? {} : { 'destination-builder': base(config.builderPort) }),
        ...dataPlaneUrls,
      })
        .map(([name, url]) => `${name}=${url}/metrics`)
        .join(','),
    }),
  };
  const start = async (name: ServiceName): Promise<Started> => {
    const definition = SERVICE_DEFINITIONS[name] as (typeof SERVICE_DEFINITIONS)['router'];
    const { instance, url } = await launchService(definition, envs[name](), {
      logger: log(name),
      ...(onGiveUp ? { onGiveUp } : {}),
    });
    return { name, url, instance };
  };

  // The data plane first, in parallel; then the builder and the lag exporter, which link to the
  // data plane's URLs (UI charts and export history, the /status page; ports may be chosen by the OS).
  const outcomes: PromiseSettledResult<Started>[] = await Promise.allSettled(DATA_PLANE.map(start));
  for (const o of outcomes) if (o.status === 'fulfilled') dataPlaneUrls[o.value.name] = o.value.url;
  if (!outcomes.some((o) => o.status === 'rejected')) {
    outcomes.push(...(await Promise.allSettled([start('destination-builder'), start('lag-exporter')])));
  }
  const started = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  const stop = async () => {
    // Data plane first (finish in-flight work, commit, leave the groups), then config and lag.
    const byName = new Map(started.map((s) => [s.name, s.instance]));
    await Promise.allSettled(DATA_PLANE.flatMap((name) => byName.get(name)?.stop() ?? []));
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
    registries: Object.fromEntries(started.map((s) => [s.name, s.instance.registry])),
    stop,
  };
}
