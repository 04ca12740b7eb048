import { jobSchemas, queueNames, type Db } from '@crosstally/shared';
import { Worker } from 'bullmq';
import type { Logger } from 'pino';
import { markOutboxJobDone } from '../repositories/outbox.repository.js';
import { fetchTelegramFile, type TFetchDeps } from './fetch-telegram-file.js';

/**
 * The bot's own queue, served here in the API beside the bot (the worker process does not
 * hold the bot's token): the relays of the worker move the outbox's file jobs to it. Its
 * completion is recorded in the outbox, so a job Redis loses is put back by the sweeper.
 */
export function startTelegramJobs(
  deps: TFetchDeps & { db: Db },
  redis: { url: string; prefix: string },
  log: Logger,
): { close: () => Promise<void> } {
  const worker = new Worker(
    queueNames.telegram,
    async (job) => {
      const outcome = await fetchTelegramFile(deps, jobSchemas['fetch-telegram-file'].parse(job.data));
      if (job.id) await markOutboxJobDone(deps.db, job.id);
      log.debug({ job: job.id, outcome: outcome.kind }, 'telegram file job done');
      return outcome;
    },
    { prefix: redis.prefix, connection: { url: redis.url, maxRetriesPerRequest: null }, concurrency: 4 },
  );
  worker.on('error', (error) => log.warn({ err: error }, 'telegram job queue problem'));
  worker.on('failed', (job, error) => log.warn({ job: job?.id, reason: error.message }, 'telegram file job failed'));
  return { close: () => worker.close() };
}
