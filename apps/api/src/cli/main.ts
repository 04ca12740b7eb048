import { createDb, ensureDatabase, loadOrCreateSecret, queueNames, translate } from '@crosstally/shared';
import { migrateToLatest } from '@crosstally/migrations';
import { Queue } from 'bullmq';
import { loadApiConfig } from '../config.js';
import { AppError } from '../errors.js';
import { RegistryCache } from '../elections/registry-cache.js';
import { runImport, importUsage } from './import-command.js';
import { policyUsage, runPolicy } from './policy-command.js';
import { recomputeUsage, runRecompute } from './recompute-command.js';
import { runUsers, usersUsage } from './users-command.js';
import { runAudit } from './audit-command.js';
import { forensicsUsage, runForensics } from './forensics-command.js';
import { codesUsage, runCodes } from './codes-command.js';

const usage = `usage:
npm run migrate
${importUsage}
${recomputeUsage}
${policyUsage}
${usersUsage}
${codesUsage}
npm run cli -- audit verify
${forensicsUsage}`;

async function main(args: string[]): Promise<string> {
  // Forensics reads a published results file only: no database, so no config or connection.
  if (args[0] === 'forensics') return runForensics(args.slice(1));
  const config = loadApiConfig();
  await ensureDatabase(config.databaseUrl);
  const db = createDb(config.databaseUrl, { max: 2 });
  // Redis only for the commands that follow a worker's job, opened when first asked for.
  let electionJobs: Queue | undefined;
  const deps = {
    db,
    registry: new RegistryCache(db),
    electionJobs: () =>
      (electionJobs ??= new Queue(queueNames.elections, {
        prefix: config.queuePrefix,
        connection: { url: config.redisUrl, maxRetriesPerRequest: 1 },
      })),
  };
  try {
    const migrated = await migrateToLatest(db);
    if (migrated.error) throw migrated.error;
    const [command, ...rest] = args;
    switch (command) {
      case 'migrate': {
        const applied = (migrated.results ?? []).map((r) => `${r.migrationName}: ${r.status}`);
        return applied.length ? applied.join('\n') : 'the database is up to date';
      }
      case 'import':
        return await runImport(deps, rest);
      case 'recompute':
        return await runRecompute(deps, rest);
      case 'policy':
        return await runPolicy(deps, rest);
      case 'codes':
        return await runCodes({ ...deps, secret: () => loadOrCreateSecret(config.secretFile) }, rest);
      case 'users':
        return await runUsers(db, rest);
      case 'audit':
        return await runAudit(db, rest);
      case undefined:
      case 'help':
      case '--help':
        return usage;
      default:
        // A script must be able to tell that it asked for something that does not exist.
        throw new Error(`unknown command "${command}"\n${usage}`);
    }
  } finally {
    await electionJobs?.close();
    await db.destroy();
  }
}

main(process.argv.slice(2)).then(
  (message) => process.stdout.write(`${message}\n`),
  (error: unknown) => {
    // The CLI speaks English: a catalogue message is said in full, not by its key.
    const text = error instanceof AppError && typeof error.text !== 'string' ? translate(error.text, 'en') : null;
    process.stderr.write(`error: ${text ?? (error as Error).message}\n`);
    process.exitCode = 1;
  },
);
