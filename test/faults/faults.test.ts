/**
 * The fault suite (docs/reliability.md): each case runs the whole product (the all-in-one process)
 * with URL, cookie and S2S real-time destinations, injects one fault while traffic flows or a
 * backlog drains, and ends with counts at the partners and in the delivery topics (read_committed):
 * nothing lost, router outputs exactly once, partner duplicates only where at-least-once is
 * documented (counted). Every service must recover unattended.
 * Runs on the single-node stack and, with FAULT_CASES=cluster and STACK_BROKERS=3, on the 3-broker
 * cluster (one broker killed instead of the whole cluster restarted).
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/database.ts';
import { startFaultRun, type FaultOutcome, type FaultRun } from '../support/fault-harness.ts';
import { waitFor } from '../support/stack.ts';

const cluster = process.env.STACK_BROKERS === '3';
const stack = (...args: string[]) =>
  execFileSync('bash', ['deploy/local/stack.sh', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
const postgres = (...args: string[]) =>
  execFileSync('bash', ['deploy/local/postgres.sh', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });

let run: FaultRun | undefined;
afterEach(async () => {
  for (const cleanup of (run?.cleanups ?? []).reverse()) await cleanup().catch(() => undefined);
  run = undefined;
});

function record(name: string, injected: string, outcome: FaultOutcome, recovered: boolean) {
  mkdirSync('.local/fault-results', { recursive: true });
  appendFileSync(
    `.local/fault-results/${cluster ? 'cluster' : 'single'}.jsonl`,
    `${JSON.stringify({ name, injected, recovered, ...outcome, at: new Date().toISOString() })}\n`,
  );
}

async function expectAllUp(r: FaultRun) {
  await waitFor(
    async () => {
      const [live, ready] = await Promise.all([r.statuses('/healthz'), r.statuses('/readyz')]);
      return [...Object.values(live), ...Object.values(ready)].every((s) => s === 200);
    },
    { timeoutMs: 90_000, intervalMs: 500, message: 'every service live and ready' },
  );
}

function expectNothingLost(outcome: FaultOutcome, events: number) {
  if (outcome.positions) console.log(`fault case positions: ${JSON.stringify(outcome.positions, null, 2)}`);
  expect(outcome.events).toBe(events);
  expect(outcome.lost).toEqual({ url: 0, cookie: 0, s2s: 0 });
  expect(outcome.routerDuplicates).toBe(0);
}

describe.sequential(`fault suite (${cluster ? '3-broker cluster' : 'single node'})`, () => {
  it(
    cluster ? 'one of three brokers killed mid-stream' : 'broker restart mid-stream',
    async () => {
      run = await startFaultRun('fault-broker');
      run.start();
      await expectAllUp(run);
      await run.publish(1500);
      const publishing = (async () => {
        for (let i = 0; i < 6; i += 1) {
          await run!.publish(250).catch(() => undefined);
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      })();
      try {
        if (cluster) {
          stack('kill-broker', '2');
        } else {
          stack('stop-broker', '1');
          // A broker that cannot be reached is not ready, anywhere; but the processes stay alive.
          let last: Record<string, number> = {};
          await waitFor(
            async () => {
              last = await run!.statuses('/readyz');
              return Object.values(last).every((s) => s === 503);
            },
            { timeoutMs: 60_000, message: 'every service not ready while the broker is down' },
          ).catch((error: unknown) => {
            throw new Error(`${String(error)}; last /readyz statuses ${JSON.stringify(last)}`);
          });
        }
        await new Promise((resolve) => setTimeout(resolve, 8000));
      } finally {
        // Always bring the broker back: the rest of the suite runs on it.
        stack('start-broker', cluster ? '2' : '1');
      }
      await publishing;
      await run.publish(500);
      await expectAllUp(run);
      const outcome = await run.settle();
      record(
        cluster ? 'one broker of three killed' : 'broker restart',
        'broker down ~10 s mid-stream',
        outcome,
        true,
      );
      expectNothingLost(outcome, outcome.events);
      expect(outcome.events).toBeGreaterThanOrEqual(2000);
    },
    400_000,
  );

  it('SIGKILL of every service while it drains a backlog, twice', async () => {
    run = await startFaultRun('fault-kill');
    const events = 4000;
    await run.publish(events);
    for (let round = 0; round < 2; round += 1) {
      run.start();
      await waitFor(async () => (await run!.statuses('/readyz')).router === 200, {
        timeoutMs: 90_000,
        message: 'router ready',
      });
      await new Promise((resolve) => setTimeout(resolve, 1500 + round * 1000));
      await run.allInOne.kill();
    }
    run.start();
    await expectAllUp(run);
    const outcome = await run.settle();
    record(
      'SIGKILL while draining',
      'kill -9 of the all-in-one twice while a 4,000-event backlog drains',
      outcome,
      true,
    );
    expectNothingLost(outcome, events);
  }, 400_000);

  it.runIf(!cluster)(
    'schema registry down for 30 s',
    async () => {
      run = await startFaultRun('fault-registry');
      run.start();
      await expectAllUp(run);
      await run.publish(500);
      stack('stop-registry');
      try {
        // Writers and readers keep working from their cached schema ids while the registry is down.
        for (let i = 0; i < 6; i += 1) {
          await run.publish(100);
          await new Promise((resolve) => setTimeout(resolve, 5000));
        }
        expect(Object.values(await run.statuses('/healthz')).every((s) => s === 200)).toBe(true);
      } finally {
        stack('start-registry');
      }
      await run.publish(200);
      await expectAllUp(run);
      const outcome = await run.settle();
      record('registry down', 'registry stopped for 30 s while traffic flows', outcome, true);
      expectNothingLost(outcome, 1300);
    },
    400_000,
  );

  it.runIf(!cluster)(
    'PostgreSQL restarted under cookie-delivery and s2s-delivery',
    async () => {
      run = await startFaultRun('fault-postgres', {
        databaseUrl: async (service) => (await createTestDatabase('postgres', `fault_${service}`)).url,
      });
      run.start();
      await expectAllUp(run);
      await run.publish(1000);
      postgres('down');
      try {
        await waitFor(
          async () => {
            const ready = await run!.statuses('/readyz');
            return ready['cookie-delivery'] === 503 && ready['s2s-delivery'] === 503;
          },
          { timeoutMs: 30_000, message: 'cookie and s2s not ready while the database is down' },
        );
        await run.publish(300);
        await new Promise((resolve) => setTimeout(resolve, 5000));
      } finally {
        postgres('up');
      }
      await run.publish(200);
      await expectAllUp(run);
      const outcome = await run.settle();
      record(
        'PostgreSQL restart',
        'PostgreSQL stopped ~10 s under cookie and s2s, then started',
        outcome,
        true,
      );
      expectNothingLost(outcome, 1500);
    },
    400_000,
  );
});
