/**
 * Isolation of partners from each other (SPEC §7): per destination, a circuit breaker, a
 * cap on requests in flight and a request rate limit (token bucket). A dead or slow partner fills
 * only its own slots and opens only its own circuit; calls to it then fail fast (`circuit_open`) and
 * wait in the retry topics, while the other destinations keep their capacity.
 * A call counts as a breaker failure when `isFailure(result)` says so (5xx, 429, timeouts,
 * connection errors), not only when it throws: partner errors come back as outcomes, not exceptions.
 */
import { CircuitBreaker, type CircuitState } from './circuit-breaker.ts';

export type { CircuitState };

export interface DestinationGateOptions {
  /** Requests in flight per destination; further calls queue. */
  maxInFlight: number;
  /**
   * Calls queued per destination behind its in-flight ones; further calls are refused at once
   * (DESTINATION_BUSY) instead of waiting, so one stuck partner cannot hold the consumer's whole
   * budget of records in flight before its circuit opens. Default: unbounded.
   */
  maxQueued?: number;
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

/** Why the gate refused a call without making it. */
export type GateRefusal = 'circuit_open' | 'destination_busy';

/** FIFO of the calls waiting for a slot: push and shift in O(1) (an array's shift() is O(n)). */
class WaitQueue {
  private items: (() => void)[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

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
  breaker: CircuitBreaker;
  inFlight: number;
  waiting: WaitQueue;
  tokens: number;
  refilledAt: number;
}

export class DestinationGate {
  private readonly lanes = new Map<number, Lane>();

  constructor(private readonly options: DestinationGateOptions) {}

  async run<T extends object>(
    destinationId: number,
    call: () => Promise<T>,
    isFailure: (result: T) => boolean,
  ): Promise<T | GateRefusal> {
    const lane = this.lane(destinationId);
    if (
      lane.inFlight >= this.options.maxInFlight &&
      lane.waiting.size >= (this.options.maxQueued ?? Infinity)
    )
      return 'destination_busy';
    const permit = lane.breaker.allow();
    if (permit === null) return 'circuit_open';
    await this.acquire(lane);
    try {
      // Opened while this call waited for a slot: refuse it like the ones after it.
      if (permit === 'call' && lane.breaker.state !== 'closed') return 'circuit_open';
      await this.takeToken(lane);
      let result: T;
      try {
        result = await call();
      } catch (error) {
        lane.breaker.record(permit, true);
        throw error;
      }
      lane.breaker.record(permit, isFailure(result));
      return result;
    } finally {
      this.release(lane);
    }
  }

  state(destinationId: number): CircuitState {
    return this.lanes.get(destinationId)?.breaker.state ?? 'closed';
  }

  inFlight(destinationId: number): number {
    return this.lanes.get(destinationId)?.inFlight ?? 0;
  }

  /** Requests in flight per destination that has been called (read on a metrics scrape). */
  inFlightByDestination(): [destinationId: number, inFlight: number][] {
    return [...this.lanes].map(([id, lane]) => [id, lane.inFlight]);
  }

  close(): void {
    this.lanes.clear();
  }

  private lane(destinationId: number): Lane {
    let lane = this.lanes.get(destinationId);
    if (lane) return lane;
    const o = this.options;
    const breaker = new CircuitBreaker({
      errorThresholdPercentage: o.errorThresholdPercentage,
      volumeThreshold: o.volumeThreshold,
      resetTimeoutMs: o.resetTimeoutMs,
      rollingWindowMs: o.rollingWindowMs,
      onState: (state) => o.onCircuitState?.(destinationId, state),
    });
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
