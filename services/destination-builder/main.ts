/** Destination builder: wires config, logger, metrics, Kafka and the HTTP API; no decisions here. */
import { loadConfig } from '../../libs/config/index.ts';
import { createKafka, topicNames } from '../../libs/kafka/index.ts';
import { createMetrics } from '../../libs/metrics/index.ts';
import { createLogger } from '../../libs/runtime/logger.ts';
import { stopOnSignals } from '../../libs/runtime/stop-on-signals.ts';
import { guardProcess } from '../../libs/runtime/guard-process.ts';
import { SchemaRegistryClient, createSerdes, registerSerdes } from '../../libs/schema/index.ts';
import { createBuilderService } from './builder-service.ts';
import { builderConfigSchema } from './config.ts';

const SERVICE = 'destination-builder';
const config = loadConfig(builderConfigSchema);
const logger = createLogger(SERVICE, config.logLevel);
guardProcess(logger);
const topics = topicNames(config.topicPrefix);
const serdes = createSerdes(new SchemaRegistryClient(config.schemaRegistryUrl), topics);
await registerSerdes(serdes);
const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: SERVICE, logger });
const service = await createBuilderService({
  config,
  logger,
  registry: createMetrics(SERVICE),
  kafka,
  topics,
  serdes,
});
await service.start();
await service.app.listen({ host: config.host, port: config.port });

stopOnSignals(logger, () => service.stop());
