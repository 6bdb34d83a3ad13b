/**
 * The current cookie per (user, cookie destination), for the cookie service's edge read endpoint.
 * Latest wins by updatedAt; an empty value means "no live segment" and deletes the row.
 */
import type { StoreHandle } from '../../libs/store/open-store.ts';
import { chunk } from '../../libs/store/chunk.ts';

export interface CookieState {
  uuid: string;
  destinationId: number;
  name: string;
  value: string;
  /** What the edge needs to set it: domain, ttlDays, publish rule (stored as JSON). */
  spec: Record<string, unknown>;
  updatedAt: number;
}

export async function putCookieStates(store: StoreHandle, states: readonly CookieState[]): Promise<void> {
  const [keep, drop] = [states.filter((s) => s.value !== ''), states.filter((s) => s.value === '')];
  for (const slice of chunk(keep, 1000)) {
    await store.db
      .insertInto('cookie_states')
      .values(
        slice.map((s) => ({
          uuid: s.uuid,
          destination_id: s.destinationId,
          cookie_name: s.name,
          cookie_value: s.value,
          spec: JSON.stringify(s.spec),
          updated_at: s.updatedAt,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['uuid', 'destination_id'])
          .doUpdateSet((eb) => ({
            cookie_name: eb.ref('excluded.cookie_name'),
            cookie_value: eb.ref('excluded.cookie_value'),
            spec: eb.ref('excluded.spec'),
            updated_at: eb.ref('excluded.updated_at'),
          }))
          .where((eb) => eb('excluded.updated_at', '>=', eb.ref('cookie_states.updated_at'))),
      )
      .execute();
  }
  for (const s of drop) {
    await store.db
      .deleteFrom('cookie_states')
      .where('uuid', '=', s.uuid)
      .where('destination_id', '=', s.destinationId)
      .where('updated_at', '<=', s.updatedAt)
      .execute();
  }
}

export async function getCookieStates(store: StoreHandle, uuid: string): Promise<CookieState[]> {
  const rows = await store.db
    .selectFrom('cookie_states')
    .selectAll()
    .where('uuid', '=', uuid)
    .orderBy('destination_id')
    .execute();
  return rows.map((r) => ({
    uuid: r.uuid,
    destinationId: r.destination_id,
    name: r.cookie_name,
    value: r.cookie_value,
    spec: JSON.parse(r.spec) as Record<string, unknown>,
    updatedAt: Number(r.updated_at),
  }));
}
