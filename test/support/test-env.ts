// Where tests find PostgreSQL and Redis: the machine's own by default, like `npm start`.
export const testPostgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const templateDatabase = 'crosstally_test_template';

export function databaseUrl(name: string): string {
  return `${testPostgresUrl}/${name}`;
}
