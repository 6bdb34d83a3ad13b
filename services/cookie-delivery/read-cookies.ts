/**
 * The edge read's query: the stored cookie values of one user, one row per cookie destination,
 * through the store's kysely instance (`cookie_states`, primary key (uuid, destination_id)). The
 * store's getCookieStates builds and compiles the query and parses the JSON spec on every call;
 * this hot path compiles the query once and re-executes it with the uuid as its only parameter,
 * selecting only what the edge needs (about half the time per read on SQLite).
 */
import type { StoreHandle } from '../../libs/store/index.ts';

export interface StoredCookie {
  destinationId: number;
  value: string;
}

export type ReadCookies = (uuid: string) => Promise<StoredCookie[]>;

export function createReadCookies(store: StoreHandle): ReadCookies {
  const compiled = store.db
    .selectFrom('cookie_states')
    .select(['destination_id', 'cookie_value'])
    .where('uuid', '=', '')
    .orderBy('destination_id')
    .compile();
  return async (uuid) => {
    const query: typeof compiled = { ...compiled, parameters: [uuid] };
    const { rows } = await store.db.executeQuery(query);
    return rows.map((row) => ({ destinationId: row.destination_id, value: row.cookie_value }));
  };
}
