import { afterEach, describe, expect, it } from 'vitest';
import { DestinationGate, type CircuitState } from './destination-gate.ts';

const gates: DestinationGate[] = [];
afterEach(() => {
  for (const gate of gates.splice(0)) gate.close();
});

function gate(overrides: Partial<ConstructorParameters<typeof DestinationGate>[0]> = {}) {
  const states: [number, CircuitState][] = [];
  const g = new DestinationGate({
    maxInFlight: 2,
    ratePerSecond: 0,
    errorThresholdPercentage: 50,
    volumeThreshold: 4,
    resetTimeoutMs: 60_000,
    rollingWindowMs: 10_000,
    onCircuitState: (id, state) => states.push([id, state]),
    ...overrides,
  });
  gates.push(g);
  return { g, states };
}

describe('DestinationGate', () => {
  it('opens the circuit of a failing destination only', async () => {
    const { g, states } = gate();
    const fail = () => Promise.resolve({ ok: false });
    for (let i = 0; i < 4; i += 1) await g.run(1, fail, (r) => !r.ok);
    expect(g.state(1)).toBe('open');
    expect(
      await g.run(
        1,
        () => Promise.resolve({ ok: true }),
        (r) => !r.ok,
      ),
    ).toBe('circuit_open');
    expect(
      await g.run(
        2,
        () => Promise.resolve({ ok: true }),
        (r) => !r.ok,
      ),
    ).toEqual({ ok: true });
    expect(g.state(2)).toBe('closed');
    expect(states).toContainEqual([1, 'open']);
    expect(states).not.toContainEqual([2, 'open']);
  });

  it('caps requests in flight per destination without holding back the others', async () => {
    const { g } = gate({ volumeThreshold: 1000 });
    let peak = 0;
    let current = 0;
    const releases: (() => void)[] = [];
    const slow = () =>
      new Promise<{ n: number }>((resolve) => {
        current += 1;
        peak = Math.max(peak, current);
        releases.push(() => {
          current -= 1;
          resolve({ n: 1 });
        });
      });
    const pending = Array.from({ length: 5 }, () => g.run(1, slow, () => false));
    await new Promise((r) => setImmediate(r));
    expect(g.inFlight(1)).toBe(2);
    expect(
      await g.run(
        2,
        () => Promise.resolve({ n: 7 }),
        () => false,
      ),
    ).toEqual({ n: 7 });
    while (releases.length > 0 || current > 0) {
      releases.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(pending);
    expect(peak).toBe(2);
    expect(g.inFlight(1)).toBe(0);
  });

  it('limits the request rate per destination', async () => {
    const { g } = gate({ ratePerSecond: 20, maxInFlight: 100, volumeThreshold: 1000 });
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 30 }, () =>
        g.run(
          1,
          () => Promise.resolve({ n: 1 }),
          () => false,
        ),
      ),
    );
    // 20 tokens at start, 10 more at 20/s take >= ~500 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });

  it('refuses the calls beyond maxQueued of a stuck destination, never those of an answering one', async () => {
    const { g } = gate({ maxInFlight: 2, maxQueued: 3, stuckAfterMs: 50, volumeThreshold: 1000 });
    const releases: (() => void)[] = [];
    const stuck = () => new Promise<{ ok: boolean }>((resolve) => releases.push(() => resolve({ ok: true })));
    const calls = Array.from({ length: 7 }, () => g.run(1, stuck, () => false)); // 2 in flight, 5 queued
    // No answer for 50 ms with every slot taken: the two newest waiters are refused, new calls too.
    expect(await calls[6]).toBe('destination_busy');
    expect(await calls[5]).toBe('destination_busy');
    expect(await g.run(1, stuck, () => false)).toBe('destination_busy');
    expect(
      await g.run(
        2,
        () => Promise.resolve({ ok: true }),
        () => false,
      ),
    ).toEqual({ ok: true });
    while (releases.length > 0) {
      releases.shift()!();
      await new Promise((r) => setImmediate(r));
    }
    expect(await Promise.all(calls.slice(0, 5))).toEqual(Array.from({ length: 5 }, () => ({ ok: true })));
    expect(g.state(1), 'refusals do not count as partner failures').toBe('closed');

    // Busy but answering (every 10 ms): however long its queue, nothing is refused.
    const slow = () => new Promise<{ ok: boolean }>((resolve) => setTimeout(() => resolve({ ok: true }), 10));
    const results = await Promise.all(Array.from({ length: 40 }, () => g.run(3, slow, () => false)));
    expect(results.every((r) => r !== 'destination_busy')).toBe(true);
  });
});
