/**
 * The live view of the `destinations` topic that every data-plane service embeds: replays the
 * compacted topic from the beginning, is ready once caught up, applies changes as they arrive
 * (typically within a few milliseconds of the write), and keeps an index from segment id to the
 * mappings that mention it, so routing cost grows with the segments of an event, not with the
 * number of destinations. Key = destination id (decimal string); a null value deletes it.
 */
import type { Kafka, KafkaMessage } from '../kafka/index.ts';
import { TopicReader } from '../kafka/index.ts';
import type { Logger } from '../runtime/logger.ts';
import type { AvroSerde } from '../schema/serde.ts';
import type { DestinationConfig, SegmentMapping } from '../schema/types.ts';

/** Reads one destination's current configuration (LiveConfig is one; tests pass a map). */
export interface DestinationLookup {
  destination(id: number): DestinationConfig | undefined;
}

export interface LiveMapping {
  destinationId: number;
  mapping: SegmentMapping;
  /** First live instant, epoch ms (start of startDate, UTC). */
  startMs: number;
  /** First instant no longer live, epoch ms (end of endDate, UTC); Infinity when open-ended. */
  endMs: number;
}

export interface ConfigChange {
  id: number;
  before: DestinationConfig | undefined;
  after: DestinationConfig | undefined;
  offset: string;
}

export interface LiveConfigOptions {
  kafka: Kafka;
  topic: string;
  serde: Pick<AvroSerde<DestinationConfig>, 'decode'>;
  logger: Logger;
  service: string;
}

const DAY_MS = 86_400_000;
const EMPTY: readonly LiveMapping[] = Object.freeze([]);

export function liveMapping(destinationId: number, mapping: SegmentMapping): LiveMapping {
  return {
    destinationId,
    mapping,
    startMs: Date.parse(`${mapping.startDate}T00:00:00Z`),
    endMs: mapping.endDate === null ? Infinity : Date.parse(`${mapping.endDate}T00:00:00Z`) + DAY_MS,
  };
}

export class LiveConfig {
  private readonly byId = new Map<number, DestinationConfig>();
  private readonly bySegment = new Map<number, LiveMapping[]>();
  private readonly listeners = new Set<(change: ConfigChange) => void>();
  private readonly reader: TopicReader;

  constructor(private readonly options: LiveConfigOptions) {
    this.reader = new TopicReader({
      kafka: options.kafka,
      topic: options.topic,
      name: `${options.service}-config`,
      logger: options.logger,
      apply: (message) => this.apply(message),
    });
  }

  start(timeoutMs?: number): Promise<void> {
    return this.reader.start(timeoutMs);
  }

  get ready(): boolean {
    return this.reader.ready;
  }

  destination(id: number): DestinationConfig | undefined {
    return this.byId.get(id);
  }

  destinations(): DestinationConfig[] {
    return [...this.byId.values()];
  }

  /** Every mapping of every destination (any status, any dates) that names this segment. */
  mappingsForSegment(sid: number): readonly LiveMapping[] {
    return this.bySegment.get(sid) ?? EMPTY;
  }

  onChange(listener: (change: ConfigChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  waitUntilCaughtUp(timeoutMs?: number): Promise<void> {
    return this.reader.waitUntilCaughtUp(timeoutMs);
  }

  stop(): Promise<void> {
    return this.reader.stop();
  }

  private async apply(message: KafkaMessage): Promise<void> {
    const id = Number(message.key?.toString());
    if (!Number.isInteger(id)) {
      this.options.logger.warn(
        { offset: message.offset },
        'destinations record without a numeric key, skipped',
      );
      return;
    }
    const after = message.value === null ? undefined : await this.options.serde.decode(message.value);
    const before = this.byId.get(id);
    if (before) this.unindex(before);
    if (after) {
      this.byId.set(id, after);
      this.index(after);
    } else {
      this.byId.delete(id);
    }
    const change: ConfigChange = { id, before, after, offset: message.offset };
    for (const listener of this.listeners) listener(change);
  }

  private index(destination: DestinationConfig): void {
    for (const mapping of destination.mappings) {
      const list = this.bySegment.get(mapping.sid);
      const entry = liveMapping(destination.id, mapping);
      if (list) list.push(entry);
      else this.bySegment.set(mapping.sid, [entry]);
    }
  }

  private unindex(destination: DestinationConfig): void {
    for (const mapping of destination.mappings) {
      const list = this.bySegment.get(mapping.sid);
      if (!list) continue;
      const kept = list.filter((entry) => entry.destinationId !== destination.id);
      if (kept.length > 0) this.bySegment.set(mapping.sid, kept);
      else this.bySegment.delete(mapping.sid);
    }
  }
}
