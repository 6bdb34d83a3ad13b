/**
 * The fault suite (docs/reliability.md): each case runs the whole product (the all-in-one process)
 * with URL, cookie and S2S real-time destinations, injects one fault while traffic flows or a
 * backlog drains, and ends with counts at the partners and in the delivery topics (read_committed):
 * nothing lost, router outputs exactly once, partner duplicates only where at-least-once is
 * documented (counted). Every service must recover unattended.
 * Runs on the single-node stack and, with STACK_BROKERS=3, on the 3-broker cluster (one broker
 * killed instead of the whole cluster restarted). The cases that need the single node's registry
 * and PostgreSQL are in faults-single-node.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startFaultRun, type FaultRun } from '../support/fault-harness.ts';
import { cleanUp, cluster, expectAllUp, expectNothingLost, record, stack } from '../support/fault-cases.ts';
import { waitFor } from '../support/stack.ts';

let run: FaultRun | undefined;
afterEach(async () => {
  await cleanUp(run);
  run = undefined;
});

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
});
