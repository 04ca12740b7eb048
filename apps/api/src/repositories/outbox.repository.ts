import type { DbOrTrx } from '@crosstally/shared';

/** A job as the outbox holds it, to tell "not relayed yet" from "never asked for". */
export async function findOutboxJob(db: DbOrTrx, jobId: string) {
  return db
    .selectFrom('outbox')
    .select(['topic', 'created_at', 'relayed_at'])
    .where('job_id', '=', jobId)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** Records a job finished, so the sweeper does not put it back (see the worker's trackedTopics). */
export async function markOutboxJobDone(db: DbOrTrx, jobId: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ done_at: new Date() })
    .where('job_id', '=', jobId)
    .where('done_at', 'is', null)
    .execute();
}
