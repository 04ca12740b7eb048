import { jobNames, type DbOrTrx } from '@crosstally/shared';
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

/**
 * Locks a batch of unrelayed rows; concurrent relays skip each other's rows. Only topics this
 * worker knows: a job a newer version wrote waits for a worker that knows it, and holds up
 * nothing else.
 */
export async function lockPendingOutbox(db: DbOrTrx, limit: number): Promise<TOutboxRow[]> {
  return db
    .selectFrom('outbox')
    .select(['id', 'topic', 'job_id', 'payload'])
    .where('relayed_at', 'is', null)
    .where('topic', 'in', jobNames)
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

/** The jobs (their topics) whose completion the outbox records: whole-election work, and the bot's file fetches. */
export const trackedTopics = ['recompute-election', 'refresh-forensics', 'fetch-telegram-file'] as const;
export type TTrackedTopic = (typeof trackedTopics)[number];

/**
 * The outbox rows a whole-election job about to start will have done when it finishes: its
 * own row, and for a forensic refresh every unfinished refresh of the election already
 * committed (later ones were deduplicated into this job, or follow it).
 */
export async function outboxRowsCoveredBy(
  db: DbOrTrx,
  job: { id: string; name: string; electionId: number },
): Promise<string[]> {
  let query = db.selectFrom('outbox').select('id').where('done_at', 'is', null);
  query =
    job.name === 'refresh-forensics'
      ? query.where('topic', '=', job.name).where(sql<boolean>`(payload->>'electionId')::int = ${job.electionId}`)
      : query.where('job_id', '=', job.id);
  return (await query.execute()).map((r) => r.id);
}

export async function markOutboxDone(db: DbOrTrx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ done_at: sql`now()` })
    .where('id', 'in', ids)
    .execute();
}

/** Tracked jobs relayed long ago and never finished: Redis may have lost them. */
export async function findUnfinishedTrackedJobs(
  db: DbOrTrx,
  olderThanMs: number,
  limit: number,
): Promise<{ id: string; job_id: string; topic: TTrackedTopic }[]> {
  const rows = await db
    .selectFrom('outbox')
    .select(['id', 'job_id', 'topic'])
    .where('done_at', 'is', null)
    .where('topic', 'in', [...trackedTopics])
    .where('relayed_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanMs / 1000})`)
    .orderBy('relayed_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, topic: r.topic as TTrackedTopic }));
}

/** Hands rows back to the relay (unless finished meanwhile): it adds their jobs again, same ids. */
export async function unrelay(db: DbOrTrx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox')
    .set({ relayed_at: null })
    .where('id', 'in', ids)
    .where('done_at', 'is', null)
    .execute();
}
