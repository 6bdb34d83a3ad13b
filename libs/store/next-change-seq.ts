/**
 * Allocates the change sequence number of one write transaction. Every row a transaction changes
 * carries the same number; `iter` exports read rows in (previous watermark, readWatermark()].
 *
 * PostgreSQL: writers take ROW EXCLUSIVE on destination_users *before* nextval, and readWatermark
 * takes SHARE on it, which waits for every writer in flight. So once a watermark W is read, every
 * number <= W is committed or rolled back, and later writers get numbers > W: no change is skipped
 * by an export even with many concurrent writers. SQLite has one writer at a time; a counter row.
 */
import { sql } from 'kysely';
import type { StoreTx } from './open-store.ts';

export async function nextChangeSeq(tx: StoreTx): Promise<number> {
  if (tx.dialect === 'postgres') {
    await sql`lock table destination_users in row exclusive mode`.execute(tx.db);
    const { rows } = await sql<{ seq: number }>`select nextval('change_seq') as seq`.execute(tx.db);
    return Number(rows[0]!.seq);
  }
  const row = await tx.db
    .updateTable('store_sequences')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'change_seq')
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
