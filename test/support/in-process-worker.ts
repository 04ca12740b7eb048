import { EvidenceStore, queueNames, type Db } from '@crosstally/shared';
import { Redis } from 'ioredis';
import pino from 'pino';
import type { TApiConfig } from '../../apps/api/src/config.js';
import { noOcr } from '../../apps/worker/src/adapters/ocr.adapter.js';
import { loadWorkerConfig } from '../../apps/worker/src/config.js';
import { closeQueues, openQueues } from '../../apps/worker/src/pipeline/queues.js';
import { startRelays } from '../../apps/worker/src/pipeline/start-relays.js';
import { ElectionForms } from '../../apps/worker/src/repositories/election-forms.js';
import { startWorkers } from '../../apps/worker/src/start-workers.js';

const silent = pino({ level: 'silent' });

/** The worker's relays and sweeper in this process, at test speed, on the API's database and queues. */
export async function startRelaysFor(config: TApiConfig, db: Db): Promise<{ stop: () => Promise<void> }> {
  const producer = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  producer.on('error', () => undefined);
  const queues = openQueues(producer, config.queuePrefix);
  const relays = await startRelays(
    { db, databaseUrl: config.databaseUrl, queues },
    { pollMs: 100, sweepAfterMs: 1500, recomputeIntervalMs: 50 },
    silent,
  );
  return {
    stop: async () => {
      await relays.stop();
      await closeQueues(queues);
      producer.disconnect();
    },
  };
}

/**
 * The worker's pipeline in this process: its relays and real BullMQ workers running the
 * worker's own station and election jobs (photos are left to a spawned worker, where a test
 * wants one). What the worker process runs, minus OCR and its process boundary.
 */
export async function startInProcessWorker(config: TApiConfig, db: Db): Promise<{ stop: () => Promise<void> }> {
  const workerConfig = loadWorkerConfig({
    DATABASE_URL: config.databaseUrl,
    REDIS_URL: config.redisUrl,
    QUEUE_PREFIX: config.queuePrefix,
    STORAGE_DIR: config.storageDir,
    OCR_WORKERS: '0',
  });
  const deps = {
    db,
    store: new EvidenceStore(workerConfig.storageDir),
    ocr: noOcr,
    maxPhotoPixels: workerConfig.maxPhotoPixels,
    forms: new ElectionForms(db),
  };
  const connection = new Redis(workerConfig.redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', () => undefined);
  // Ballot photos are compared as the worker compares them: none counts before it is.
  const workers = startWorkers(workerConfig, deps, connection, silent, [
    queueNames.stations,
    queueNames.elections,
    queueNames.ballots,
  ]);
  const relays = await startRelaysFor(config, db);
  return {
    stop: async () => {
      await relays.stop();
      await Promise.all(workers.map((w) => w.close()));
      connection.disconnect();
    },
  };
}

/** Removes every job a test left under its queue prefix. */
export async function obliterateQueues(config: TApiConfig): Promise<void> {
  const connection = new Redis(config.redisUrl, { maxRetriesPerRequest: 1 });
  connection.on('error', () => undefined);
  const queues = openQueues(connection, config.queuePrefix);
  await Promise.all(Object.values(queues).map((q) => q.obliterate({ force: true }).catch(() => undefined)));
  await closeQueues(queues);
  connection.disconnect();
}
