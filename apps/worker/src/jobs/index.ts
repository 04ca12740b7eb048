import { ZReadPhotoJob, ZRecomputeStationJob, type TJobName } from '@crosstally/shared';
import { handleReadPhoto, type TReadPhotoDeps, type TReadPhotoOutcome } from './read-photo.job.js';
import { handleRecomputeStation, type TRecomputeDeps, type TRecomputeOutcome } from './recompute-station.job.js';

export type TJobDeps = TReadPhotoDeps & TRecomputeDeps;

/** Every job name has a handler; a new name in the union without one does not compile. */
export const jobHandlers = {
  'read-photo': (data: unknown, deps: TJobDeps): Promise<TReadPhotoOutcome> =>
    handleReadPhoto(ZReadPhotoJob.parse(data), deps),
  'recompute-station': (data: unknown, deps: TJobDeps): Promise<TRecomputeOutcome> =>
    handleRecomputeStation(ZRecomputeStationJob.parse(data), deps),
} satisfies Record<TJobName, (data: unknown, deps: TJobDeps) => Promise<unknown>>;
