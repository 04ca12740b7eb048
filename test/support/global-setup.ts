import { fileURLToPath } from 'node:url';
import { createDb, dropDatabase, ensureDatabase } from '@crosstally/shared';
import { migrateToLatest } from '@crosstally/migrations';
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { databaseUrl, templateDatabase } from './test-env.js';

/**
 * Once per run: a freshly migrated template database that every test file clones (a clone
 * takes milliseconds; migrating per file would not), and no leftovers of crashed runs.
 */
export async function setup(): Promise<void> {
  // Tests that start the real processes run the compiled apps: build them first.
  execFileSync(
    process.execPath,
    [fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url)), '--build'],
    {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      stdio: 'inherit',
    },
  );
  const admin = new pg.Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  const stale = await admin.query<{ datname: string }>(
    "select datname from pg_database where datname like 'crosstally_test_%'",
  );
  await admin.end();
  for (const { datname } of stale.rows) await dropDatabase(databaseUrl(datname));
  await ensureDatabase(databaseUrl(templateDatabase));
  const db = createDb(databaseUrl(templateDatabase), { max: 1 });
  const result = await migrateToLatest(db);
  await db.destroy();
  if (result.error) throw result.error;
}
