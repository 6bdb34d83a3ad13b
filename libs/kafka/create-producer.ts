/** Producers with the product's defaults: Java-compatible murmur2 partitioning, idempotence. */
import { Partitioners, type Kafka, type Producer } from 'kafkajs';

export interface ProducerOptions {
  /** Set for exactly-once (consume-transform-produce) producers; unique per instance. */
  transactionalId?: string;
  transactionTimeoutMs?: number;
}

export function createProducer(kafka: Kafka, options: ProducerOptions = {}): Producer {
  return kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    idempotent: true,
    // Like the Java producer: retry until the broker is back (backoff capped at 5 s); limiting
    // retries on an idempotent producer would risk duplicates or gaps.
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 100, maxRetryTime: 5000 },
    // Five in flight for plain producers; a produce timeout can then end in "out of order sequence
    // number", after which OutputProducer replaces the producer (output-producer.ts).
    maxInFlightRequests: options.transactionalId ? 1 : 5,
    ...(options.transactionalId
      ? {
          transactionalId: options.transactionalId,
          transactionTimeout: options.transactionTimeoutMs ?? 30_000,
        }
      : {}),
  });
}
