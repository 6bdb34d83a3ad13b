import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type CircuitState } from './circuit-breaker.ts';

function breaker(overrides: Partial<ConstructorParameters<typeof CircuitBreaker>[0]> = {}) {
  let now = 1_000_000;
  const states: CircuitState[] = [];
  const b = new CircuitBreaker({
    errorThresholdPercentage: 50,
    volumeThreshold: 10,
    resetTimeoutMs: 30_000,
    rollingWindowMs: 10_000,
    onState: (s) => states.push(s),
    now: () => now,
    ...overrides,
  });
  const calls = (n: number, failed: boolean) => {
    for (let i = 0; i < n; i += 1) b.record(b.allow()!, failed);
  };
  return { b, states, calls, advance: (ms: number) => (now += ms) };
}

describe('CircuitBreaker', () => {
  it('opens when the window holds enough calls and enough of them failed', () => {
    const { b, states, calls } = breaker();
    calls(4, false);
    calls(5, true);
    expect(b.state, '9 calls: below the volume threshold').toBe('closed');
    calls(1, true);
    expect(b.state, '6 of 10 failed').toBe('open');
    expect(b.allow()).toBeNull();
    expect(states).toEqual(['open']);
  });

  it('stays closed below the error percentage', () => {
    const { b, calls } = breaker();
    calls(60, false);
    calls(40, true);
    expect(b.state).toBe('closed');
  });

  it('forgets failures that left the rolling window', () => {
    const { b, calls, advance } = breaker();
    calls(9, true);
    advance(10_001);
    calls(1, true);
    calls(9, false);
    expect(b.state, 'the 9 old failures no longer count').toBe('closed');
  });

  it('lets one trial call through after the reset timeout; its success closes the circuit', () => {
    const { b, states, calls, advance } = breaker();
    calls(10, true);
    advance(29_999);
    expect(b.allow()).toBeNull();
    advance(1);
    const trial = b.allow();
    expect(trial).toBe('trial');
    expect(b.state).toBe('half_open');
    expect(b.allow(), 'one trial at a time').toBeNull();
    b.record(trial!, false);
    expect(b.state).toBe('closed');
    expect(states).toEqual(['open', 'half_open', 'closed']);
    calls(9, true);
    expect(b.state, 'a fresh window after closing').toBe('closed');
  });

  it('opens again for another reset timeout when the trial fails', () => {
    const { b, calls, advance } = breaker();
    calls(10, true);
    advance(30_000);
    b.record(b.allow()!, true);
    expect(b.state).toBe('open');
    advance(29_000);
    expect(b.allow()).toBeNull();
    advance(1_000);
    expect(b.allow()).toBe('trial');
  });

  it('ignores outcomes of calls that started before the circuit opened', () => {
    const { b, calls, advance } = breaker();
    const early = b.allow()!;
    calls(10, true);
    b.record(early, false);
    expect(b.state).toBe('open');
    advance(30_000);
    expect(b.allow()).toBe('trial');
  });

  it('frees the trial place of a call that was not made, without a verdict', () => {
    const { b, calls, advance } = breaker();
    calls(10, true);
    advance(30_000);
    const trial = b.allow()!;
    b.abandon(trial);
    expect(b.state).toBe('half_open');
    expect(b.allow()).toBe('trial');
  });

  it('says how long until it may let a call through', () => {
    const { b, calls, advance } = breaker();
    expect(b.msUntilAllowed(), 'closed').toBe(0);
    calls(10, true);
    expect(b.msUntilAllowed(), 'just opened').toBe(30_000);
    advance(20_000);
    expect(b.msUntilAllowed()).toBe(10_000);
    advance(10_000);
    expect(b.msUntilAllowed(), 'due for its trial').toBe(0);
    const trial = b.allow();
    expect(trial).toBe('trial');
    expect(b.msUntilAllowed(), 'trial running: at most another reset period').toBe(30_000);
    b.record(trial!, false);
    expect(b.msUntilAllowed(), 'closed again').toBe(0);
  });
});
