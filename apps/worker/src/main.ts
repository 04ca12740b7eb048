import { createDb, EvidenceStore } from '@crosstally/shared';
import { Redis } from 'ioredis';
import pino from 'pino';
import { noOcr } from './adapters/ocr.adapter.js';
import { createProtocolOcr } from './adapters/ocr/read-protocol.js';
import { loadWorkerConfig, type TWorkerConfig } from './config.js';
import type { TJobDeps } from './jobs/index.js';
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
const db = createDb(config.databaseUrl, { max: config.concurrency + config.recomputeConcurrency + 2 });
const store = new EvidenceStore(config.storageDir);
// One tesseract scheduler for the process, its threads created once and reused.
const ocr = config.ocrWorkers > 0 ? await createProtocolOcr({ workers: config.ocrWorkers }) : noOcr;
const deps: TJobDeps = { db, store, ocr, maxPhotoPixels: config.maxPhotoPixels, forms: new ElectionForms(db) };
// Workers block on Redis; BullMQ needs maxRetriesPerRequest null to wait out an outage.
const connection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
connection.on('error', () => undefined);
const workers = startWorkers(config, deps, connection, log);

let closing = false;
// Ordered: stop taking jobs and finish those in hand, then OCR, then the database, then Redis.
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  log.info({ signal }, 'shutting down: finishing the jobs in hand');
  const force = setTimeout(() => process.exit(1), 60_000);
  force.unref();
  await Promise.all(workers.map((w) => w.close()));
  await ocr.close();
  await db.destroy();
  connection.disconnect();
  log.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

log.info({ concurrency: config.concurrency, prefix: config.queuePrefix }, 'CrossTally worker started');
