/**
 * Wires one s2s-delivery instance: state store (migrated), the service context (metrics, Kafka,
 * serdes, broker probe), the live
 * destination config, the stored-offset consume loop over deliveries.s2s + id-syncs (state and
 * real-time queue in one SQL transaction), the real-time sender (partner agent with SSRF guard,
 * per-destination gate, OAuth token cache), the export scheduler, and the HTTP app (ops routes and
 * export history API, not listening: main.ts listens). Tests start it in-process or as a child process.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { deadLetterMessage, StoredOffsetConsumer } from '../../libs/kafka/index.ts';
import type { DestinationConfig } from '../../libs/schema/index.ts';
import { SecretBox, secretContext } from '../../libs/destinations/secret-box.ts';
import { AddressPolicy } from '../../libs/outbound/index.ts';
import { createPartnerAgent, gateSettings, observedGate } from '../../libs/http-delivery/index.ts';
import type { ServiceHealth } from '../../libs/runtime/ops-routes.ts';
import {
  opsApp,
  readyOf,
  type ServiceDefinition,
  type ServiceInstance,
  type StartOptions as RuntimeStartOptions,
} from '../../libs/runtime/service.ts';
import { openServiceContext } from '../../libs/runtime/service-context.ts';
import {
  databaseProbe,
  loadOffsets,
  migrateToLatest,
  openStore,
  type Store,
} from '../../libs/store/index.ts';
import { countStateRows } from './store/count-state-rows.ts';
import { expireIdSyncs } from './store/expire-id-syncs.ts';
import { S2S_MIGRATIONS } from './store/migrations.ts';
import { type ExportMode } from './store/stream-users.ts';
import { realTimeRetryPolicy, s2sDeliveryConfigSchema, type S2sDeliveryConfig } from './config.ts';
import { ExportScheduler } from './export-scheduler.ts';
import { registerExportRoutes } from './export-routes.ts';
import { sftpTarget, type ExportTarget } from './export-target.ts';
import { localTarget } from './local-target.ts';
import { publishedBefore } from './published-before.ts';
import { createStateWriter } from './write-state.ts';
import { createS2sDeliveryMetrics, type S2sDeliveryMetrics } from './metrics.ts';
import { OAuthTokenCache } from './oauth-token-cache.ts';
import { activeRealTime, RealTimeSender } from './real-time-sender.ts';
import { runExport, type ExportResult } from './run-export.ts';
import { createSend } from './send.ts';
import { refusalOf, type S2sInput } from './to-state-batch.ts';

export const SERVICE = 's2s-delivery';
const DAY_MS = 24 * 3600 * 1000;

export interface S2sDeliveryInstance extends ServiceInstance {
  store: Store;
  realTime: RealTimeSender;
  exports: ExportScheduler;
  /** Runs an export now (what the API's trigger does). */
  exportNow(destinationId: number, mode: ExportMode): Promise<ExportResult>;
}

export interface StartOptions extends RuntimeStartOptions {
  /** Opens a staged export file for SFTP upload (tests inject failures). */
  sftpSource?: (path: string) => Readable;
}

