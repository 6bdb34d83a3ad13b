/**
 * The at-least-once producer of the consume loops (retry records, dead letters, outputs of
 * non-transactional services). Two things the bare kafkajs producer does not do:
 *   - every `sendBatch` is split into requests that fit the broker's limit (fit-requests.ts); a
 *     message too large to ever fit becomes a dead letter (`output_too_large`, value truncated)
 *     instead of failing the whole batch forever;
 *   - after a failure that kafkajs does not retry itself (e.g. "out of order sequence number" after
 *     a produce timeout, "Cannot call ... in state ..."), the producer is discarded and a new one
 *     (new producer id, fresh sequence numbers) is created for the next call, so the caller's retry
 *     can succeed instead of hitting the same broken producer forever.
 */
import type { Kafka, Message, Producer, TopicMessages } from 'kafkajs';
import type { Logger } from '../runtime/logger.ts';
import { createProducer } from './create-producer.ts';
import { oversizedDeadLetter, type DeadLetterEncoder } from './dead-letter.ts';
import { fitRequests } from './fit-requests.ts';

export interface OutputProducerOptions {
  kafka: Kafka;
  logger: Logger;
  service: string;
  /** Bytes per produce request (readProduceLimit). */
  maxRequestBytes: number;
  deadLetterTopic: string;
  deadLetterEncoder: DeadLetterEncoder;
  /** Attaches client metrics to each producer created; returns the detach function. */
  instrument?(producer: Producer): () => void;
  onOversized?(topic: string): void;
  onRenewed?(): void;
}

/** What the consume loops need from a producer. */
export interface BatchSender {
  sendBatch(batch: { topicMessages: TopicMessages[] }): Promise<unknown>;
}

export class OutputProducer implements BatchSender {
  private current: { producer: Producer; connected: Promise<void>; detach: () => void } | undefined;
  private closed = false;

  constructor(private readonly o: OutputProducerOptions) {}

  async connect(): Promise<void> {
    await this.producer().connected;
  }

  async sendBatch({ topicMessages }: { topicMessages: TopicMessages[] }): Promise<void> {
    const { requests, oversized } = fitRequests(topicMessages, this.o.maxRequestBytes);
    if (oversized.length > 0) {
      const dead: Message[] = oversized.map(({ topic, message, bytes }) => {
        this.o.onOversized?.(topic);
        return oversizedDeadLetter(
          { topic, message, bytes, limit: this.o.maxRequestBytes, service: this.o.service },
          this.o.deadLetterEncoder,
        );
      });
      requests.push([{ topic: this.o.deadLetterTopic, messages: dead }]);
    }
    for (const request of requests) {
      const current = this.producer();
      try {
        await current.connected;
        await current.producer.sendBatch({ topicMessages: request });
      } catch (error) {
        this.renew(current, error);
        throw error;
      }
    }
  }

  async disconnect(): Promise<void> {
    this.closed = true;
    const current = this.current;
    this.current = undefined;
    if (current) {
      current.detach();
      await current.producer.disconnect().catch(() => undefined);
    }
  }

  private producer() {
    if (this.current === undefined) {
      const producer = createProducer(this.o.kafka);
      const detach = this.o.instrument?.(producer) ?? (() => undefined);
      const connected = producer.connect();
      const current = { producer, connected, detach };
      connected.catch((error: unknown) => this.renew(current, error));
      this.current = current;
    }
    return this.current;
  }

  /** Drops a producer that failed, once; the next call creates a new one. */
  private renew(failed: NonNullable<OutputProducer['current']>, error: unknown): void {
    if (this.current !== failed || this.closed) return;
    this.current = undefined;
    failed.detach();
    this.o.logger.warn({ err: error }, 'producer failed; replacing it with a new one');
    this.o.onRenewed?.();
    void failed.producer.disconnect().catch(() => undefined);
  }
}
