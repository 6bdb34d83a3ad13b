/**
 * A live in-memory table of a small compacted config topic (key -> latest value; a null value
 * deletes the key), for topics other than `destinations` (which has LiveConfig with its segment
 * index): data sources with their export controls, API tokens. Replays from the beginning, ready
 * when caught up; waitUntilCaughtUp() gives read-your-writes.
 */
import { TopicReader, type Kafka } from '../kafka/index.ts';
import type { Logger } from '../runtime/logger.ts';

export interface KeyedTopicViewOptions<T> {
  kafka: Kafka;
  topic: string;
  /** Names the private consumer group, e.g. `router-data-sources`. */
  name: string;
  logger: Logger;
  decode(value: Buffer): Promise<T>;
}

export class KeyedTopicView<T> {
  private readonly rows = new Map<string, T>();
  private readonly listeners = new Set<(key: string, value: T | undefined, offset: string) => void>();
  private readonly reader: TopicReader;

  constructor(private readonly options: KeyedTopicViewOptions<T>) {
    this.reader = new TopicReader({
      kafka: options.kafka,
      topic: options.topic,
      name: options.name,
      logger: options.logger,
      apply: async (message) => {
        const key = message.key?.toString();
        if (key === undefined) return;
        const value = message.value === null ? undefined : await this.options.decode(message.value);
        if (value === undefined) this.rows.delete(key);
        else this.rows.set(key, value);
        for (const listener of this.listeners) listener(key, value, message.offset);
      },
    });
  }

  start(timeoutMs?: number): Promise<void> {
    return this.reader.start(timeoutMs);
  }

  get ready(): boolean {
    return this.reader.ready;
  }

  get(key: string): T | undefined {
    return this.rows.get(key);
  }

  values(): T[] {
    return [...this.rows.values()];
  }

  /** Register before start() to also see the replay. */
  onChange(listener: (key: string, value: T | undefined, offset: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  waitUntilCaughtUp(timeoutMs?: number): Promise<void> {
    return this.reader.waitUntilCaughtUp(timeoutMs);
  }

  stop(): Promise<void> {
    return this.reader.stop();
  }
}
