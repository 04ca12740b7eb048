import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createDb, dropDatabase, ensureDatabase } from '@crosstally/shared';
import { migrateToLatest } from '@crosstally/migrations';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { databaseUrl, templateDatabaseFor, testDatabasePrefix } from './test-env.js';

const staleAfterMs = 6 * 3600_000;

/**
 * Once per run: build the apps (tests that start real processes run the compiled code), and
 * a freshly migrated template database that every test file clones (a clone takes
 * milliseconds; migrating per file would not). Returns the teardown.
 */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  // TEST_SKIP_BUILD=1: for iterating on tests that run only in-process code.
  if (process.env.TEST_SKIP_BUILD !== '1') {
    execFileSync(process.execPath, [`${root}/node_modules/typescript/bin/tsc`, '--build'], {
      cwd: root,
      stdio: 'inherit',
    });
  }
  const run = Date.now().toString(36);
  project.provide('testRun', run);
  await dropDatabases((runOf) => Date.now() - parseInt(runOf, 36) > staleAfterMs);
  await ensureDatabase(databaseUrl(templateDatabaseFor(run)));
  const db = createDb(databaseUrl(templateDatabaseFor(run)), { max: 1 });
  const result = await migrateToLatest(db);
  await db.destroy();
  if (result.error) throw result.error;
  return () => dropDatabases((runOf) => runOf === run);
}

async function dropDatabases(which: (run: string) => boolean): Promise<void> {
  const admin = new pg.Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  const found = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [
    `${testDatabasePrefix}%`,
  ]);
  await admin.end();
  for (const { datname } of found.rows) {
    const run = datname.slice(testDatabasePrefix.length).split('_')[0] ?? '';
    if (which(run)) await dropDatabase(databaseUrl(datname));
  }
}
