/** Whether the state database answers now (`select 1` every few seconds), for /readyz. */
import { sql } from 'kysely';
import { PeriodicProbe } from '../runtime/periodic-probe.ts';
import type { Store } from './open-store.ts';

export function databaseProbe(store: Store): PeriodicProbe {
  return new PeriodicProbe(() => sql`select 1`.execute(store.db));
}
