import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ZElectionDefinition, type Database, type Db, type TLocalizedText } from '@crosstally/shared';
import type { Transaction } from 'kysely';
import { audited } from '../audit/audited.js';
import { AppError } from '../errors.js';
import { importElection } from '../imports/election-import.js';
import { importOfficialResults } from '../imports/official-import.js';
import {
  definitionOf,
  publishedStations,
  readPublishedResults,
  type TPublishedFile,
} from '../imports/published-import.js';
import { importStations } from '../imports/stations-import.js';
import { findElectionByCode, loadElectionRegistry } from '../repositories/election.repository.js';
import { createProgressBar } from './progress-bar.js';

export const importPublishedUsage =
  'npm run cli -- import published <results.csv[.gz]> --code <election code> [--name "<name>"] [--source "<publication>"]';

type TOptions = { file: string; code: string; name: string | undefined; sourceName: string };
type TDeps = { actor: string; readWithProgress: (file: string, label: string) => Promise<Readable> };

/**
 * Sets up a whole election from a commission's published station-level results: the
 * election and its form, regions, stations and official results, in one transaction through
 * the same imports as `import election|stations|official`, so that re-running the same file
 * changes nothing and a corrected file adds versions; the official import enqueues the
 * refresh of the forensic-signal flags for the workers.
 */
export async function runImportPublished(db: Db, args: string[], deps: TDeps): Promise<string> {
  const options = parseOptions(args);
  const raw = await deps.readWithProgress(options.file, 'reading results');
  const hash = createHash('sha256');
  raw.on('data', (chunk: Buffer) => hash.update(chunk));
  const file = await readPublishedResults(options.file.endsWith('.gz') ? [raw, createGunzip()] : [raw]);
  const sha256 = hash.digest('hex');
  const outcome = await audited(
    db,
    deps.actor,
    'import.published',
    (trx) => importPublished(trx, file, options, sha256),
    (o) =>
      o.election.status === 'created' || o.stations.created + o.stations.updated + o.results.changed > 0
        ? {
            election: options.code,
            source: options.sourceName,
            fileSha256: sha256,
            definition: o.election.status,
            stations: { created: o.stations.created, updated: o.stations.updated },
            results: { rows: o.results.rows, changed: o.results.changed },
          }
        : null,
  );
  const { election, stations, results, registry } = outcome;
  return [
    `election ${options.code}: ${election.status} (${registry.lines.length} lines, ${registry.candidates.length} candidates, ` +
      `relations: ${registry.relations.map((r) => r.text).join('; ') || 'none'})`,
    `stations: ${stations.rows} rows, ${stations.created} created, ${stations.updated} updated, ${stations.unchanged} unchanged` +
      (outcome.withoutVoters > 0 ? `; ${outcome.withoutVoters} rows without voters on the list left out` : ''),
    `official results: ${results.rows} rows, ${results.changed} new versions, ${results.unchanged} unchanged` +
      (results.changed > 0 ? '; the workers refresh the forensic signals' : ''),
  ].join('\n');
}

async function importPublished(trx: Transaction<Database>, file: TPublishedFile, options: TOptions, sha256: string) {
  const existing = await findElectionByCode(trx, options.code);
  const known = existing
    ? await trx.selectFrom('station').select('code').where('election_id', '=', existing.id).execute()
    : [];
  const { stations, official, withoutVoters } = publishedStations(file, new Set(known.map((s) => s.code)));
  if (stations.length === 0) {
    throw new AppError('unprocessable', `${options.file}: no station with its voters on the list`);
  }
  // Without --name, a known election keeps its name: a corrected file must not count as a new definition.
  const name = options.name ?? basename(options.file).replace(/(\.csv)?(\.gz)?$/, '');
  const localized: TLocalizedText =
    options.name === undefined && existing ? existing.name : { be: name, ru: name, en: name };
  const parsed = ZElectionDefinition.safeParse(definitionOf(file.form, options.code, localized));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('bad_request', `${options.file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  const election = await importElection(trx, parsed.data);
  const stationsBar = createProgressBar('importing stations', stations.length);
  const stationsOutcome = await importStations(
    trx,
    (await findElectionByCode(trx, options.code))!,
    stations,
    stationsBar.update,
  );
  stationsBar.finish();
  const registry = (await loadElectionRegistry(trx, options.code))!;
  const resultsBar = createProgressBar('importing results', official.length);
  const results = await importOfficialResults(
    trx,
    registry,
    { rows: official, sha256, sourceName: options.sourceName },
    resultsBar.update,
  );
  resultsBar.finish();
  return { election, stations: stationsOutcome, results, registry, withoutVoters };
}

function parseOptions(args: string[]): TOptions {
  const [file, ...rest] = args;
  const fail = (problem: string) => new AppError('bad_request', `${problem}; usage:\n${importPublishedUsage}`);
  if (!file || file.startsWith('--')) throw fail('missing the results file');
  const flags: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i]!, rest[i + 1]];
    if (!['--code', '--name', '--source'].includes(flag)) throw fail(`unknown option ${flag}`);
    if (value === undefined || value.startsWith('--')) throw fail(`${flag} needs a value`);
    flags[flag] = value;
  }
  if (flags['--code'] === undefined) throw fail('missing --code <election code>');
  return {
    file,
    code: flags['--code'],
    name: flags['--name'],
    sourceName: flags['--source'] ?? basename(file),
  };
}
