import type { Bot } from 'grammy';
import type { Db, EvidenceStore } from '@crosstally/shared';
import type { Queue } from 'bullmq';
import type pg from 'pg';
import type { Redis } from 'ioredis';
import type { LoginThrottle } from './auth/login-throttle.js';
import type { TApiConfig } from './config.js';
import type { PhotoIntake } from './intake/photo-intake.js';
import type { IntakeLimits } from './intake/intake-limits.js';
import type { SelfReportIntake } from './intake/self-report-intake.js';
import type { RegistryCache } from './elections/registry-cache.js';
import type { ReportFiles } from './reports/report-files.js';
import type { ImageWork } from './photos/image-work.js';

/** Everything a route may use, passed explicitly (no service locator). */
export type TApiDeps = {
  config: TApiConfig;
  db: Db;
  /** The pool under `db`, for cursors (the report page's first rows). */
  pool: pg.Pool;
  /** The report downloads' own small pool: however many there are, intake keeps `pool`. */
  reportPool: pg.Pool;
  /** The cap on this process's image work (views, lines cut out). */
  imageWork: ImageWork;
  /** Report downloads built once per data version, served from files. */
  reportFiles: ReportFiles;
  redis: Redis;
  /** Whole-election jobs (recompute, forensic refresh), read to follow them; added to by the outbox only. */
  electionJobs: Queue;
  store: EvidenceStore;
  registry: RegistryCache;
  selfReports: SelfReportIntake;
  photos: PhotoIntake;
  limits: IntakeLimits;
  adminToken: string;
  /** The Telegram bot, when configured: its face, the webhook's secret, and its one-time start. */
  telegram: { bot: Bot; webhookSecret: string; ready: () => Promise<void> } | null;
};

declare module 'fastify' {
  interface FastifyInstance {
    deps: TApiDeps;
    routeList: { method: string; url: string }[];
    /** One login back-off for the JSON API and the login page alike. */
    loginThrottle: LoginThrottle;
  }
}
