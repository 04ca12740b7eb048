import type { Db } from '@crosstally/shared';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { sweepLostElectionJobs } from './election-job-sweeper.js';
import { sweepStalePhotos } from './photo-sweeper.js';
import { requeueStaleStations } from '../repositories/station.repository.js';

type TSweepDeps = { db: Db; photos: Queue; elections: Queue; telegram: Queue; olderThanMs: number; log: Logger };

/** Puts back work that Redis lost: photo jobs, station recomputes and whole-election jobs. */
export async function sweepStaleWork(deps: TSweepDeps): Promise<number> {
  const photos = await sweepStalePhotos(deps);
  const stations = await requeueStaleStations(deps.db, deps.olderThanMs);
  if (stations > 0) deps.log.info({ count: stations }, 're-enqueued station recomputes that were lost');
  const elections = await sweepLostElectionJobs(deps);
  return photos + stations + elections;
}
