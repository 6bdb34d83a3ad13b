/** Every migration, in order. Names sort lexically; never rename or edit one that has shipped. */
import type { Migration } from 'kysely';
import type { StoreDialect } from '../open-store.ts';
import { initial } from './0001-initial.ts';
import { realTimeOutbox } from './0002-real-time-outbox.ts';
import { realTimeEventTime } from './0003-real-time-event-time.ts';

export const migrations: Record<string, (dialect: StoreDialect) => Migration> = {
  '0001-initial': initial,
  '0002-real-time-outbox': realTimeOutbox,
  '0003-real-time-event-time': realTimeEventTime,
};
