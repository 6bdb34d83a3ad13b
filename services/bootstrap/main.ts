/**
 * One-shot bootstrap (docker-compose `bootstrap` service, Kubernetes Job): creates the missing topics
 * of the catalog (libs/kafka/topics.ts) and registers every schema, then exits 0. Existing topics are
 * left as they are (partitions are never changed here).
 */
import { loadConfig } from '../../libs/config/index.ts';
import { bootstrapTopics, createKafka, topicCatalog, topicNames } from '../../libs/kafka/index.ts';
import { createLogger } from '../../libs/runtime/logger.ts';
import { SchemaRegistryClient, createSerdes, registerSerdes } from '../../libs/schema/index.ts';
import { bootstrapConfigSchema } from './config.ts';

const config = loadConfig(bootstrapConfigSchema);
const logger = createLogger('bootstrap', config.logLevel);
const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: 'bootstrap', logger });
const admin = kafka.admin();
await admin.connect();
const created = await bootstrapTopics(
  admin,
  topicCatalog(config.topicPrefix, config.dataPartitions),
  config.replicationFactor,
);
await admin.disconnect();
await registerSerdes(
  createSerdes(new SchemaRegistryClient(config.schemaRegistryUrl), topicNames(config.topicPrefix)),
);
logger.info({ created }, 'topics and schemas ready');
process.exit(0);
