import { queueOfJob, type Db } from '@crosstally/shared';
import type { Logger } from 'pino';
import { findUnfinishedTrackedJobs, unrelay, type TTrackedTopic } from '../repositories/outbox.repository.js';
import type { TQueues } from './queues.js';
import { isLostJob } from './lost-job.js';

/**
 * Puts back tracked jobs (whole-election recomputes and forensic refreshes, the bot's file
 * fetches) that were relayed long ago, never finished, and are gone from Redis (a restart
 * without its data): the relay adds them again under the same ids. Jobs still waiting or
 * running are left alone, and so are failed ones, kept in the queue with their reason for
 * people to look at.
 */
export async function sweepLostTrackedJobs(deps: {
  db: Db;
  queues: Pick<TQueues, (typeof queueOfJob)[TTrackedTopic]>;
  olderThanMs: number;
  log: Logger;
}): Promise<number> {
  const unfinished = await findUnfinishedTrackedJobs(deps.db, deps.olderThanMs, 100);
  const lost: string[] = [];
  for (const row of unfinished) {
    const queue = deps.queues[queueOfJob[row.topic]];
    // Completed but not recorded as done: its record was lost; the same id must run again.
    if (await isLostJob(queue, row.job_id, { failedIsLost: false })) lost.push(row.id);
  }
  await unrelay(deps.db, lost);
  if (lost.length > 0) deps.log.info({ count: lost.length }, 're-enqueued tracked jobs that were lost');
  return lost.length;
}
