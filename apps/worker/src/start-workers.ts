import {
  queueNames,
  queueOfJob,
  ZElectionJob,
  type TElectionJobProgress,
  type TJobName,
  workerQueues,
} from '@crosstally/shared';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { TWorkerConfig } from './config.js';
import { jobHandlers, type TJobDeps } from './jobs/index.js';
import { markOutboxDone, outboxRowsCoveredBy } from './repositories/outbox.repository.js';
import { markPhotoFailed } from './repositories/photo.repository.js';

const isElectionJob = (job: Job) => queueOfJob[job.name as TJobName] === queueNames.elections;
const electionJobOf = (job: Job) => ({
  id: job.id ?? '',
  name: job.name,
  electionId: ZElectionJob.parse(job.data).electionId,
});

/**
 * One BullMQ worker per queue: reading photos (CPU-bound, two per core), recomputing
 * stations (short database work, a few at once) and whole-election work (one at a time),
 * so none starves another. `only`: some of the queues (a test runs the recomputes alone).
 */
export function startWorkers(
  config: TWorkerConfig,
  deps: TJobDeps,
  connection: Redis,
  log: Logger,
  only: readonly (typeof workerQueues)[number][] = workerQueues,
): Worker[] {
  const process = async (job: Job) => {
    const handler = jobHandlers[job.name as keyof typeof jobHandlers];
    if (!handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
    const report = { progress: (progress: TElectionJobProgress) => job.updateProgress(progress) };
    // What a whole-election job finishes is recorded in PostgreSQL, not only in Redis: the
    // sweeper puts back what Redis lost (see sweepLostTrackedJobs).
    const covered = isElectionJob(job) ? await outboxRowsCoveredBy(deps.db, electionJobOf(job)) : [];
    const outcome = await handler(job.data, deps, report);
    await markOutboxDone(deps.db, covered);
    log.debug({ job: job.id, outcome: outcome.kind }, 'job done');
    return outcome;
  };
  const common = {
    connection,
    prefix: config.queuePrefix,
    lockDuration: config.lockMs,
    stalledInterval: config.stalledCheckMs,
    maxStalledCount: 5,
    autorun: false,
  };
  const concurrency = {
    [queueNames.photos]: config.concurrency,
    // Their own lanes: the copy checks follow the intake in the background, never ahead of readings.
    [queueNames.ballots]: config.ballotConcurrency,
    [queueNames.stations]: config.recomputeConcurrency,
    [queueNames.elections]: 1,
  };
  const workers = only.map((name) => new Worker(name, process, { ...common, concurrency: concurrency[name] }));
  for (const worker of workers) {
    worker.on('error', (error) => log.warn({ err: error }, 'worker connection problem'));
    worker.on('failed', (job, error) => {
      if (!job) return;
      const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      log.warn({ job: job.id, attempt: job.attemptsMade, final, reason: error.message }, 'job failed');
      if (final && job.name === 'read-photo') {
        markPhotoFailed(deps.db, (job.data as { photoId: string }).photoId, error.message).catch((e: unknown) =>
          log.error({ err: e }, 'could not record the failure; the sweeper will retry the photo'),
        );
      }
    });
    void worker.run();
  }
  return workers;
}
