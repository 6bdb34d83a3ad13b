/**
 * Did a succeeded export of this destination publish a file of this name? The LOCAL target replaces
 * an existing file only then (local-target.ts): a fixed fileNameTemplate keeps working, a file the
 * service did not create is never overwritten. The last 1000 exports of the destination are read.
 */
import { type Store } from '../../libs/store/index.ts';
import { listExports } from './store/export-history.ts';

const HISTORY_LIMIT = 1000;

export async function publishedBefore(store: Store, destinationId: number, name: string): Promise<boolean> {
  const history = await listExports(store, destinationId, HISTORY_LIMIT);
  return history.some((record) => record.outcome === 'succeeded' && record.files.includes(name));
}
