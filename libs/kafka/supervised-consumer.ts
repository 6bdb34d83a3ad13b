/**
 * The one consumer every service uses, and the one restart policy (ARCHITECTURE "Staying up"):
 *   - kafkajs restarts a consumer itself after a retriable failure; after a non-retriable one it
 *     emits `consumer.crash` with `restart: false`, disconnects and stays down. Then this class
 *     reconnects and runs the loop again after 1, 2, 5, 10, 30, 30... s;
 *   - after `maxRestarts` consecutive restarts that did not bring the consumer back into its group,
 *     it gives up: state `failed` and `onGiveUp`, where the process exits non-zero for its
 *     supervisor (systemd, Kubernetes, compose) to start it again;
 *   - `live()` is false while the consumer is down (crashed and not yet back in its group) or has
 *     failed: /healthz reports it. `ready()` is true only while it is in its group.
 * Session and heartbeat are derived here, once: heartbeat = session / 5, at most 3 s (kafkajs and
 * the Java client recommend at most a third of the session).
 */
import type { Consumer, Kafka } from 'kafkajs';
import type { Registry } from 'prom-client';
import { kafkaClientMetrics } from '../metrics/kafka-client-metrics.ts';
import type { Logger } from '../runtime/logger.ts';

export interface ConsumerSettings {
  groupId: string;
  sessionTimeoutMs?: number;
  maxBytesPerPartition?: number;
  maxBytes?: number;
  maxWaitTimeInMs?: number;
}

export interface SupervisedConsumerOptions {
  kafka: Kafka;
  settings: ConsumerSettings;
  logger: Logger;
  registry: Registry;
  /** Pauses before each restart; the last one repeats. */
  restartDelaysMs?: number[];
  /** Consecutive restarts without rejoining the group before giving up. */
  maxRestarts?: number;
  onGiveUp?(error: unknown): void;
}

export type ConsumerState = 'idle' | 'starting' | 'running' | 'restarting' | 'stopped' | 'failed';

const DEFAULT_DELAYS_MS = [1000, 2000, 5000, 10_000, 30_000];

export class SupervisedConsumer {
  readonly consumer: Consumer;
  private currentState: ConsumerState = 'idle';
  private run: (() => Promise<void>) | undefined;
  private attempts = 0;
  private timer: NodeJS.Timeout | undefined;
  private lastError: string | undefined;
  private readonly metrics;

  constructor(private readonly o: SupervisedConsumerOptions) {
    const session = o.settings.sessionTimeoutMs ?? 30_000;
    this.consumer = o.kafka.consumer({
      groupId: o.settings.groupId,
      sessionTimeout: session,
      heartbeatInterval: Math.min(3000, Math.floor(session / 5)),
      readUncommitted: false,
      ...(o.settings.maxBytesPerPartition ? { maxBytesPerPartition: o.settings.maxBytesPerPartition } : {}),
      ...(o.settings.maxBytes ? { maxBytes: o.settings.maxBytes } : {}),
      ...(o.settings.maxWaitTimeInMs ? { maxWaitTimeInMs: o.settings.maxWaitTimeInMs } : {}),
    });
    this.metrics = kafkaClientMetrics(o.registry);
    const group = o.settings.groupId;
    this.metrics.restarts.inc({ group }, 0);
    this.metrics.consumerUp.set({ group }, 0);
    const { events } = this.consumer;
    this.consumer.on(events.GROUP_JOIN, () => {
      if (this.currentState === 'stopped') return;
      this.attempts = 0;
      this.lastError = undefined;
      this.setState('running');
    });
    this.consumer.on(events.CRASH, ({ payload }) => {
      if (this.currentState === 'stopped') return;
      this.lastError = String(payload.error?.message ?? payload.error);
      this.setState('restarting');
      if (!payload.restart) this.scheduleRestart(payload.error);
    });
  }

  get state(): ConsumerState {
    return this.currentState;
  }

  /** Connects and runs `run` (subscribe + consumer.run); `run` is called again on every restart. */
  async start(run: () => Promise<void>): Promise<void> {
    this.run = run;
    this.setState('starting');
    await this.consumer.connect();
    await run();
  }

  /** Stops supervising; disconnects unless the loop does it itself after draining. */
  async stop(options: { disconnect?: boolean } = {}): Promise<void> {
    this.setState('stopped');
    clearTimeout(this.timer);
    if (options.disconnect ?? true) await this.consumer.disconnect();
  }

  /** In its group and consuming. */
  ready(): boolean {
    return this.currentState === 'running';
  }

  /** False while the consumer is down or has given up (what /healthz reports). */
  live(): boolean {
    return this.currentState !== 'restarting' && this.currentState !== 'failed';
  }

  describe(): { state: ConsumerState; restartAttempts: number; lastError?: string } {
    return {
      state: this.currentState,
      restartAttempts: this.attempts,
      ...(this.lastError ? { lastError: this.lastError.slice(0, 200) } : {}),
    };
  }

  private scheduleRestart(cause: unknown): void {
    const maxRestarts = this.o.maxRestarts ?? 8;
    if (this.attempts >= maxRestarts) {
      this.setState('failed');
      this.o.logger.fatal(
        { err: cause, attempts: this.attempts },
        'consumer could not be restarted; giving up so that the process is restarted',
      );
      this.o.onGiveUp?.(cause);
      return;
    }
    const delays = this.o.restartDelaysMs ?? DEFAULT_DELAYS_MS;
    const delay = delays[Math.min(this.attempts, delays.length - 1)]!;
    this.attempts += 1;
    this.o.logger.error(
      { err: cause, attempt: this.attempts, delayMs: delay },
      'consumer stopped on a non-retriable error; restarting it',
    );
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.restart(), delay);
  }

  private async restart(): Promise<void> {
    if (this.currentState === 'stopped' || !this.run) return;
    this.metrics.restarts.inc({ group: this.o.settings.groupId });
    try {
      await this.consumer.disconnect().catch(() => undefined);
      await this.consumer.connect();
      await this.run();
    } catch (error) {
      if (this.state === 'stopped') return;
      this.lastError = String((error as Error)?.message ?? error);
      this.scheduleRestart(error);
    }
  }

  private setState(state: ConsumerState): void {
    this.currentState = state;
    this.metrics.consumerUp.set({ group: this.o.settings.groupId }, state === 'running' ? 1 : 0);
  }
}
