import { createDb, EvidenceStore, queueNames } from '@crosstally/shared';
import { UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import { noOcr } from './adapters/ocr.adapter.js';
import { loadWorkerConfig, type TWorkerConfig } from './config.js';
import { jobHandlers, type TJobDeps } from './jobs/index.js';
import { markPhotoFailed } from './repositories/photo.repository.js';

let config: TWorkerConfig;
try {
  config = loadWorkerConfig();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(78);
}

const log = pino({ name: 'worker', level: config.logLevel });
const db = createDb(config.databaseUrl, { max: config.concurrency + 2 });
const store = new EvidenceStore(config.storageDir);
const ocr = noOcr;
const deps: TJobDeps = { db, store, ocr, maxPhotoPixels: config.maxPhotoPixels };
// Workers block on Redis; BullMQ needs maxRetriesPerRequest null to wait out an outage.
const connection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
connection.on('error', () => undefined);

const worker = new Worker(
  queueNames.photos,
  async (job) => {
    const handler = jobHandlers[job.name as keyof typeof jobHandlers];
    if (!handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
    const outcome = await handler(job.data, deps);
    log.info({ job: job.id, outcome: outcome.kind }, 'job done');
    return outcome;
  },
  {
    connection,
    prefix: config.queuePrefix,
    concurrency: config.concurrency,
    lockDuration: config.lockMs,
    stalledInterval: config.stalledCheckMs,
    maxStalledCount: 5,
    autorun: false,
  },
);
worker.on('error', (error) => log.warn({ err: error }, 'worker connection problem'));
worker.on('failed', (job, error) => {
  if (!job) return;
  const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
  log.warn({ job: job.id, attempt: job.attemptsMade, final, reason: error.message }, 'job failed');
  if (final && job.name === 'read-photo') {
    markPhotoFailed(db, (job.data as { photoId: string }).photoId, error.message).catch((e: unknown) =>
      log.error({ err: e }, 'could not record the failure; the sweeper will retry the photo'),
    );
  }
});

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  log.info({ signal }, 'shutting down: finishing the jobs in hand');
  const force = setTimeout(() => process.exit(1), 60_000);
  force.unref();
  await worker.close();
  await ocr.close();
  await db.destroy();
  connection.disconnect();
  log.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

log.info({ concurrency: config.concurrency, prefix: config.queuePrefix }, 'CrossTally worker started');
void worker.run();
