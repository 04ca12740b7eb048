import type { Kysely, Transaction } from 'kysely';
import { outboxJob, type TJobName, type TJobPayloads } from '../schemas/jobs.schema.js';
import type { Database } from './database.js';

/**
 * Records that a job must run, in the caller's transaction: the work commits with the change
 * that calls for it or not at all, and a relay moves it to the queue. Returns the job's id,
 * which a caller can follow.
 */
export async function enqueueJob<N extends TJobName>(
  db: Kysely<Database> | Transaction<Database>,
  name: N,
  key: string,
  payload: TJobPayloads[N],
): Promise<string> {
  const row = outboxJob(name, key, payload);
  await db.insertInto('outbox').values(row).execute();
  return row.job_id;
}
