import { createDb, EvidenceStore } from '@crosstally/shared';
import { Redis } from 'ioredis';
import pino from 'pino';
import { noOcr } from './adapters/ocr.adapter.js';
import { createProtocolOcr } from './adapters/ocr/read-protocol.js';
import { loadWorkerConfig, type TWorkerConfig } from './config.js';
import type { TJobDeps } from './jobs/index.js';
import { closeQueues, openQueues } from './pipeline/queues.js';
import { startRelays } from './pipeline/start-relays.js';
import { ElectionForms } from './repositories/election-forms.js';
import { startWorkers } from './start-workers.js';

let config: TWorkerConfig;
try {
  config = loadWorkerConfig();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(78);
}

const log = pino({ name: 'worker', level: config.logLevel });
const db = createDb(config.databaseUrl, { max: config.concurrency + config.recomputeConcurrency + 4 });
const store = new EvidenceStore(config.storageDir);
// What writes cut off by a crash left behind; in the background, the boot does not wait.
store.removeStaleTemporaryFiles().then(
  (removed) => removed > 0 && log.info({ removed }, 'removed temporary files left by interrupted writes'),
  (error: unknown) => log.warn({ err: error }, 'could not look for temporary files left in the store'),
);
// One tesseract scheduler for the process, its threads created once and reused.
const ocr = config.ocrWorkers > 0 ? await createProtocolOcr({ workers: config.ocrWorkers }) : noOcr;
const deps: TJobDeps = { db, store, ocr, maxPhotoPixels: config.maxPhotoPixels, forms: new ElectionForms(db) };
// The relays and the sweeper run here, beside the jobs they feed: the pipeline moves while
// the API is down, and every worker process relays (they share the work, see startRelays).
const producer = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
producer.on('error', () => undefined);
const queues = openQueues(producer, config.queuePrefix);
const relays = await startRelays(
  { db, databaseUrl: config.databaseUrl, queues },
  { pollMs: config.outboxPollMs, sweepAfterMs: config.sweepAfterMs, recomputeIntervalMs: config.recomputeIntervalMs },
  log,
);
// Started after the relays, which start on polling if the database is away.
// Workers block on Redis; BullMQ needs maxRetriesPerRequest null to wait out an outage.
const connection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
connection.on('error', () => undefined);
const workers = startWorkers(config, deps, connection, log);

let closing = false;
// Ordered: stop relaying and taking jobs, finish those in hand, then OCR, the database, Redis.
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  log.info({ signal }, 'shutting down: finishing the jobs in hand');
  const force = setTimeout(() => process.exit(1), 60_000);
  force.unref();
  await relays.stop();
  await Promise.all(workers.map((w) => w.close()));
  await closeQueues(queues);
  await ocr.close();
  await db.destroy();
  producer.disconnect();
  connection.disconnect();
  log.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

log.info({ concurrency: config.concurrency, prefix: config.queuePrefix }, 'CrossTally worker started');
