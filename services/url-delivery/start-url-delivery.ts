/**
 * Wires one url-delivery instance: metrics registry, Kafka clients, the live destination config,
 * the partner agent with its SSRF guard, the per-destination gate, the handler, and the consume loop
 * over deliveries.url + its delay topics. main.ts adds the process concerns (env, HTTP ops server,
 * signals); tests and the benchmark start it in-process.
 */
import {
  BrokerProbe,
  OutputProducer,
  SupervisedConsumer,
  createKafka,
  instrumentKafka,
  readProduceLimit,
  topicNames,
  RETRY_DELAYS,
} from '../../libs/kafka/index.ts';
import type { ServiceHealth } from '../../libs/runtime/ops-routes.ts';
import { createMetrics, type Registry } from '../../libs/metrics/index.ts';
import {
  SchemaRegistryClient,
  createSerdes,
  registerSerdes,
  validateLimits,
} from '../../libs/schema/index.ts';
import type { UrlDeliveryRequest } from '../../libs/schema/index.ts';
import { LiveConfig } from '../../libs/destinations/live-config.ts';
import { AddressPolicy } from '../../libs/outbound/index.ts';
import type { DestinationGate } from '../../libs/http-delivery/index.ts';
import {
  createPartnerAgent,
  DelayedConsumer,
  gateSettings,
  observedGate,
} from '../../libs/http-delivery/index.ts';
import type { Logger } from '../../libs/runtime/logger.ts';
import type { UrlDeliveryConfig } from './config.ts';
import type { DestinationLookup } from '../../libs/destinations/live-config.ts';
import { createHandler } from './handler.ts';
import { urlDeliveryMetrics } from './metrics.ts';
import { createSend } from './send.ts';

export const SERVICE = 'url-delivery';

export interface UrlDeliveryInstance {
  registry: Registry;
  gate: DestinationGate;
  ready(): boolean;
  health: ServiceHealth;
  stop(): Promise<void>;
}

export interface StartOptions {
  logger: Logger;
  /** Instead of the live view of the destinations topic (unit-style tests). */
  destinations?: DestinationLookup;
  clientId?: string;
  /** The consumer gave up restarting (main.ts exits for the process supervisor). */
  onGiveUp?(error: unknown): void;
}

export async function startUrlDelivery(
  config: UrlDeliveryConfig,
  options: StartOptions,
): Promise<UrlDeliveryInstance> {
  const { logger } = options;
  const registry = createMetrics(SERVICE);
  const metrics = urlDeliveryMetrics(registry);
  const topics = topicNames(config.topicPrefix);
  const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: options.clientId ?? SERVICE, logger });
  const serdes = createSerdes(new SchemaRegistryClient(config.schemaRegistryUrl), topics);
  await registerSerdes(serdes);

  let live: LiveConfig | undefined;
  if (!options.destinations) {
    live = new LiveConfig({
      kafka,
      topic: topics.destinations,
      serde: serdes.destinationConfig,
      logger,
      service: SERVICE,
    });
    await live.start();
  }
  const destinations = options.destinations ?? (live as LiveConfig);

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

  const probe = new BrokerProbe({ kafka, registry });
  await probe.start();
  const producer = new OutputProducer({
    kafka,
    logger,
    service: SERVICE,
    maxRequestBytes: await readProduceLimit(
      kafka,
      [...topics.deliveriesUrlRetry, topics.deadLetters],
      logger,
    ),
    deadLetterTopic: topics.deadLetters,
    deadLetterEncoder: serdes.deadLetter,
    instrument: (p) => instrumentKafka(registry, { producer: p }),
  });
  await producer.connect();
  const supervised = new SupervisedConsumer({
    kafka,
    registry,
    logger,
    settings: { groupId: config.groupId, maxWaitTimeInMs: 100, sessionTimeoutMs: 30_000 },
    ...(options.onGiveUp ? { onGiveUp: options.onGiveUp } : {}),
  });
  const { consumer } = supervised;
  const stopInstrumenting = instrumentKafka(registry, { consumer });
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
    consumer,
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
    onBatchDone: (stats) => metrics.consumer.hooks.onBatchDone(stats),
    onDeadLetter: (reason, topic) => metrics.consumer.hooks.onDeadLetter(reason, topic),
  });
  await supervised.start(() => loop.start());

  const health: ServiceHealth = {
    readiness: {
      config: () => live?.ready ?? true,
      consumer: () => supervised.ready(),
      broker: () => probe.reachable(),
    },
    liveness: { consumer: () => supervised.live() },
  };
  return {
    registry,
    gate,
    ready: () => Object.values(health.readiness).every((check) => check() === true),
    health,
    async stop() {
      await supervised.stop({ disconnect: false });
      await loop.stop();
      await producer.disconnect();
      await probe.stop();
      stopInstrumenting();
      await live?.stop();
      gate.close();
      await agent.close();
    },
  };
}
