import type { Db, EvidenceStore } from '@crosstally/shared';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { TApiConfig } from './config.js';
import type { SelfReportIntake } from './intake/self-report-intake.js';
import type { RegistryCache } from './intake/registry-cache.js';

/** Everything a route may use, passed explicitly (no service locator). */
export type TApiDeps = {
  config: TApiConfig;
  db: Db;
  redis: Redis;
  queue: Queue;
  store: EvidenceStore;
  registry: RegistryCache;
  selfReports: SelfReportIntake;
  adminToken: string;
};

declare module 'fastify' {
  interface FastifyInstance {
    deps: TApiDeps;
  }
}
