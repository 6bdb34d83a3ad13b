/**
 * Starts one destination builder the way every service starts (libs/runtime/service.ts): config
 * topics caught up, the config writer's transaction open, the HTTP API built but not listening.
 * builder-service.ts assembles the parts; tests that bring their own Kafka client call it directly.
 */
import { createKafka, topicNames } from '../../libs/kafka/index.ts';
import { createMetrics } from '../../libs/metrics/index.ts';
import {
  readyOf,
  type ServiceDefinition,
  type ServiceInstance,
  type StartOptions,
} from '../../libs/runtime/service.ts';
import { SchemaRegistryClient, createSerdes, registerSerdes } from '../../libs/schema/index.ts';
import { createBuilderService, type BuilderService } from './builder-service.ts';
import { builderConfigSchema, type BuilderConfig } from './config.ts';

export const SERVICE = 'destination-builder';

export interface BuilderInstance extends ServiceInstance {
  service: BuilderService;
}

export async function startDestinationBuilder(
  config: BuilderConfig,
  options: StartOptions,
): Promise<BuilderInstance> {
  const { logger } = options;
  const topics = topicNames(config.topicPrefix);
  const serdes = createSerdes(new SchemaRegistryClient(config.schemaRegistryUrl), topics);
  await registerSerdes(serdes);
  const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: options.clientId ?? SERVICE, logger });
  const registry = createMetrics(SERVICE);
  const service = await createBuilderService({ config, logger, registry, kafka, topics, serdes });
  await service.start();
  return {
    app: service.app,
    registry,
    health: service.health,
    ready: readyOf(service.health),
    service,
    stop: () => service.stop(),
  };
}

export const destinationBuilderService: ServiceDefinition<BuilderConfig, BuilderInstance> = {
  name: SERVICE,
  configSchema: builderConfigSchema,
  start: startDestinationBuilder,
  address: (config) => ({ host: config.host, port: config.port }),
  stopping: 'stopping: finishing the requests in flight',
};
