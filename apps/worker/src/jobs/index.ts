import { ZReadPhotoJob, type TJobName } from '@crosstally/shared';
import { handleReadPhoto, type TReadPhotoDeps, type TReadPhotoOutcome } from './read-photo.job.js';

export type TJobDeps = TReadPhotoDeps;

/** Every job name has a handler; a new name in the union without one does not compile. */
export const jobHandlers = {
  'read-photo': (data: unknown, deps: TJobDeps): Promise<TReadPhotoOutcome> =>
    handleReadPhoto(ZReadPhotoJob.parse(data), deps),
} satisfies Record<TJobName, (data: unknown, deps: TJobDeps) => Promise<unknown>>;
