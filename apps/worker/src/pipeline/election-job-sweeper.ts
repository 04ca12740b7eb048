import { queueOfJob, type Db, type TJobName } from '@crosstally/shared';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { findUnfinishedElectionJobs, unrelay } from '../repositories/outbox.repository.js';
import { isLostJob } from './lost-job.js';

/**
 * Puts back tracked jobs (whole-election recomputes and forensic refreshes, the bot's file
 * fetches) that were relayed long ago, never finished, and are gone from Redis (a restart
 * without its data): the relay adds them again under the same ids. Jobs still waiting or
 * running are left alone, and so are failed ones, kept in the queue with their reason for
 * people to look at.
 */
export async function sweepLostElectionJobs(deps: {
  db: Db;
  elections: Queue;
  telegram: Queue;
  olderThanMs: number;
  log: Logger;
}): Promise<number> {
  const unfinished = await findUnfinishedElectionJobs(deps.db, deps.olderThanMs, 100);
  const lost: string[] = [];
  for (const row of unfinished) {
    const queue = queueOfJob[row.topic as TJobName] === 'telegram' ? deps.telegram : deps.elections;
    // Completed but not recorded as done: its record was lost; the same id must run again.
    if (await isLostJob(queue, row.job_id, { failedIsLost: false })) lost.push(row.id);
  }
  await unrelay(deps.db, lost);
  if (lost.length > 0) deps.log.info({ count: lost.length }, 're-enqueued whole-election jobs that were lost');
  return lost.length;
}
