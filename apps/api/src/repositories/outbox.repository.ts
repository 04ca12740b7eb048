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
