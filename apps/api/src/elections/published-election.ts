import { basename } from 'node:path';
import { ZElectionDefinition, type Db, type DbOrTrx, type TLocalizedText } from '@crosstally/shared';
import { audited } from '../audit/audited.js';
import { AppError } from '../errors.js';
import { importElection } from '../imports/election-import.js';
import { importOfficialResults } from '../imports/official-import.js';
import { definitionOf, publishedStations, type TPublishedFile } from '../imports/published-import.js';
import { importStations } from '../imports/stations-import.js';
import { findElectionByCode, loadElectionRegistry } from '../repositories/election.repository.js';
import { listStationCodes } from '../repositories/station.repository.js';
import type { TProgress } from './election-imports.js';

export type TPublishedOptions = { file: string; code: string; name: string | undefined; sourceName: string };

/**
 * Sets up a whole election from a commission's published station-level results: the
 * election and its form, regions, stations and official results, in one audited transaction
 * through the same imports as the election, stations and official files, so that re-running
 * the same file changes nothing and a corrected file adds versions; the official import
 * enqueues the refresh of the forensic-signal flags for the workers.
 */
export function importPublishedElection(
  deps: { db: Db },
  actor: string,
  file: TPublishedFile,
  options: TPublishedOptions,
  sha256: string,
  progress?: TProgress,
) {
  return audited(
    deps.db,
    actor,
    'import.published',
    (trx) => importPublished(trx, file, options, sha256, progress),
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
}

async function importPublished(
  trx: DbOrTrx,
  file: TPublishedFile,
  options: TPublishedOptions,
  sha256: string,
  progress?: TProgress,
) {
  const existing = await findElectionByCode(trx, options.code);
  const known = existing ? await listStationCodes(trx, existing.id) : [];
  const { stations, official, withoutVoters } = publishedStations(file, new Set(known));
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
  const stationsBar = progress?.('importing stations', stations.length);
  const stationsOutcome = await importStations(
    trx,
    (await findElectionByCode(trx, options.code))!,
    stations,
    stationsBar?.update,
  );
  stationsBar?.finish();
  const registry = (await loadElectionRegistry(trx, options.code))!;
  const resultsBar = progress?.('importing results', official.length);
  const results = await importOfficialResults(
    trx,
    registry,
    { rows: official, sha256, sourceName: options.sourceName },
    resultsBar?.update,
  );
  resultsBar?.finish();
  return { election, stations: stationsOutcome, results, registry, withoutVoters };
}
