import { readFile } from 'node:fs/promises';
import {
  createDb,
  createPool,
  EvidenceStore,
  ensureDatabase,
  loadOrCreateSecret,
  queueNames,
} from '@crosstally/shared';
import { migrateToLatest } from '@crosstally/migrations';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { TApiConfig } from './config.js';
import type { TApiDeps } from './deps.js';
import { RegistryCache } from './elections/registry-cache.js';
import { PhotoIntake } from './intake/photo-intake.js';
import { IntakeLimits } from './intake/intake-limits.js';
import { SelfReportIntake } from './intake/self-report-intake.js';
import { StationSearch } from './stations/station-search.js';
import type { TBotDeps } from './telegram/conversation.js';
import { createTelegramBot } from './telegram/telegram-bot.js';
import { startTelegramJobs } from './telegram/telegram-jobs.js';
import { startTelegramPolling } from './telegram/telegram-polling.js';
import { takeStationPhoto } from './intake/station-photo-upload.js';
import { ReportFiles } from './reports/report-files.js';
import { ImageWork } from './photos/image-work.js';

/** Opens what the API needs, in order; `close` releases it in reverse order. */
export async function openApiRuntime(
  config: TApiConfig,
  log: Logger,
): Promise<{ deps: TApiDeps; close: () => Promise<void> }> {
  await ensureDatabase(config.databaseUrl);
  const pool = createPool(config.databaseUrl, { max: config.dbPoolSize });
  const db = createDb(config.databaseUrl, { pool });
  const reportPool = createPool(config.databaseUrl, {
    max: config.reportDbConnections,
    connectionTimeoutMillis: config.reportWaitSeconds * 1000,
  });
  const reportFiles = new ReportFiles();
  const imageWork = new ImageWork(config.imageWorkConcurrency);
  const migrated = await migrateToLatest(db);
  if (migrated.error) throw migrated.error;
  for (const m of migrated.results ?? []) log.info({ migration: m.migrationName, status: m.status }, 'migration');

  const secret = await loadOrCreateSecret(config.secretFile);
  const adminToken = config.adminToken ?? (await loadAdminToken(config.adminTokenFile));
  if (!config.adminToken) log.info({ file: config.adminTokenFile }, 'admin API token is in this file');
  // The API enqueues nothing itself: it writes the outbox, which the workers relay. It reads
  // Redis only to answer readiness and how far a whole-election job has come; it fails fast
  // while Redis is away.
  const redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
  redis.on('error', () => undefined);
  const electionJobs = new Queue(queueNames.elections, { prefix: config.queuePrefix, connection: redis.duplicate() });
  electionJobs.on('error', () => undefined);
  const store = new EvidenceStore(config.storageDir);
  // What writes cut off by a crash left behind; in the background, the boot does not wait.
  store.removeStaleTemporaryFiles().then(
    (removed) => removed > 0 && log.info({ removed }, 'removed temporary files left by interrupted writes'),
    (error: unknown) => log.warn({ err: error }, 'could not look for temporary files left in the store'),
  );
  const registry = new RegistryCache(db);
  const limits = new IntakeLimits(config);
  const selfReports = new SelfReportIntake({ db, store, registry, secret, limits });
  const photos = new PhotoIntake({ db, store });
  const telegram = config.telegram && (await openTelegram(config.telegram, { db, registry, selfReports, secret }));
  const telegramJobs =
    telegram &&
    config.telegram &&
    startTelegramJobs(
      {
        db,
        bot: telegram.bot,
        token: telegram.token,
        apiRoot: config.telegram.apiRoot,
        secret,
        selfReports,
        stationPhotos: (election, station, image, voterKey) =>
          takeStationPhoto({ config, db, registry, photos, limits }, election, station, image, voterKey),
        maxPhotoPixels: config.maxPhotoPixels,
      },
      { url: config.redisUrl, prefix: config.queuePrefix },
      log,
    );
  const telegramPolling =
    telegram && config.telegram?.mode === 'polling'
      ? startTelegramPolling({ db, bot: telegram.bot, ready: telegram.ready, log })
      : null;
  const deps: TApiDeps = {
    config,
    db,
    pool,
    reportPool,
    reportFiles,
    imageWork,
    redis,
    electionJobs,
    store,
    registry,
    selfReports,
    photos,
    limits,
    adminToken,
    telegram,
  };
  return {
    deps,
    close: async () => {
      await telegramPolling?.stop().catch(() => undefined);
      await telegramJobs?.close().catch(() => undefined);
      await electionJobs.close().catch(() => undefined);
      redis.disconnect();
      await reportFiles.close();
      await reportPool.end().catch(() => undefined);
      await db.destroy();
    },
  };
}

/**
 * The bot, its webhook's secret (made once, kept in a 0600 file, given to setWebhook) and a
 * start that asks Telegram who the bot is once, on the first update: the API starts whether
 * or not Telegram can be reached.
 */
async function openTelegram(
  config: NonNullable<TApiConfig['telegram']>,
  deps: Omit<TBotDeps, 'search' | 'election'>,
): Promise<NonNullable<TApiDeps['telegram']> & { token: string }> {
  const token = (await readFile(config.tokenFile, 'utf8')).trim();
  // Telegram allows A–Z, a–z, 0–9, _ and - in the secret: the file's bytes in base64url.
  const webhookSecret = (await loadOrCreateSecret(config.webhookSecretFile)).toString('base64url');
  const bot = createTelegramBot(token, config.apiRoot, {
    ...deps,
    search: new StationSearch(deps.db),
    election: config.election,
  });
  let started: Promise<void> | undefined;
  const ready = () => {
    started ??= bot.init().catch((error: unknown) => {
      started = undefined;
      throw error;
    });
    return started;
  };
  return { bot, webhookSecret, ready, token };
}

async function loadAdminToken(path: string): Promise<string> {
  // The same 0600 rule as the pseudonym secret; the token is the file's base64 text.
  await loadOrCreateSecret(path);
  return (await readFile(path, 'utf8')).trim();
}
