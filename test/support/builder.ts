/** Starts the destination builder in-process against the test environment, with captured logs. */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { loadConfig } from '../../libs/config/index.ts';
import { TopicReader, type KafkaMessage } from '../../libs/kafka/index.ts';
import { createMetrics } from '../../libs/metrics/index.ts';
import {
  createBuilderService,
  type BuilderService,
} from '../../services/destination-builder/builder-service.ts';
import { builderConfigSchema, type BuilderConfig } from '../../services/destination-builder/config.ts';
import { capturedLogger } from './log-capture.ts';
import { brokers, registryUrl, testLogger, type TestEnvironment } from './stack.ts';

export const ADMIN_TOKEN = `admin-${randomBytes(24).toString('hex')}`;
export const SECRET_KEYS = [`k1:${randomBytes(32).toString('base64')}`];

export interface RunningBuilder {
  service: BuilderService;
  config: BuilderConfig;
  /** Every log line (JSON) the builder wrote, kafkajs included. */
  logs: string[];
  stop(): Promise<void>;
}

export async function startBuilder(
  env: TestEnvironment,
  vars: Record<string, string> = {},
): Promise<RunningBuilder> {
  const config = loadConfig(builderConfigSchema, {
    KAFKA_BROKERS: brokers.join(','),
    SCHEMA_REGISTRY_URL: registryUrl,
    TOPIC_PREFIX: env.prefix,
    SECRET_KEYS: SECRET_KEYS.join(','),
    BOOTSTRAP_ADMIN_TOKEN: ADMIN_TOKEN,
    BODY_LIMIT_BYTES: '65536',
    CHECK_RESPONSES: 'true',
    // LOCAL batch targets of the tests live under the temp directory.
    LOCAL_EXPORT_ROOTS: [...new Set(['/tmp', tmpdir()])].join(','),
    ...vars,
  });
  const { logger, logs } = capturedLogger('destination-builder');
  const service = await createBuilderService({
    config,
    logger,
    registry: createMetrics('destination-builder'),
    kafka: env.kafka,
    topics: env.topics,
    serdes: env.serdes,
  });
  await service.start();
  await service.app.ready();
  return { service, config, logs, stop: () => service.stop() };
}

/** Every record of a topic (read to its current end), in order. */
export async function readTopic(env: TestEnvironment, topic: string): Promise<KafkaMessage[]> {
  const messages: KafkaMessage[] = [];
  const reader = new TopicReader({
    kafka: env.kafka,
    topic,
    name: `${env.prefix}read`,
    logger: testLogger,
    apply: (message) => {
      messages.push(message);
    },
  });
  await reader.start();
  await reader.stop();
  return messages;
}

/** The end offset (high watermark) of partition 0 of a topic. */
export async function endOffset(env: TestEnvironment, topic: string): Promise<string> {
  const admin = env.kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.map((o) => `${o.partition}:${o.high}`).join(',');
  } finally {
    await admin.disconnect();
  }
}

export const auth = (token: string) => ({ authorization: `Bearer ${token}` });
