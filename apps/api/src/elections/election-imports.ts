import type { Readable } from 'node:stream';
import type { Db, TElectionDefinition } from '@crosstally/shared';
import { audited } from '../audit/audited.js';
import { importElection } from '../imports/election-import.js';
import { importOfficialResults, readOfficialCsv } from '../imports/official-import.js';
import { importPartnerTallies, readPartnerCsv } from '../imports/partner-import.js';
import { importStations, readStationsCsv } from '../imports/stations-import.js';
import type { RegistryCache } from './registry-cache.js';
import { findElectionOrFail } from './find-election.js';

export type TElectionAdminDeps = { db: Db; registry: RegistryCache };

/** How a face shows a long import going (the CLI draws a bar; HTTP shows nothing). */
export type TProgress = (label: string, total: number) => { update: (done: number) => void; finish: () => void };

/**
 * The admins' imports, one function each, for the JSON API and the CLI alike: find the
 * election, then open and read the file (`file` is opened only once the election is found:
 * an unknown election is a 404 whatever was sent), write it in one audited transaction. The audit entry names what
 * changed and is left out when nothing did. The forensic refresh an official import calls
 * for is enqueued inside that import (see importOfficialResults).
 */
export function defineElection(deps: TElectionAdminDeps, actor: string, definition: TElectionDefinition) {
  return audited(
    deps.db,
    actor,
    'import.election',
    (trx) => importElection(trx, definition),
    (o) => (o.status === 'created' ? { election: o.code } : null),
  );
}

export async function importStationsFile(
  deps: TElectionAdminDeps,
  actor: string,
  code: string,
  file: () => Readable,
  progress?: TProgress,
) {
  const { election } = await findElectionOrFail(deps.registry, code);
  const rows = await readStationsCsv(file());
  const bar = progress?.('importing stations', rows.length);
  const outcome = await audited(
    deps.db,
    actor,
    'import.stations',
    (trx) => importStations(trx, election, rows, bar?.update),
    (o) => (o.created + o.updated > 0 ? { election: election.code, ...o } : null),
  );
  bar?.finish();
  return outcome;
}

export async function importOfficialFile(
  deps: TElectionAdminDeps,
  actor: string,
  code: string,
  file: () => Readable,
  sourceName: string,
  progress?: TProgress,
) {
  const registry = await findElectionOrFail(deps.registry, code);
  const parsed = await readOfficialCsv(file(), registry);
  const bar = progress?.('importing results', parsed.rows.length);
  const outcome = await audited(
    deps.db,
    actor,
    'import.official',
    (trx) => importOfficialResults(trx, registry, { ...parsed, sourceName }, bar?.update),
    (o) =>
      o.changed > 0
        ? { election: code, source: sourceName, fileSha256: parsed.sha256, rows: o.rows, changed: o.changed }
        : null,
  );
  bar?.finish();
  return outcome;
}

export async function importPartnerFile(deps: TElectionAdminDeps, actor: string, code: string, file: () => Readable) {
  const registry = await findElectionOrFail(deps.registry, code);
  const parsed = await readPartnerCsv(file(), registry);
  return audited(
    deps.db,
    actor,
    'import.partners',
    (trx) => importPartnerTallies(trx, registry, parsed),
    (o) => (o.changed > 0 ? { election: code, fileSha256: parsed.sha256, ...o } : null),
  );
}
