/**
 * The highest change sequence whose changes are all committed: the upper bound of an export.
 * See next-change-seq.ts for why the PostgreSQL read waits for in-flight writers.
 */
import { sql } from 'kysely';
import type { Store } from '../../../libs/store/open-store.ts';

export async function readWatermark(store: Store): Promise<number> {
  if (store.dialect === 'postgres') {
    return store.transaction(async (tx) => {
      await sql`lock table destination_users in share mode`.execute(tx.db);
      const { rows } = await sql<{
        last_value: number;
        is_called: boolean;
      }>`select last_value, is_called from change_seq`.execute(tx.db);
      const row = rows[0]!;
      return row.is_called ? Number(row.last_value) : 0;
    });
  }
  const row = await store.db
    .selectFrom('store_sequences')
    .select('value')
    .where('name', '=', 'change_seq')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
