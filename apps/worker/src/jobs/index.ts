import {
  jobSchemas,
  type queueOfJob,
  type TElectionJobProgress,
  type TJobName,
  type workerQueues,
} from '@crosstally/shared';
import { handlePrintBallot, type TPrintBallotOutcome } from './print-ballot.job.js';
import { handleReadPhoto, type TReadPhotoDeps, type TReadPhotoOutcome } from './read-photo.job.js';
import { handleRecomputeElection, type TRecomputeElectionOutcome } from './recompute-election.job.js';
import { handleRecomputeStation, type TRecomputeDeps, type TRecomputeOutcome } from './recompute-station.job.js';
import { handleRefreshForensics, type TRefreshForensicsOutcome } from './refresh-forensics.job.js';

export type TJobDeps = TReadPhotoDeps & TRecomputeDeps;

/** What a running job may tell whoever follows it. */
export type TJobReport = { progress: (progress: TElectionJobProgress) => Promise<void> };

/**
 * Every job name of the worker's queues has a handler; a new name without one does not compile. Each
 * payload is checked against the schema its producer wrote it with.
 */
/** The jobs of the queues the worker serves (workerQueues): the bot's are the API's. */
type TWorkerJobName = {
  [N in TJobName]: (typeof queueOfJob)[N] extends (typeof workerQueues)[number] ? N : never;
}[TJobName];

export const jobHandlers = {
  'read-photo': (data: unknown, deps: TJobDeps): Promise<TReadPhotoOutcome> =>
    handleReadPhoto(jobSchemas['read-photo'].parse(data), deps),
  'print-ballot': (data: unknown, deps: TJobDeps): Promise<TPrintBallotOutcome> =>
    handlePrintBallot(jobSchemas['print-ballot'].parse(data), deps),
  'recompute-station': (data: unknown, deps: TJobDeps): Promise<TRecomputeOutcome> =>
    handleRecomputeStation(jobSchemas['recompute-station'].parse(data), deps),
  'recompute-election': (data: unknown, deps: TJobDeps, report?: TJobReport): Promise<TRecomputeElectionOutcome> =>
    handleRecomputeElection(jobSchemas['recompute-election'].parse(data), { ...deps, ...report }),
  'refresh-forensics': (data: unknown, deps: TJobDeps): Promise<TRefreshForensicsOutcome> =>
    handleRefreshForensics(jobSchemas['refresh-forensics'].parse(data), deps),
} satisfies Record<TWorkerJobName, (data: unknown, deps: TJobDeps, report?: TJobReport) => Promise<{ kind: string }>>;
