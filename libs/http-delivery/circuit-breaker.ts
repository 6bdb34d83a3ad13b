/**
 * A circuit breaker for one destination, with the semantics of opossum (which this replaced):
 *   closed:    calls go; outcomes are counted in a rolling window of `buckets` time buckets; when the
 *              window holds at least `volumeThreshold` calls and `errorThresholdPercentage` % or more
 *              of them failed, the circuit opens;
 *   open:      calls are refused until `resetTimeoutMs` has passed, then the next call is let through
 *              as the one trial (half-open);
 *   half-open: only the trial call goes; its success closes the circuit (fresh window), its failure
 *              opens it again for another `resetTimeoutMs`.
 * Why not opossum: wrapping every call in `fire()` (promise chain, events, stats listeners) cost
 * about 10 µs of CPU per call, a quarter of a whole pixel call's client CPU at thousands of calls
 * per second (docs/benchmarks.md). Here a call costs two method calls and an array increment.
 */
export type CircuitState = 'closed' | 'half_open' | 'open';

export interface CircuitBreakerOptions {
  /** Failure percentage over the rolling window that opens the circuit. */
  errorThresholdPercentage: number;
  /** Calls in the window before the circuit may open. */
  volumeThreshold: number;
  /** Time open before one trial call (half-open). */
  resetTimeoutMs: number;
  rollingWindowMs: number;
  /** Buckets of the rolling window (default 10). */
  buckets?: number;
  onState?(state: CircuitState): void;
  now?: () => number;
}

/** What allow() granted: an ordinary call (circuit closed) or the half-open trial. */
export type Permit = 'call' | 'trial';

export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private openedAt = 0;
  private trialRunning = false;
  private readonly bucketMs: number;
  private readonly calls: Uint32Array;
  private readonly failures: Uint32Array;
  private bucket = 0;
  private readonly now: () => number;

  constructor(private readonly o: CircuitBreakerOptions) {
    const buckets = o.buckets ?? 10;
    this.bucketMs = Math.max(1, o.rollingWindowMs / buckets);
    this.calls = new Uint32Array(buckets);
    this.failures = new Uint32Array(buckets);
    this.now = o.now ?? Date.now;
    this.bucket = Math.floor(this.now() / this.bucketMs);
  }

  get state(): CircuitState {
    return this.current;
  }

  /** May a call go now? Null when the circuit refuses it. */
  allow(): Permit | null {
    if (this.current === 'closed') return 'call';
    if (this.current === 'open') {
      if (this.now() - this.openedAt < this.o.resetTimeoutMs) return null;
      this.transition('half_open');
    }
    if (this.trialRunning) return null;
    this.trialRunning = true;
    return 'trial';
  }

  /** How long until allow() may grant a call: 0 when closed, or half-open with no trial running. */
  msUntilAllowed(): number {
    if (this.current === 'open') return Math.max(0, this.o.resetTimeoutMs - (this.now() - this.openedAt));
    return this.trialRunning ? this.o.resetTimeoutMs : 0;
  }

  /** A call allow() let through was not made after all: a trial frees its place, no verdict. */
  abandon(permit: Permit): void {
    if (permit === 'trial') this.trialRunning = false;
  }

  /** The outcome of a call allow() let through. */
  record(permit: Permit, failed: boolean): void {
    if (permit === 'trial') {
      this.trialRunning = false;
      if (failed) this.open();
      else this.close();
      return;
    }
    if (this.current !== 'closed') return; // started before the circuit opened
    const slot = this.rotate();
    this.calls[slot]! += 1;
    if (!failed) return;
    this.failures[slot]! += 1;
    let calls = 0;
    let failures = 0;
    for (let i = 0; i < this.calls.length; i += 1) {
      calls += this.calls[i]!;
      failures += this.failures[i]!;
    }
    if (calls >= this.o.volumeThreshold && failures * 100 >= this.o.errorThresholdPercentage * calls)
      this.open();
  }

  /** Moves the window to the current bucket, clearing the buckets that went out of it; its index. */
  private rotate(): number {
    const bucket = Math.floor(this.now() / this.bucketMs);
    const size = this.calls.length;
    if (bucket !== this.bucket) {
      const stale = Math.min(size, bucket - this.bucket);
      for (let i = 1; i <= stale; i += 1) {
        const slot = (this.bucket + i) % size;
        this.calls[slot] = 0;
        this.failures[slot] = 0;
      }
      this.bucket = bucket;
    }
    return bucket % size;
  }

  private open(): void {
    this.openedAt = this.now();
    this.transition('open');
  }

  private close(): void {
    this.calls.fill(0);
    this.failures.fill(0);
    this.transition('closed');
  }

  private transition(state: CircuitState): void {
    if (state === this.current) return;
    this.current = state;
    this.o.onState?.(state);
  }
}
