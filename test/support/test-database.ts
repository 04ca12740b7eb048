import { randomBytes } from 'node:crypto';
import { createDb, dropDatabase, ensureDatabase, type Db } from '@crosstally/shared';
import { currentTestRun, databaseUrl, templateDatabaseFor, testDatabasePrefix } from './test-env.js';

export type TTestDatabase = { url: string; db: Db; drop: () => Promise<void> };

/** A database of its own for one test file, cloned from the migrated template. */
export async function createTestDatabase(): Promise<TTestDatabase> {
  const run = currentTestRun();
  const name = `${testDatabasePrefix}${run}_${randomBytes(5).toString('hex')}`;
  const url = databaseUrl(name);
  await ensureDatabase(url, templateDatabaseFor(run));
  const db = createDb(url, { max: 4 });
  return {
    url,
    db,
    drop: async () => {
      await db.destroy();
      await dropDatabase(url);
    },
  };
}
