/**
 * What the fault cases share (test/faults/faults*.test.ts): the stack and PostgreSQL scripts, the
 * cleanup of the running case, "every service up", "nothing lost" and the results file.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { expect } from 'vitest';
import type { FaultOutcome, FaultRun } from './fault-harness.ts';
import { opsStatus } from './free-port.ts';
import { waitFor } from './stack.ts';

export const cluster = process.env.STACK_BROKERS === '3';
export const stack = (...args: string[]) =>
  execFileSync('bash', ['deploy/local/stack.sh', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
export const postgres = (...args: string[]) =>
  execFileSync('bash', ['deploy/local/postgres.sh', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });

/** Runs a case's cleanups (newest first), whatever happened in it. */
export async function cleanUp(run: FaultRun | undefined): Promise<void> {
  for (const cleanup of (run?.cleanups ?? []).reverse()) await cleanup().catch(() => undefined);
}

export function record(name: string, injected: string, outcome: FaultOutcome, recovered: boolean) {
  mkdirSync('.local/fault-results', { recursive: true });
  appendFileSync(
    `.local/fault-results/${cluster ? 'cluster' : 'single'}.jsonl`,
    `${JSON.stringify({ name, injected, recovered, ...outcome, at: new Date().toISOString() })}\n`,
  );
}

/**
 * Every service live and ready, the builder included (a fault is injected into a product that is
 * fully up). A process that exited fails at once: nothing here restarts it.
 */
export async function expectAllUp(r: FaultRun) {
  let exited: string | undefined;
  await waitFor(
    async () => {
      exited = r.allInOne.exited();
      if (exited !== undefined) return true;
      const [live, ready, builder] = await Promise.all([
        r.statuses('/healthz'),
        r.statuses('/readyz'),
        opsStatus(r.ports.builder, '/readyz'),
      ]);
      return [...Object.values(live), ...Object.values(ready), builder].every((s) => s === 200);
    },
    { timeoutMs: 90_000, intervalMs: 500, message: 'every service live and ready' },
  );
  if (exited !== undefined) throw new Error(`the all-in-one exited (${exited}); see ${r.allInOne.logFile}`);
}

export function expectNothingLost(outcome: FaultOutcome, events: number) {
  if (outcome.positions) console.log(`fault case positions: ${JSON.stringify(outcome.positions, null, 2)}`);
  expect(outcome.events).toBe(events);
  expect(outcome.lost).toEqual({ url: 0, cookie: 0, s2s: 0 });
  expect(outcome.routerDuplicates).toBe(0);
}
