/** The next offset to consume per partition of one topic for a group, as stored with the state. */
import type { StoreHandle } from './open-store.ts';

export async function loadOffsets(
  store: StoreHandle,
  groupId: string,
  topic: string,
): Promise<Map<number, string>> {
  const rows = await store.db
    .selectFrom('consumer_offsets')
    .select(['partition', 'next_offset'])
    .where('group_id', '=', groupId)
    .where('topic', '=', topic)
    .execute();
  return new Map(rows.map((r) => [r.partition, String(r.next_offset)]));
}
