import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { ZCommonEnv, ZIntFromEnv, formatEnvError } from '@crosstally/shared';
import { z } from 'zod';

export const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

const ZApiEnv = ZCommonEnv.extend({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: ZIntFromEnv(0, 65535).default(3000),
  SECRET_FILE: z.string().min(1).optional(),
  ADMIN_TOKEN: z.string().min(24, 'at least 24 characters').optional(),
  MAX_PHOTO_BYTES: ZIntFromEnv(1024, 200 * 1024 * 1024).default(15 * 1024 * 1024),
  MAX_PHOTO_PIXELS: ZIntFromEnv(1, 1_000_000_000).default(64_000_000),
  VIEW_DECODE_PIXELS: ZIntFromEnv(1, 1_000_000_000).default(16_000_000),
  IMAGE_WORK_CONCURRENCY: ZIntFromEnv(1, 64).default(2),
  MAX_IMPORT_BYTES: ZIntFromEnv(1024, 2 * 1024 * 1024 * 1024).default(512 * 1024 * 1024),
  DB_POOL_SIZE: ZIntFromEnv(1, 200).default(10),
  REPORT_DB_CONNECTIONS: ZIntFromEnv(1, 50).default(2),
  REPORT_WAIT_SECONDS: ZIntFromEnv(1, 600).default(15),
  SOCKET_IDLE_SECONDS: ZIntFromEnv(1, 3600).default(120),
  SESSION_HOURS: ZIntFromEnv(1, 24 * 30).default(12),
  INTAKE_PER_ADDRESS_PER_MINUTE: ZIntFromEnv(1, 1_000_000).default(120),
  LIMIT_LOOPBACK: z.enum(['0', '1']).default('0'),
  REPORTS_PER_VOTER_PER_MINUTE: ZIntFromEnv(1, 10_000).default(6),
  PHOTOS_PER_VOTER: ZIntFromEnv(1, 100_000).default(100),
  UNREVIEWED_PHOTOS_PER_STATION: ZIntFromEnv(1, 100_000).default(50),
  /** Below this much free space under STORAGE_DIR, /ready says not ready (uploads would fail). */
  STORE_MIN_FREE_MB: ZIntFromEnv(0, 10_000_000).default(64),
  // The Telegram bot runs when both are set: the token (in a file, like the other secrets) and
  // the election it takes statements for.
  TELEGRAM_TOKEN_FILE: z.string().min(1).optional(),
  TELEGRAM_ELECTION: z.string().min(1).optional(),
  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
  /** webhook: Telegram posts to /v1/telegram/webhook; polling: the API asks (local use). */
  TELEGRAM_MODE: z.enum(['webhook', 'polling']).default('webhook'),
});

export type TApiConfig = Readonly<{
  host: string;
  port: number;
  databaseUrl: string;
  redisUrl: string;
  storageDir: string;
  secretFile: string;
  adminTokenFile: string;
  adminToken: string | undefined;
  queuePrefix: string;
  logLevel: z.infer<typeof ZApiEnv>['LOG_LEVEL'];
  maxPhotoBytes: number;
  maxPhotoPixels: number;
  maxImportBytes: number;
  /** The most pixels a request may decode (a view the worker has not made yet); far below an upload's cap. */
  viewDecodePixels: number;
  /** Image work (decoding, turning, cutting lines) one API process does at once. */
  imageWorkConcurrency: number;
  dbPoolSize: number;
  /** Connections of the reports' own pool, and how long a download waits for one before a 503. */
  reportDbConnections: number;
  reportWaitSeconds: number;
  /** A socket that moves nothing this long is closed (a reader that stopped reading, too). */
  socketIdleSeconds: number;
  sessionHours: number;
  intakePerAddressPerMinute: number;
  limitLoopback: boolean;
  reportsPerVoterPerMinute: number;
  photosPerVoter: number;
  unreviewedPhotosPerStation: number;
  storeMinFreeBytes: number;
  /** null: no bot. `webhookSecretFile` holds what Telegram must send in X-Telegram-Bot-Api-Secret-Token. */
  telegram: {
    tokenFile: string;
    election: string;
    apiRoot: string;
    webhookSecretFile: string;
    mode: 'webhook' | 'polling';
  } | null;
}>;

/** The API's whole configuration; nothing else reads process.env. Throws one line on bad input. */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): TApiConfig {
  const parsed = ZApiEnv.safeParse(env);
  if (!parsed.success) throw new Error(formatEnvError(parsed.error));
  const e = parsed.data;
  const storageDir = resolve(e.STORAGE_DIR ?? join(repoRoot, 'storage'));
  return Object.freeze({
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    storageDir,
    secretFile: resolve(e.SECRET_FILE ?? join(storageDir, 'secrets', 'pseudonym.key')),
    adminTokenFile: join(storageDir, 'secrets', 'admin-token'),
    adminToken: e.ADMIN_TOKEN,
    queuePrefix: e.QUEUE_PREFIX,
    logLevel: e.LOG_LEVEL,
    maxPhotoBytes: e.MAX_PHOTO_BYTES,
    maxPhotoPixels: e.MAX_PHOTO_PIXELS,
    maxImportBytes: e.MAX_IMPORT_BYTES,
    viewDecodePixels: e.VIEW_DECODE_PIXELS,
    imageWorkConcurrency: e.IMAGE_WORK_CONCURRENCY,
    dbPoolSize: e.DB_POOL_SIZE,
    reportDbConnections: e.REPORT_DB_CONNECTIONS,
    reportWaitSeconds: e.REPORT_WAIT_SECONDS,
    socketIdleSeconds: e.SOCKET_IDLE_SECONDS,
    sessionHours: e.SESSION_HOURS,
    intakePerAddressPerMinute: e.INTAKE_PER_ADDRESS_PER_MINUTE,
    limitLoopback: e.LIMIT_LOOPBACK === '1',
    reportsPerVoterPerMinute: e.REPORTS_PER_VOTER_PER_MINUTE,
    photosPerVoter: e.PHOTOS_PER_VOTER,
    unreviewedPhotosPerStation: e.UNREVIEWED_PHOTOS_PER_STATION,
    storeMinFreeBytes: e.STORE_MIN_FREE_MB * 1024 * 1024,
    telegram:
      e.TELEGRAM_TOKEN_FILE && e.TELEGRAM_ELECTION
        ? {
            tokenFile: resolve(e.TELEGRAM_TOKEN_FILE),
            election: e.TELEGRAM_ELECTION,
            apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
            webhookSecretFile: join(storageDir, 'secrets', 'telegram-webhook-secret'),
            mode: e.TELEGRAM_MODE,
          }
        : null,
  });
}
