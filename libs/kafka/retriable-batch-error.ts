/**
 * The error a consume loop throws to kafkajs when a batch failed, whatever the cause: retriable, so
 * kafkajs retries the batch with backoff and then restarts the consumer (rejoin, fetch again from
 * the committed or stored offsets) instead of stopping it for good, which it does for any error
 * marked non-retriable (e.g. a producer stuck in a bad state, a database that went away).
 */
import { AppError } from '../errors/index.ts';

export function retriableBatchError(topic: string, partition: number, cause: unknown): AppError {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new AppError('kafka', `batch of ${topic}/${partition} failed: ${message}`, {
    retriable: true,
    cause,
  });
}
