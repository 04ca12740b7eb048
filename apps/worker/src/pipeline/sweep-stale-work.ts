import type { Db } from '@crosstally/shared';
import type { TQueues } from './queues.js';
import type { Logger } from 'pino';
import { sweepLostTrackedJobs } from './tracked-job-sweeper.js';
import { sweepStalePhotos, sweepUnprintedBallots } from './photo-sweeper.js';
import { requeueStaleStations } from '../repositories/station.repository.js';

type TSweepDeps = { db: Db; queues: TQueues; olderThanMs: number; log: Logger };

/** Puts back work that Redis lost: photo and ballot-photo jobs, station recomputes, whole-election and bot jobs. */
export async function sweepStaleWork(deps: TSweepDeps): Promise<number> {
  const photos = await sweepStalePhotos({ ...deps, photos: deps.queues.photos });
  const ballots = await sweepUnprintedBallots({ ...deps, ballots: deps.queues.ballots });
  const stations = await requeueStaleStations(deps.db, deps.olderThanMs);
  if (stations > 0) deps.log.info({ count: stations }, 're-enqueued station recomputes that were lost');
  const tracked = await sweepLostTrackedJobs(deps);
  return photos + ballots + stations + tracked;
}
