import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { ZElectionDefinition, type Db } from '@crosstally/shared';
import { AppError } from '../errors.js';
import { importElection } from '../imports/election-import.js';
import { importOfficialResults, readOfficialCsv } from '../imports/official-import.js';
import { electionOf, refreshForensicFlags } from '../forensics/election-figures.js';
import { importStations, readStationsCsv } from '../imports/stations-import.js';
import { importPartnerTallies, readPartnerCsv } from '../imports/partner-import.js';
import { findElectionByCode, loadElectionRegistry } from '../repositories/election.repository.js';
import { createProgressBar } from './progress-bar.js';
import { importPublishedUsage, runImportPublished } from './import-published.js';
import { audited } from '../audit/audited.js';
import { userInfo } from 'node:os';

/** Whoever runs the CLI on the server: recorded as such in the audit log. */
const cliActor = `cli:${userInfo().username}`;

export const importUsage = `npm run cli -- import election <election.json>
npm run cli -- import stations <election code> <stations.csv>
npm run cli -- import official <election code> <results.csv> [--source "<name of the publication>"]
npm run cli -- import partners <election code> <tallies.csv>
${importPublishedUsage}`;

export async function runImport(db: Db, args: string[]): Promise<string> {
  const [what, ...rest] = args;
  switch (what) {
    case 'election': {
      const file = required(rest[0], 'the election JSON file');
      const parsed = ZElectionDefinition.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new AppError('bad_request', `${file}: ${issue.path.join('.')}: ${issue.message}`);
      }
      const outcome = await audited(
        db,
        cliActor,
        'import.election',
        (trx) => importElection(trx, parsed.data),
        (o) => (o.status === 'created' ? { election: o.code } : null),
      );
      return `election ${outcome.code}: ${outcome.status}`;
    }
    case 'stations': {
      const code = required(rest[0], 'the election code');
      const file = required(rest[1], 'the stations CSV file');
      const election = await findElectionByCode(db, code);
      if (!election) throw new AppError('not_found', `no election ${code}: import its JSON first`);
      const rows = await readStationsCsv(await readWithProgress(file, 'reading stations'));
      const bar = createProgressBar('importing stations', rows.length);
      const outcome = await audited(
        db,
        cliActor,
        'import.stations',
        (trx) => importStations(trx, election, rows, bar.update),
        (o) => (o.created + o.updated > 0 ? { election: code, ...o } : null),
      );
      bar.finish();
      return `stations: ${outcome.rows} rows, ${outcome.created} created, ${outcome.updated} updated, ${outcome.unchanged} unchanged`;
    }
    case 'official': {
      const code = required(rest[0], 'the election code');
      const file = required(rest[1], 'the results CSV file');
      const sourceAt = rest.indexOf('--source');
      const sourceName = sourceAt >= 0 ? required(rest[sourceAt + 1], 'the source name') : file.split('/').pop()!;
      const registry = await loadElectionRegistry(db, code);
      if (!registry) throw new AppError('not_found', `no election ${code}: import its JSON first`);
      const parsed = await readOfficialCsv(await readWithProgress(file, 'reading results'), registry);
      const bar = createProgressBar('importing results', parsed.rows.length);
      const outcome = await audited(
        db,
        cliActor,
        'import.official',
        (trx) => importOfficialResults(trx, registry, { ...parsed, sourceName }, bar.update),
        (o) =>
          o.changed > 0
            ? { election: code, source: sourceName, fileSha256: parsed.sha256, rows: o.rows, changed: o.changed }
            : null,
      );
      bar.finish();
      const signals = outcome.changed > 0 ? await refreshForensicFlags(db, electionOf(registry)) : null;
      return (
        `official results: ${outcome.rows} rows, ${outcome.changed} new versions, ${outcome.unchanged} unchanged` +
        (signals ? `; ${signals.signalled} stations with forensic signals` : '')
      );
    }
    case 'partners': {
      const code = required(rest[0], 'the election code');
      const file = required(rest[1], 'the partner tallies CSV file');
      const registry = await loadElectionRegistry(db, code);
      if (!registry) throw new AppError('not_found', `no election ${code}: import its JSON first`);
      const parsed = await readPartnerCsv(await readWithProgress(file, 'reading partner tallies'), registry);
      const outcome = await audited(
        db,
        cliActor,
        'import.partners',
        (trx) => importPartnerTallies(trx, registry, parsed),
        (o) => (o.changed > 0 ? { election: code, fileSha256: parsed.sha256, ...o } : null),
      );
      return `partner tallies: ${outcome.rows} rows, ${outcome.changed} changed, ${outcome.unchanged} unchanged`;
    }
    case 'published':
      return runImportPublished(db, rest, { actor: cliActor, readWithProgress });
    default:
      throw new AppError('bad_request', `unknown import "${what ?? ''}"; usage:\n${importUsage}`);
  }
}

async function readWithProgress(file: string, label: string) {
  const { size } = await stat(file);
  const bar = createProgressBar(label, size);
  let read = 0;
  const stream = createReadStream(file);
  stream.on('data', (chunk) => {
    read += chunk.length;
    bar.update(read);
  });
  stream.on('end', () => bar.finish());
  return stream;
}

function required(value: string | undefined, what: string): string {
  if (!value || value.startsWith('--')) throw new AppError('bad_request', `missing ${what}; usage:\n${importUsage}`);
  return value;
}
