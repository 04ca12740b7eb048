import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../../apps/api/src/app.js';
import { loadApiConfig, type TApiConfig } from '../../apps/api/src/config.js';
import type { TApiDeps } from '../../apps/api/src/deps.js';
import { openApiRuntime } from '../../apps/api/src/runtime.js';
import { obliterateQueues, startInProcessWorker } from './in-process-worker.js';
import { createTestDatabase, type TTestDatabase } from './test-database.js';
import { testRedisUrl } from './test-env.js';

export const testAdminToken = 'test-admin-token-0123456789abcdef';

export type TTestApi = {
  app: FastifyInstance;
  deps: TTestApi['app']['deps'];
  config: TApiConfig;
  database: TTestDatabase;
  storageDir: string;
  env: Record<string, string>;
  close: () => Promise<void>;
};

/** The real API (real PostgreSQL and Redis) on its own database, storage and queue prefix. */
export async function createTestApi(
  overrides: Record<string, string> = {},
  options: { pipeline?: boolean } = {},
): Promise<TTestApi> {
  const database = await createTestDatabase();
  const storageDir = await mkdtemp(join(tmpdir(), 'crosstally-test-'));
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl,
    STORAGE_DIR: storageDir,
    QUEUE_PREFIX: `test-${randomBytes(5).toString('hex')}`,
    ADMIN_TOKEN: testAdminToken,
    LOG_LEVEL: 'silent',
    ...overrides,
  };
  const config = loadApiConfig(env);
  const runtime = await openApiRuntime(config, pino({ level: 'silent' }));
  const app = await buildApp(runtime.deps, pino({ level: 'silent' }));
  await app.ready();
  // The worker's relays and recompute jobs, for tests that need flags but no photo reading.
  const pipeline = options.pipeline ? await startInProcessWorker(config, database.db) : undefined;
  return {
    app,
    deps: runtime.deps as TApiDeps,
    config,
    database,
    storageDir,
    env,
    close: async () => {
      await app.close();
      await pipeline?.stop();
      await obliterateQueues(config);
      await runtime.close();
      await database.drop();
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}

export const adminHeaders = { authorization: `Bearer ${testAdminToken}` };
