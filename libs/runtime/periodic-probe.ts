/**
 * A dependency check run every `intervalMs` (each bounded by `timeoutMs`), for /readyz: the
 * dependency counts as reachable while the last check succeeded. Used for the broker
 * (libs/kafka/broker-probe.ts) and the databases (`select 1`).
 */
export interface PeriodicProbeOptions {
  intervalMs?: number;
  timeoutMs?: number;
  /** Called with each result (a gauge). */
  onResult?(ok: boolean): void;
  /** Called after a failed check (e.g. to drop a client holding dead connections). */
  onFailure?(error: unknown): void;
}

export class PeriodicProbe {
  private timer: NodeJS.Timeout | undefined;
  private ok = false;
  private running: Promise<void> | undefined;

  constructor(
    private readonly check: () => Promise<unknown>,
    private readonly o: PeriodicProbeOptions = {},
  ) {}

  /** Checks once (so the state is known at start), then every interval. */
  async start(): Promise<void> {
    await this.probe();
    this.timer = setInterval(() => void this.probe(), this.o.intervalMs ?? 3000);
    this.timer.unref();
  }

  reachable(): boolean {
    return this.ok;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  probe(): Promise<void> {
    this.running ??= this.once().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async once(): Promise<void> {
    const timeoutMs = this.o.timeoutMs ?? 2500;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.check(), timeout]);
      this.ok = true;
    } catch (error) {
      this.ok = false;
      this.o.onFailure?.(error);
    } finally {
      clearTimeout(timer);
      this.o.onResult?.(this.ok);
    }
  }
}
