/**
 * What the fault cases share (test/faults/faults*.test.ts): the stack and PostgreSQL scripts, the
 * cleanup of the running case, "every service up", "nothing lost" and the results file.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { expect } from 'vitest';
import type { FaultOutcome, FaultRun } from './fault-harness.ts';
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

export async function expectAllUp(r: FaultRun) {
  await waitFor(
    async () => {
      const [live, ready] = await Promise.all([r.statuses('/healthz'), r.statuses('/readyz')]);
      return [...Object.values(live), ...Object.values(ready)].every((s) => s === 200);
    },
    { timeoutMs: 90_000, intervalMs: 500, message: 'every service live and ready' },
  );
}

export function expectNothingLost(outcome: FaultOutcome, events: number) {
  if (outcome.positions) console.log(`fault case positions: ${JSON.stringify(outcome.positions, null, 2)}`);
  expect(outcome.events).toBe(events);
  expect(outcome.lost).toEqual({ url: 0, cookie: 0, s2s: 0 });
  expect(outcome.routerDuplicates).toBe(0);
}
