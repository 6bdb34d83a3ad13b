/**
 * Isolation of partners from each other (SPEC §7): per destination, a circuit breaker, a
 * cap on requests in flight and a request rate limit (token bucket). A dead or slow partner fills
 * only its own slots and opens only its own circuit; calls to it then fail fast (`circuit_open`) and
 * wait in the retry topics, while the other destinations keep their capacity.
 * A call counts as a breaker failure when `isFailure(result)` says so (5xx, 429, timeouts,
 * connection errors), not only when it throws: partner errors come back as outcomes, not exceptions.
 */
import type { Logger } from '../runtime/logger.ts';
import { CircuitBreaker, type CircuitState } from './circuit-breaker.ts';

export type { CircuitState };

export interface DestinationGateOptions {
  /** Requests in flight per destination; further calls queue. */
  maxInFlight: number;
  /**
   * Calls that may wait for a slot of a *stuck* destination (all slots taken and no answer for
   * `stuckAfterMs`); beyond that, waiting calls and new ones are refused (`destination_busy`) and go
   * to the retry topics, so a flood to one stuck partner cannot hold the consumer's whole budget of
   * records in flight before its circuit opens. A destination that keeps answering, however busy,
   * is never refused. Default: unbounded.
   */
  maxQueued?: number;
  /** No answer for this long with every slot taken = stuck (default 1000 ms). */
  stuckAfterMs?: number;
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

/** A waiting call's wake-up: true = a slot is free, false = refused (destination stuck). */
type Wake = (granted: boolean) => void;

/** FIFO of the calls waiting for a slot: push and shift in O(1) (an array's shift() is O(n)). */
class WaitQueue {
  private items: Wake[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(wake: Wake): void {
    this.items.push(wake);
  }

  /** The most recent waiter (evicted first: the oldest keep their turn). */
  pop(): Wake | undefined {
    return this.size > 0 ? this.items.pop() : undefined;
  }

  shift(): Wake | undefined {
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
  /** Last answer (or the start of waiting for one when nothing was in flight). */
  settledAt: number;
  stuckTimer: NodeJS.Timeout | undefined;
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
    if (lane.waiting.size >= this.maxQueued && this.stuck(lane)) return 'destination_busy';
    const permit = lane.breaker.allow();
    if (permit === null) return 'circuit_open';
    if (!(await this.acquire(lane))) {
      lane.breaker.abandon(permit);
      return 'destination_busy';
    }
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

  /** How long a refused call should wait before it is tried again (until the circuit allows a trial). */
  reopensInMs(destinationId: number): number {
    const lane = this.lanes.get(destinationId);
    if (lane === undefined) return 0;
    return Math.max(lane.breaker.msUntilAllowed(), this.stuck(lane) ? this.stuckAfterMs : 0);
  }

  inFlight(destinationId: number): number {
    return this.lanes.get(destinationId)?.inFlight ?? 0;
  }

  /** Requests in flight per destination that has been called (read on a metrics scrape). */
  inFlightByDestination(): [destinationId: number, inFlight: number][] {
    return [...this.lanes].map(([id, lane]) => [id, lane.inFlight]);
  }

  close(): void {
    for (const lane of this.lanes.values()) clearTimeout(lane.stuckTimer);
    this.lanes.clear();
  }

  private get maxQueued(): number {
    return this.options.maxQueued ?? Infinity;
  }

  private get stuckAfterMs(): number {
    return this.options.stuckAfterMs ?? 1000;
  }

  private stuck(lane: Lane): boolean {
    return lane.inFlight >= this.options.maxInFlight && Date.now() - lane.settledAt >= this.stuckAfterMs;
  }

  /** While calls wait, checks when the lane would turn stuck; then refuses the waiters beyond maxQueued. */
  private watch(lane: Lane): void {
    if (lane.stuckTimer !== undefined || this.maxQueued === Infinity) return;
    const due = Math.max(1, lane.settledAt + this.stuckAfterMs - Date.now());
    lane.stuckTimer = setTimeout(() => {
      lane.stuckTimer = undefined;
      if (lane.waiting.size === 0) return;
      if (this.stuck(lane)) while (lane.waiting.size > this.maxQueued) lane.waiting.pop()!(false);
      else this.watch(lane);
    }, due);
    lane.stuckTimer.unref();
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
      settledAt: Date.now(),
      stuckTimer: undefined,
      tokens: Math.max(1, o.ratePerSecond),
      refilledAt: Date.now(),
    };
    this.lanes.set(destinationId, lane);
    o.onCircuitState?.(destinationId, 'closed');
    return lane;
  }

  /** Takes a slot, waiting for one if needed; false when refused because the lane is stuck. */
  private async acquire(lane: Lane): Promise<boolean> {
    while (lane.inFlight >= this.options.maxInFlight) {
      const granted = await new Promise<boolean>((resolve) => {
        lane.waiting.push(resolve);
        this.watch(lane);
      });
      if (!granted) return false;
    }
    if (lane.inFlight === 0) lane.settledAt = Date.now();
    lane.inFlight += 1;
    return true;
  }

  private release(lane: Lane): void {
    lane.inFlight -= 1;
    lane.settledAt = Date.now();
    lane.waiting.shift()?.(true);
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

/** Where a service's gate reports: circuit changes, and in-flight counts read on each scrape. */
export interface GateObserver {
  circuit(destinationId: number, state: CircuitState): void;
  sampleInFlight(read: () => Iterable<[destinationId: number, inFlight: number]>): void;
}

/**
 * A gate wired the way every delivery service wants it: circuit changes go to the metrics and,
 * when not closed, to the log; requests in flight are read by the metrics at scrape time.
 */
export function observedGate(
  options: Omit<DestinationGateOptions, 'onCircuitState'>,
  observer: GateObserver,
  logger: Logger,
): DestinationGate {
  const gate = new DestinationGate({
    ...options,
    onCircuitState: (id, state) => {
      observer.circuit(id, state);
      if (state !== 'closed') logger.warn({ destinationId: id, state }, 'destination circuit changed');
    },
  });
  observer.sampleInFlight(() => gate.inFlightByDestination());
  return gate;
}
