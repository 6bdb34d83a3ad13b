/**
 * One export runner per destination across instances (ARCHITECTURE "Scale-out"): a row per
 * destination held by `holder` until `expires_at`. Acquire is one atomic upsert that succeeds only
 * when the row is free, expired or already ours; renew and release only touch our own generation.
 * The generation is a fencing token: it grows whenever the lease changes hands or is taken after
 * expiry, so a runner that lost its lease can tell. Times come from the caller's clock (`now`);
 * keep ttl well above the clock skew between instances.
 */
import type { StoreHandle } from '../../../libs/store/open-store.ts';

export interface ExportLease {
  destinationId: number;
  holder: string;
  generation: number;
  expiresAt: number;
}

export interface LeaseRequest {
  destinationId: number;
  holder: string;
  ttlMs: number;
  now?: number;
}

/** Takes the lease if free, expired or ours; null when someone else holds it. */
export async function acquireExportLease(
  store: StoreHandle,
  { destinationId, holder, ttlMs, now = Date.now() }: LeaseRequest,
): Promise<ExportLease | null> {
  const row = await store.db
    .insertInto('export_leases')
    .values({
      destination_id: destinationId,
      holder,
      expires_at: now + ttlMs,
      generation: 1,
      acquired_at: now,
    })
    .onConflict((oc) =>
      oc
        .column('destination_id')
        .doUpdateSet((eb) => ({
          holder: eb.ref('excluded.holder'),
          expires_at: eb.ref('excluded.expires_at'),
          acquired_at: eb.ref('excluded.acquired_at'),
          generation: eb
            .case()
            .when(
              eb.and([
                eb('export_leases.holder', '=', eb.ref('excluded.holder')),
                eb('export_leases.expires_at', '>', now),
              ]),
            )
            .then(eb.ref('export_leases.generation'))
            .else(eb('export_leases.generation', '+', 1))
            .end(),
        }))
        .where((eb) =>
          eb.or([
            eb('export_leases.expires_at', '<=', now),
            eb('export_leases.holder', '=', eb.ref('excluded.holder')),
          ]),
        ),
    )
    .returning(['destination_id', 'holder', 'generation', 'expires_at'])
    .executeTakeFirst();
  if (row === undefined) return null;
  return {
    destinationId: row.destination_id,
    holder: row.holder,
    generation: Number(row.generation),
    expiresAt: Number(row.expires_at),
  };
}

/** Extends our unexpired lease; null when it expired or changed hands (stop exporting). */
export async function renewExportLease(
  store: StoreHandle,
  lease: ExportLease,
  ttlMs: number,
  now = Date.now(),
): Promise<ExportLease | null> {
  const result = await store.db
    .updateTable('export_leases')
    .set({ expires_at: now + ttlMs })
    .where('destination_id', '=', lease.destinationId)
    .where('holder', '=', lease.holder)
    .where('generation', '=', lease.generation)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? { ...lease, expiresAt: now + ttlMs } : null;
}

/** Gives the lease up at once (the row stays, so generations keep growing). */
export async function releaseExportLease(store: StoreHandle, lease: ExportLease): Promise<boolean> {
  const result = await store.db
    .updateTable('export_leases')
    .set({ expires_at: 0 })
    .where('destination_id', '=', lease.destinationId)
    .where('holder', '=', lease.holder)
    .where('generation', '=', lease.generation)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
