/**
 * Deletes ID syncs not seen since `cutoff` (AAM: 120 days). Queries already treat such syncs as
 * absent through their syncCutoff option; this only reclaims the rows. Returns the rows deleted.
 */
import type { StoreHandle } from '../../../libs/store/open-store.ts';

export async function expireIdSyncs(store: StoreHandle, cutoff: number): Promise<number> {
  const result = await store.db.deleteFrom('id_syncs').where('seen_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
