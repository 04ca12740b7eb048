import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { ZCommonEnv, ZIntFromEnv, formatEnvError } from '@crosstally/shared';

const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

const ZWorkerEnv = ZCommonEnv.extend({
  WORKER_CONCURRENCY: ZIntFromEnv(1, 64).optional(),
  RECOMPUTE_CONCURRENCY: ZIntFromEnv(1, 64).default(4),
  BALLOT_CONCURRENCY: ZIntFromEnv(1, 64).default(1),
  // Tesseract threads (about 130 MB each); 0 turns OCR off, and unreadable photos go to people.
  OCR_WORKERS: ZIntFromEnv(0, 64).optional(),
  MAX_PHOTO_PIXELS: ZIntFromEnv(1, 1_000_000_000).default(64_000_000),
  // How long a job's lock lives without renewal: a killed worker's job is taken over after it.
  WORKER_LOCK_MS: ZIntFromEnv(500, 600_000).default(30_000),
  WORKER_STALLED_CHECK_MS: ZIntFromEnv(200, 600_000).default(30_000),
  OUTBOX_POLL_MS: ZIntFromEnv(50, 600_000).default(2000),
  SWEEP_AFTER_MS: ZIntFromEnv(1000, 86_400_000).default(120_000),
  // A station's flags lag its evidence by about this long; a burst costs one recompute a station.
  RECOMPUTE_INTERVAL_MS: ZIntFromEnv(10, 60_000).default(1000),
});

export type TWorkerConfig = Readonly<{
  databaseUrl: string;
  redisUrl: string;
  storageDir: string;
  queuePrefix: string;
  logLevel: string;
  concurrency: number;
  recomputeConcurrency: number;
  /** Lanes for the ballot photos' copy checks (their own queue, beside the readings). */
  ballotConcurrency: number;
  ocrWorkers: number;
  maxPhotoPixels: number;
  lockMs: number;
  stalledCheckMs: number;
  outboxPollMs: number;
  sweepAfterMs: number;
  recomputeIntervalMs: number;
}>;

/** The worker's whole configuration; nothing else reads process.env. Throws one line on bad input. */
export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): TWorkerConfig {
  const parsed = ZWorkerEnv.safeParse(env);
  if (!parsed.success) throw new Error(formatEnvError(parsed.error));
  const e = parsed.data;
  return Object.freeze({
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    storageDir: resolve(e.STORAGE_DIR ?? join(repoRoot, 'storage')),
    queuePrefix: e.QUEUE_PREFIX,
    logLevel: e.LOG_LEVEL,
    // Two photos per core: a photo's own steps on the main thread (crops, the QR attempt)
    // then overlap another's OCR on the tesseract threads. Measured on 2 cores, medium
    // photos: 2 at once 5.4–5.9 protocols/s, 4 at once 6.9–7.3.
    concurrency: e.WORKER_CONCURRENCY ?? 2 * availableParallelism(),
    recomputeConcurrency: e.RECOMPUTE_CONCURRENCY,
    ballotConcurrency: e.BALLOT_CONCURRENCY,
    ocrWorkers: e.OCR_WORKERS ?? availableParallelism(),
    maxPhotoPixels: e.MAX_PHOTO_PIXELS,
    lockMs: e.WORKER_LOCK_MS,
    stalledCheckMs: e.WORKER_STALLED_CHECK_MS,
    outboxPollMs: e.OUTBOX_POLL_MS,
    sweepAfterMs: e.SWEEP_AFTER_MS,
    recomputeIntervalMs: e.RECOMPUTE_INTERVAL_MS,
  });
}
