import { createDb, ensureDatabase } from '@crosstally/shared';
import { migrateToLatest } from '@crosstally/migrations';
import { loadApiConfig } from '../config.js';
import { runImport, importUsage } from './import-command.js';
import { runRecompute } from './recompute-command.js';
import { runUsers, usersUsage } from './users-command.js';
import { runAudit } from './audit-command.js';
import { forensicsUsage, runForensics } from './forensics-command.js';

const usage = `usage:
npm run migrate
${importUsage}
npm run cli -- recompute <election code>
${usersUsage}
npm run cli -- audit verify
${forensicsUsage}`;

async function main(args: string[]): Promise<string> {
  // Forensics reads a published results file only: no database, so no config or connection.
  if (args[0] === 'forensics') return runForensics(args.slice(1));
  const config = loadApiConfig();
  await ensureDatabase(config.databaseUrl);
  const db = createDb(config.databaseUrl, { max: 2 });
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
        return await runImport(db, rest);
      case 'recompute':
        return await runRecompute(db, rest[0]);
      case 'users':
        return await runUsers(db, rest);
      case 'audit':
        return await runAudit(db, rest);
      default:
        return usage;
    }
  } finally {
    await db.destroy();
  }
}

main(process.argv.slice(2)).then(
  (message) => process.stdout.write(`${message}\n`),
  (error: unknown) => {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
