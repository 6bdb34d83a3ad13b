/**
 * Wires one url-delivery instance: the service context (metrics, Kafka, serdes, broker probe), the
 * live destination config, the partner agent with its SSRF guard, the per-destination gate, the
 * handler, and the consume loop over deliveries.url + its delay topics. main.ts runs the definition;
 * tests and the benchmark start it in-process.
 */
import { DelayedConsumer, RETRY_DELAYS } from '../../libs/kafka/index.ts';
import type { ServiceHealth } from '../../libs/runtime/ops-routes.ts';
import {
  opsApp,
  readyOf,
  type ServiceDefinition,
  type ServiceInstance,
  type StartOptions as RuntimeStartOptions,
} from '../../libs/runtime/service.ts';
import { openServiceContext } from '../../libs/runtime/service-context.ts';
import { validateLimits, type UrlDeliveryRequest } from '../../libs/schema/index.ts';
import type { DestinationLookup } from '../../libs/destinations/live-config.ts';
import { AddressPolicy } from '../../libs/outbound/index.ts';
import type { DestinationGate } from '../../libs/http-delivery/index.ts';
import { createPartnerAgent, gateSettings, observedGate } from '../../libs/http-delivery/index.ts';
import { urlDeliveryConfigSchema, type UrlDeliveryConfig } from './config.ts';
import { createHandler } from './handler.ts';
import { createUrlDeliveryMetrics } from './metrics.ts';
import { dueAtOf } from './retry-state.ts';
import { createSend } from './send.ts';

export const SERVICE = 'url-delivery';

export interface UrlDeliveryInstance extends ServiceInstance {
  gate: DestinationGate;
}

export interface StartOptions extends RuntimeStartOptions {
  /** Instead of the live view of the destinations topic (unit-style tests). */
  destinations?: DestinationLookup;
}

export async function startUrlDelivery(
  config: UrlDeliveryConfig,
  options: StartOptions,
): Promise<UrlDeliveryInstance> {
  const context = await openServiceContext(SERVICE, config, options);
  const { topics, serdes, registry, logger } = context;
  const metrics = createUrlDeliveryMetrics(registry);
  const live = options.destinations ? undefined : await context.liveConfig();
  const destinations = options.destinations ?? live!;

  const policy = new AddressPolicy(config.outboundAllowList);
  const agent = createPartnerAgent({
    lookup: policy.lookup,
    connectTimeoutMs: config.connectTimeoutMs,
    responseTimeoutMs: config.responseTimeoutMs,
    connectionsPerOrigin: config.connectionsPerOrigin,
    keepAliveMs: config.keepAliveMs,
  });
  const gate = observedGate(
    {
      maxInFlight: config.maxInFlightPerDestination,
      maxQueued: config.maxQueuedPerDestination,
      stuckAfterMs: config.stuckAfterMs,
      ...gateSettings(config),
    },
    metrics,
    logger,
  );

  const producer = await context.outputProducer(topics.deliveriesUrlRetry);
  const supervised = context.groupConsumer({
    groupId: config.groupId,
    maxWaitTimeInMs: 100,
    sessionTimeoutMs: 30_000,
  });
  const handle = createHandler({
    service: SERVICE,
    destinations,
    send: createSend({
      dispatcher: agent,
      isForbiddenIp: (ip) => policy.isForbiddenIp(ip),
      maxRedirects: config.maxRedirects,
      userAgent: config.userAgent,
    }),
    gate,
    metrics,
    policy: {
      maxAttempts: config.maxAttempts,
      maxAgeMs: config.maxAgeMs,
      delaysMs: RETRY_DELAYS.map((d) => d.ms),
      jitter: config.retryJitter,
    },
    retryTopics: topics.deliveriesUrlRetry,
    deadLetterTopic: topics.deadLetters,
    deadLetterEncoder: serdes.deadLetter,
    maxUrlBytes: config.maxUrlBytes,
    logger,
  });
  const loop = new DelayedConsumer<UrlDeliveryRequest>({
    service: SERVICE,
    consumer: supervised.consumer,
    producer,
    topics: [topics.deliveriesUrl, ...topics.deliveriesUrlRetry],
    decode: (value) => serdes.urlDeliveryRequest.decode(value),
    validate: (request) => validateLimits.urlDeliveryRequest(request),
    handle,
    deadLetterTopic: topics.deadLetters,
    deadLetterEncoder: serdes.deadLetter,
    logger,
    partitionsConsumedConcurrently: config.partitionsConsumedConcurrently,
    maxPendingRecords: config.maxPendingRecords,
    commitIntervalMs: config.commitIntervalMs,
    drainTimeoutMs: config.responseTimeoutMs + config.connectTimeoutMs,
    dueAt: dueAtOf,
    onBatchDone: (stats) => metrics.consumer.hooks.onBatchDone(stats),
    onDeadLetter: (reason, topic) => metrics.consumer.hooks.onDeadLetter(reason, topic),
  });
  await supervised.start(() => loop.start());

  const health: ServiceHealth = {
    readiness: {
      config: () => live?.ready ?? true,
      consumer: () => supervised.ready(),
      broker: () => context.probe.reachable(),
    },
    liveness: { consumer: () => supervised.live() },
  };
  const app = opsApp(registry, health);
  return {
    app,
    registry,
    gate,
    health,
    ready: readyOf(health),
    async stop() {
      await app.close();
      await supervised.stop({ disconnect: false });
      await loop.stop();
      gate.close();
      await agent.close();
      await context.close();
    },
  };
}

export const urlDeliveryService: ServiceDefinition<UrlDeliveryConfig, UrlDeliveryInstance> = {
  name: SERVICE,
  configSchema: urlDeliveryConfigSchema,
  start: startUrlDelivery,
  address: (config) => ({ host: config.httpHost, port: config.httpPort }),
  stopping: 'stopping: finishing in-flight deliveries',
};
