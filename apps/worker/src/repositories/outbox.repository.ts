import type { DbOrTrx } from '@crosstally/shared';
import { sql } from 'kysely';

/**
 * Lets the transaction commit without waiting for the disk: for marks whose loss in a crash
 * only means relaying again, which the job ids make harmless; intake's commits then do not
 * queue behind the relay's.
 */
export async function commitWithoutWaitingForDisk(trx: DbOrTrx): Promise<void> {
  await sql`set local synchronous_commit = off`.execute(trx);
}

export type TOutboxRow = { id: string; topic: string; job_id: string; payload: unknown };

/** Locks a batch of unrelayed rows; concurrent relays skip each other's rows. */
export async function lockPendingOutbox(db: DbOrTrx, limit: number): Promise<TOutboxRow[]> {
  return db
    .selectFrom('outbox')
    .select(['id', 'topic', 'job_id', 'payload'])
    .where('relayed_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function markRelayed(db: DbOrTrx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ relayed_at: sql`now()` })
    .where('id', 'in', ids)
    .execute();
}

/**
 * Photos still unfinished long after their job was relayed: their job may have been lost
 * with a Redis that restarted without persistence. Returns them for re-checking.
 */
export async function findStalePhotos(db: DbOrTrx, olderThanMs: number, limit: number) {
  return db
    .selectFrom('protocol_photo')
    .select(['id', 'status'])
    .where('status', 'in', ['queued', 'processing'])
    .where('updated_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanMs / 1000})`)
    .orderBy('updated_at')
    .limit(limit)
    .execute();
}

export async function touchPhotos(db: DbOrTrx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('protocol_photo')
    .set({ updated_at: sql`now()` })
    .where('id', 'in', ids)
    .execute();
}
