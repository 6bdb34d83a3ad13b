/**
 * The largest produce request (bytes per partition batch) the cluster accepts for a set of topics:
 * the smaller of the brokers' `message.max.bytes` and each topic's `max.message.bytes` (Kafka
 * defaults: 1048588 and 1048588), read once at start, with a margin for the record batch header and
 * the estimate in fit-requests.ts. If the configs cannot be read (an ACL, an old broker), the Kafka
 * default is assumed: that is what a cluster nobody tuned enforces.
 */
import kafkajs, { type Kafka } from 'kafkajs';
import type { Logger } from '../runtime/logger.ts';

// A CommonJS export that Node's ESM loader does not detect as a named export.
const { ConfigResourceTypes } = kafkajs;

export const KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;
/** Share of the broker limit a request may use. */
const MARGIN = 0.9;

export async function readProduceLimit(kafka: Kafka, topics: string[], logger: Logger): Promise<number> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const { brokers } = await admin.describeCluster();
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [
        ...brokers.map((b) => ({
          type: ConfigResourceTypes.BROKER,
          name: String(b.nodeId),
          configNames: ['message.max.bytes'],
        })),
        ...topics.map((name) => ({
          type: ConfigResourceTypes.TOPIC,
          name,
          configNames: ['max.message.bytes'],
        })),
      ],
    });
    const limits = resources
      .flatMap((r) => r.configEntries)
      .map((e) => Number(e.configValue))
      .filter((n) => Number.isFinite(n) && n > 0);
    const limit = limits.length > 0 ? Math.min(...limits) : KAFKA_DEFAULT_MAX_MESSAGE_BYTES;
    return Math.floor(limit * MARGIN);
  } catch (error) {
    logger.warn({ err: error }, 'could not read the broker message size limits; assuming the Kafka default');
    return Math.floor(KAFKA_DEFAULT_MAX_MESSAGE_BYTES * MARGIN);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
