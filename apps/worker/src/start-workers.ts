import { queueNames } from '@crosstally/shared';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { TWorkerConfig } from './config.js';
import { jobHandlers, type TJobDeps } from './jobs/index.js';
import { markPhotoFailed } from './repositories/photo.repository.js';

/**
 * One BullMQ worker per queue: reading photos (CPU-bound, one per core) and recomputing
 * stations (short database work, a few at once), so neither starves the other.
 */
export function startWorkers(config: TWorkerConfig, deps: TJobDeps, connection: Redis, log: Logger): Worker[] {
  const process = async (job: Job) => {
    const handler = jobHandlers[job.name as keyof typeof jobHandlers];
    if (!handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
    const outcome = await handler(job.data, deps);
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
  const photos = new Worker(queueNames.photos, process, { ...common, concurrency: config.concurrency });
  const stations = new Worker(queueNames.stations, process, { ...common, concurrency: config.recomputeConcurrency });
  for (const worker of [photos, stations]) {
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
  return [photos, stations];
}
