/**
 * The fault cases of the single-node stack only (npm test's integration phase): the schema
 * registry and PostgreSQL stopped under running traffic. Same product, counts and rules as
 * faults.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/database.ts';
import { startFaultRun, type FaultRun } from '../support/fault-harness.ts';
import { cleanUp, expectAllUp, expectNothingLost, postgres, record, stack } from '../support/fault-cases.ts';
import { waitFor } from '../support/stack.ts';

let run: FaultRun | undefined;
afterEach(async () => {
  await cleanUp(run);
  run = undefined;
});

describe.sequential('fault suite (single node: registry, database)', () => {
  it('schema registry down for 30 s', async () => {
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
  }, 400_000);

  it('PostgreSQL restarted under cookie-delivery and s2s-delivery', async () => {
    // each step's time on stdout: a case that runs out of time says where it was
    const started = Date.now();
    const step = (name: string) => console.log(`fault-postgres +${Date.now() - started} ms: ${name}`);
    run = await startFaultRun('fault-postgres', {
      databaseUrl: async (service) => (await createTestDatabase('postgres', `fault_${service}`)).url,
    });
    run.start();
    await expectAllUp(run);
    step('all up');
    await run.publish(1000);
    step('1000 published; stopping PostgreSQL');
    postgres('down');
    step('PostgreSQL stopped');
    try {
      await waitFor(
        async () => {
          const ready = await run!.statuses('/readyz');
          return ready['cookie-delivery'] === 503 && ready['s2s-delivery'] === 503;
        },
        { timeoutMs: 30_000, message: 'cookie and s2s not ready while the database is down' },
      );
      step('cookie and s2s not ready');
      await run.publish(300);
      await new Promise((resolve) => setTimeout(resolve, 5000));
    } finally {
      postgres('up');
      step('PostgreSQL started');
    }
    await run.publish(200);
    await expectAllUp(run);
    step('all up again');
    const outcome = await run.settle(120_000);
    step(`settled: lost ${JSON.stringify(outcome.lost)}`);
    record(
      'PostgreSQL restart',
      'PostgreSQL stopped ~10 s under cookie and s2s, then started',
      outcome,
      true,
    );
    expectNothingLost(outcome, 1500);
  }, 400_000);
});
