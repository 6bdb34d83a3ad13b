/**
 * Isolation of partners from each other (SPEC §7): per destination, a circuit breaker (opossum), a
 * cap on requests in flight and a request rate limit (token bucket). A dead or slow partner fills
 * only its own slots and opens only its own circuit; calls to it then fail fast (`circuit_open`) and
 * wait in the retry topics, while the other destinations keep their capacity.
 * A call counts as a breaker failure when `isFailure(result)` says so (5xx, 429, timeouts,
 * connection errors), not only when it throws: partner errors come back as outcomes, not exceptions.
 */
import CircuitBreaker from 'opossum';

export type CircuitState = 'closed' | 'half_open' | 'open';

export interface DestinationGateOptions {
  /** Requests in flight per destination; further calls queue. */
  maxInFlight: number;
  /** Requests per second per destination; 0 = unlimited. */
  ratePerSecond: number;
  /** Failure percentage over the rolling window that opens the circuit. */
  errorThresholdPercentage: number;
  /** Calls in the window before the circuit may open. */
  volumeThreshold: number;
  /** Time open before one trial call (half-open). */
  resetTimeoutMs: number;
  rollingWindowMs: number;
  onCircuitState?(destinationId: number, state: CircuitState): void;
}

export const CIRCUIT_OPEN = Symbol('circuit_open');

class Failed<T> {
  constructor(readonly result: T) {}
}

/** FIFO of the calls waiting for a slot: push and shift in O(1) (an array's shift() is O(n)). */
class WaitQueue {
  private items: (() => void)[] = [];
  private head = 0;

  push(wake: () => void): void {
    this.items.push(wake);
  }

  shift(): (() => void) | undefined {
    if (this.head === this.items.length) return undefined;
    const wake = this.items[this.head]!;
    this.items[this.head] = undefined as never;
    this.head += 1;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    }
    return wake;
  }
}

interface Lane {
  breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;
  inFlight: number;
  waiting: WaitQueue;
  tokens: number;
  refilledAt: number;
}

export class DestinationGate {
  private readonly lanes = new Map<number, Lane>();

  constructor(private readonly options: DestinationGateOptions) {}

  async run<T>(
    destinationId: number,
    call: () => Promise<T>,
    isFailure: (result: T) => boolean,
  ): Promise<T | typeof CIRCUIT_OPEN> {
    const lane = this.lane(destinationId);
    if (lane.breaker.opened) return CIRCUIT_OPEN;
    await this.acquire(lane);
    try {
      await this.takeToken(lane);
      return (await lane.breaker.fire(async () => {
        const result = await call();
        if (isFailure(result)) throw new Failed(result);
        return result;
      })) as T;
    } catch (error) {
      if (error instanceof Failed) return error.result as T;
      if ((error as { code?: string }).code === 'EOPENBREAKER') return CIRCUIT_OPEN;
      throw error;
    } finally {
      this.release(lane);
    }
  }

  state(destinationId: number): CircuitState {
    const breaker = this.lanes.get(destinationId)?.breaker;
    if (!breaker) return 'closed';
    return breaker.halfOpen ? 'half_open' : breaker.opened ? 'open' : 'closed';
  }

  inFlight(destinationId: number): number {
    return this.lanes.get(destinationId)?.inFlight ?? 0;
  }

  /** Requests in flight per destination that has been called (read on a metrics scrape). */
  inFlightByDestination(): [destinationId: number, inFlight: number][] {
    return [...this.lanes].map(([id, lane]) => [id, lane.inFlight]);
  }

  close(): void {
    for (const lane of this.lanes.values()) lane.breaker.shutdown();
    this.lanes.clear();
  }

  private lane(destinationId: number): Lane {
    let lane = this.lanes.get(destinationId);
    if (lane) return lane;
    const o = this.options;
    const breaker = new CircuitBreaker((fn: () => Promise<unknown>) => fn(), {
      timeout: false,
      errorThresholdPercentage: o.errorThresholdPercentage,
      volumeThreshold: o.volumeThreshold,
      resetTimeout: o.resetTimeoutMs,
      rollingCountTimeout: o.rollingWindowMs,
      rollingCountBuckets: 10,
    });
    breaker.on('open', () => o.onCircuitState?.(destinationId, 'open'));
    breaker.on('halfOpen', () => o.onCircuitState?.(destinationId, 'half_open'));
    breaker.on('close', () => o.onCircuitState?.(destinationId, 'closed'));
    lane = {
      breaker,
      inFlight: 0,
      waiting: new WaitQueue(),
      tokens: Math.max(1, o.ratePerSecond),
      refilledAt: Date.now(),
    };
    this.lanes.set(destinationId, lane);
    o.onCircuitState?.(destinationId, 'closed');
    return lane;
  }

  private async acquire(lane: Lane): Promise<void> {
    while (lane.inFlight >= this.options.maxInFlight) {
      await new Promise<void>((resolve) => lane.waiting.push(resolve));
    }
    lane.inFlight += 1;
  }

  private release(lane: Lane): void {
    lane.inFlight -= 1;
    lane.waiting.shift()?.();
  }

  private async takeToken(lane: Lane): Promise<void> {
    const rate = this.options.ratePerSecond;
    if (rate <= 0) return;
    for (;;) {
      const now = Date.now();
      lane.tokens = Math.min(rate, lane.tokens + ((now - lane.refilledAt) / 1000) * rate);
      lane.refilledAt = now;
      if (lane.tokens >= 1) {
        lane.tokens -= 1;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(((1 - lane.tokens) / rate) * 1000)));
    }
  }
}
