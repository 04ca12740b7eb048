import { enqueueJob, jobIdFor, type Db } from '@crosstally/shared';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { findUnprintedBallots } from '../repositories/ballot-photo.repository.js';
import { findStalePhotos, touchPhotos } from '../repositories/outbox.repository.js';
import { isLostJob } from './lost-job.js';

/**
 * Finds photos that should have been read by now and whose job is gone from the queue
 * (a Redis restarted without its data, a job removed by hand) and puts them back in the
 * outbox. Jobs still waiting, delayed or active are left alone.
 */
export async function sweepStalePhotos(deps: {
  db: Db;
  photos: Queue;
  olderThanMs: number;
  log: Logger;
}): Promise<number> {
  const stale = await findStalePhotos(deps.db, deps.olderThanMs, 500);
  const lost: string[] = [];
  for (const photo of stale) {
    // A job that completed or failed without finishing its photo must run again.
    if (await isLostJob(deps.photos, jobIdFor('read-photo', photo.id), { failedIsLost: true })) lost.push(photo.id);
  }
  if (lost.length === 0) return 0;
  await deps.db.transaction().execute(async (trx) => {
    for (const id of lost) await enqueueJob(trx, 'read-photo', id, { photoId: id });
    await touchPhotos(trx, lost);
  });
  deps.log.info({ count: lost.length }, 're-enqueued photos whose jobs were lost');
  return lost.length;
}

/**
 * Finds ballot photos the worker should have compared with the others by now and whose
 * print-ballot job is gone (or completed without recording it), and asks for it again. A job
 * that failed for good (its file missing) is left for people, not retried every sweep.
 */
export async function sweepUnprintedBallots(deps: {
  db: Db;
  ballots: Queue;
  olderThanMs: number;
  log: Logger;
}): Promise<number> {
  const lost: string[] = [];
  for (const photo of await findUnprintedBallots(deps.db, deps.olderThanMs, 500)) {
    if (await isLostJob(deps.ballots, jobIdFor('print-ballot', photo.id), { failedIsLost: false })) lost.push(photo.id);
  }
  if (lost.length === 0) return 0;
  await deps.db.transaction().execute(async (trx) => {
    for (const id of lost) await enqueueJob(trx, 'print-ballot', id, { ballotPhotoId: id });
  });
  deps.log.info({ count: lost.length }, 're-enqueued ballot photo comparisons whose jobs were lost');
  return lost.length;
}
