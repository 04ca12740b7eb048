import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnNode, stopProcess, waitUntil } from './processes.js';
import { createTestDatabase, type TTestDatabase } from './test-database.js';
import { testRedisUrl } from './test-env.js';

export type TRealPlatform = {
  base: string;
  adminToken: string;
  database: TTestDatabase;
  api: ReturnType<typeof spawnNode>;
  /** The first worker (undefined when started with none). */
  worker: ReturnType<typeof spawnNode>;
  workers: ReturnType<typeof spawnNode>[];
  /** One more worker process on the same database, storage and queue. */
  startWorker: (extraEnv?: Record<string, string>) => ReturnType<typeof spawnNode>;
  stop: () => Promise<void>;
};

/** The API and the worker as real processes on a database, storage and queue of their own. */
export async function startRealPlatform(
  extraEnv: Record<string, string> = {},
  options: { workers?: number } = {},
): Promise<TRealPlatform> {
  const database = await createTestDatabase();
  const storage = await mkdtemp(join(tmpdir(), 'crosstally-e2e-'));
  const port = await freePort();
  const adminToken = randomBytes(24).toString('hex');
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl,
    STORAGE_DIR: storage,
    QUEUE_PREFIX: `e2e-${randomBytes(4).toString('hex')}`,
    ADMIN_TOKEN: adminToken,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    OUTBOX_POLL_MS: '200',
    OCR_WORKERS: '1',
    ...extraEnv,
  };
  const base = `http://127.0.0.1:${port}`;
  const api = spawnNode('apps/api/dist/server.js', env);
  await waitUntil(async () => (await fetch(`${base}/ready`).catch(() => undefined))?.ok === true, 30_000, 100);
  const workers: ReturnType<typeof spawnNode>[] = [];
  const startWorker = (more: Record<string, string> = {}) => {
    const worker = spawnNode('apps/worker/dist/main.js', { ...env, ...more });
    workers.push(worker);
    return worker;
  };
  for (let i = 0; i < (options.workers ?? 1); i += 1) startWorker();
  return {
    base,
    adminToken,
    database,
    api,
    worker: workers[0]!,
    workers,
    startWorker,
    stop: async () => {
      await stopProcess(api);
      for (const worker of workers) await stopProcess(worker);
      await database.drop();
      await rm(storage, { recursive: true, force: true });
    },
  };
}

/**
 * Until every photo is read, every ballot photo compared with the others (a relayed job may
 * still be waiting in its queue: a ballot counts toward proof only once compared) and every
 * changed station recomputed.
 */
export async function waitForQuiet(platform: TRealPlatform, timeoutMs: number): Promise<void> {
  const { db } = platform.database;
  await waitUntil(
    async () => {
      const busy = await db
        .selectFrom('protocol_photo')
        .select('id')
        .where('status', 'in', ['queued', 'processing'])
        .limit(1)
        .execute();
      const unprinted = await db
        .selectFrom('ballot_photo')
        .select('id')
        .where('printed_at', 'is', null)
        .limit(1)
        .execute();
      const dirty = await db.selectFrom('station_dirty').select('station_id').limit(1).execute();
      const outbox = await db.selectFrom('outbox').select('id').where('relayed_at', 'is', null).limit(1).execute();
      return busy.length === 0 && unprinted.length === 0 && dirty.length === 0 && outbox.length === 0;
    },
    timeoutMs,
    250,
  );
}