export async function startS2sDelivery(
  config: S2sDeliveryConfig,
  options: StartOptions,
): Promise<S2sDeliveryInstance> {
  const store = openStore(config.databaseUrl);
  await migrateToLatest(store, S2S_MIGRATIONS);
  const holder = config.instanceId || `${hostname()}-${process.pid}`;
  const syncCutoff = () => Date.now() - config.idSyncMaxAgeDays * DAY_MS;
  const secrets = config.secretKeys.length > 0 ? new SecretBox(config.secretKeys) : null;

  const context = await openServiceContext(SERVICE, config, options);
  const { topics, serdes, registry, logger } = context;
  const metrics = createS2sDeliveryMetrics(registry);
  const live = await context.liveConfig();
  const database = databaseProbe(store);
  await database.start();
  const producer = await context.outputProducer([]);
  const admin = await context.admin();
  const supervised = context.groupConsumer({
    groupId: config.groupId,
    maxWaitTimeInMs: 100,
    sessionTimeoutMs: config.sessionTimeoutMs,
    maxBytesPerPartition: config.maxBytesPerPartition,
  });

  // Real-time HTTP.
  const policy = new AddressPolicy(config.outboundAllowList);
  const agent = createPartnerAgent({
    lookup: policy.lookup,
    connectTimeoutMs: config.connectTimeoutMs,
    responseTimeoutMs: 30_000,
    connectionsPerOrigin: config.connectionsPerOrigin,
    keepAliveMs: config.keepAliveMs,
  });
  const gate = observedGate(
    {
      maxInFlight: 1,
      ...gateSettings(config),
    },
    metrics,
    logger,
  );
  const realTime = new RealTimeSender({
    store,
    destinations: live,
    send: createSend({ dispatcher: agent, isForbiddenIp: (ip) => policy.isForbiddenIp(ip) }),
    gate,
    tokens: new OAuthTokenCache(),
    secrets,
    policy: realTimeRetryPolicy(config),
    metrics,
    logger,
    holder,
    claimMs: config.realTimeClaimMs,
    pollMs: config.realTimePollMs,
    tokenLifetimeMs: config.tokenLifetimeMs,
    userAgent: config.userAgent,
    syncCutoff,
    deadLetter: async (giveUp) => {
      await producer.sendBatch({
        topicMessages: [
          {
            topic: topics.deadLetters,
            messages: [
              deadLetterMessage(
                {
                  reason: giveUp.reason,
                  detail: giveUp.detail,
                  service: SERVICE,
                  sourceTopic: topics.deliveriesS2s,
                  sourcePartition: -1,
                  sourceOffset: '-1',
                  key: Buffer.from(String(giveUp.batch.destinationId)),
                  value: Buffer.from(giveUp.batch.body),
                  destinationId: giveUp.batch.destinationId,
                  deliveryId: giveUp.deliveryId,
                  attempts: giveUp.attempts,
                  lastStatus: giveUp.status,
                },
                serdes.deadLetter,
              ),
            ],
          },
        ],
      });
      metrics.consumer.hooks.onDeadLetter(giveUp.reason, topics.deliveriesS2s);
    },
  });

  const loop = new StoredOffsetConsumer<S2sInput>({
    service: SERVICE,
    consumer: supervised.consumer,
    admin,
    topics: [topics.deliveriesS2s, topics.idSyncs],
    loadOffsets: (topic) => loadOffsets(store, config.groupId, topic),
    decode: async (topic, value): Promise<S2sInput> =>
      topic === topics.idSyncs
        ? { kind: 'idSync', value: await serdes.idSync.decode(value) }
        : { kind: 'delivery', value: await serdes.s2sDeliveryRequest.decode(value) },
    validate: (input) => refusalOf(input),
    handle: createStateWriter({
      store,
      groupId: config.groupId,
      metrics,
      realTimeDestinations: () =>
        live
          .destinations()
          .filter((d) => activeRealTime(d) !== null)
          .map((d) => d.id),
      syncCutoff,
      onQueued: (ids) => realTime.wake(ids),
    }),
    producer,
    deadLetterTopic: topics.deadLetters,
    deadLetterEncoder: serdes.deadLetter,
    logger,
    hooks: metrics.consumer.hooks,
    partitionsConsumedConcurrently: config.partitionsConsumedConcurrently,
  });

  // Batch exports.
  const target = (destination: DestinationConfig, exportKey: string): ExportTarget => {
    const batch = destination.s2s!.batch!;
    if (batch.target === 'LOCAL') {
      return localTarget(batch.localDir ?? '', {
        roots: config.localExportRoots,
        mayReplace: (name) => publishedBefore(store, destination.id, name),
      });
    }
    if (secrets === null || batch.sftpKey === null) {
      throw new Error('SFTP exports need SECRET_KEYS in this service and an SSH key on the destination');
    }
    return sftpTarget(batch, {
      privateKey: secrets.decrypt(batch.sftpKey, secretContext(destination.id, 'sftpKey')),
      stagingDir: join(config.exportStagingDir, exportKey),
      openSource: options.sftpSource,
      onUnpinnedHostKey: (fingerprint) =>
        logger.warn(
          { destinationId: destination.id, host: batch.sftpHost, fingerprint },
          'SFTP host key not verified: set sftpHostKey on the destination to pin it',
        ),
    });
  };
  const exportDeps = {
    store,
    metrics,
    logger,
    holder,
    leaseMs: config.exportLeaseMs,
    pageUsers: config.exportPageUsers,
    syncCutoff,
    target,
  };
  const scheduler = new ExportScheduler({
    store,
    destinations: () => live.destinations(),
    run: (destination, mode) => runExport(exportDeps, destination, mode),
    metrics,
    logger,
    checkMs: config.exportCheckMs,
    retryMs: config.exportRetryMs,
  });

  await supervised.start(() => loop.start());
  await realTime.start();
  if (config.exportsEnabled) scheduler.start();

  const refresh = setInterval(() => {
    void refreshStateRows(store, metrics).catch((error: unknown) =>
      logger.warn({ err: error }, 'state row count failed'),
    );
  }, config.audienceRefreshMs);
  refresh.unref();
  const expireSyncs = () =>
    void expireIdSyncs(store, syncCutoff())
      .then((deleted) => {
        metrics.idSyncsExpired.inc(deleted);
        if (deleted > 0)
          logger.info({ deleted, maxAgeDays: config.idSyncMaxAgeDays }, 'expired ID syncs deleted');
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'ID sync expiry failed; tried again later'));
  expireSyncs();
  const expiry = setInterval(expireSyncs, config.idSyncExpiryMs);
  expiry.unref();

  const health: ServiceHealth = {
    readiness: {
      config: () => live.ready,
      consumer: () => supervised.ready(),
      broker: () => context.probe.reachable(),
      database: () => database.reachable(),
    },
    liveness: { consumer: () => supervised.live() },
  };
  const exportNow = async (destinationId: number, mode: ExportMode): Promise<ExportResult> => {
    const destination = live.destination(destinationId);
    if (destination === undefined) return { kind: 'not_batch' };
    return scheduler.trigger(destination, mode);
  };
  const app = opsApp(registry, health);
  if (config.exportApiToken === '')
    logger.warn(
      'export API open: set EXPORT_API_TOKEN (and the builder its EXPORT_HISTORY_TOKEN) to require a token',
    );
  registerExportRoutes(app, {
    store,
    token: config.exportApiToken,
    destination: (id) => live.destination(id),
    trigger: (destination, mode) => scheduler.trigger(destination, mode),
  });

  return {
    registry,
    store,
    app,
    realTime,
    exports: scheduler,
    exportNow,
    ready: readyOf(health),
    health,
    async stop() {
      clearInterval(refresh);
      clearInterval(expiry);
      await app.close();
      await supervised.stop();
      await realTime.stop();
      await scheduler.stop();
      await database.stop();
      await context.close();
      gate.close();
      await agent.close();
      await store.close();
    },
  };
}

export const s2sDeliveryService: ServiceDefinition<S2sDeliveryConfig, S2sDeliveryInstance> = {
  name: SERVICE,
  configSchema: s2sDeliveryConfigSchema,
  start: startS2sDelivery,
  address: (config) => ({ host: config.httpHost, port: config.httpPort }),
  stopping: 'stopping: finishing the batch and sends in flight, leaving the group',
};

async function refreshStateRows(store: Store, metrics: S2sDeliveryMetrics): Promise<void> {
  for (const { destinationId, rows } of await countStateRows(store)) {
    metrics.exports.stateRows.set({ destination_id: String(destinationId) }, rows);
  }
}
