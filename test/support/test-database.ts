import { randomBytes } from 'node:crypto';
import { createDb, dropDatabase, ensureDatabase, type Db } from '@crosstally/shared';
import { databaseUrl, templateDatabase } from './test-env.js';

export type TTestDatabase = { url: string; db: Db; drop: () => Promise<void> };

/** A database of its own for one test file, cloned from the migrated template. */
export async function createTestDatabase(): Promise<TTestDatabase> {
  const name = `crosstally_test_${randomBytes(5).toString('hex')}`;
  const url = databaseUrl(name);
  await ensureDatabase(url, templateDatabase);
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
