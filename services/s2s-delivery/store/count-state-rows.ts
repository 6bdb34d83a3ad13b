/** Rows of accumulated segment state per destination (members and kept removals). */
import type { StoreHandle } from '../../../libs/store/open-store.ts';

export async function countStateRows(store: StoreHandle): Promise<{ destinationId: number; rows: number }[]> {
  const rows = await store.db
    .selectFrom('user_segments')
    .select((eb) => ['destination_id', eb.fn.countAll<number>().as('n')])
    .groupBy('destination_id')
    .orderBy('destination_id')
    .execute();
  return rows.map((r) => ({ destinationId: r.destination_id, rows: Number(r.n) }));
}
