import { inject } from 'vitest';

// Where tests find PostgreSQL and Redis: the machine's own by default, like `npm start`.
export const testPostgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

declare module 'vitest' {
  export interface ProvidedContext {
    testRun: string;
  }
}

/**
 * Every database a run creates carries the run's id (its start time, base 36), so two runs
 * on one machine never drop each other's databases, and leftovers of a crashed run can be
 * told apart by age.
 */
export const testDatabasePrefix = 'crosstally_test_';
export const templateDatabaseFor = (run: string) => `${testDatabasePrefix}${run}_template`;
export const currentTestRun = (): string => inject('testRun');

export function databaseUrl(name: string): string {
  return `${testPostgresUrl}/${name}`;
}
