import type { TElectionRegistry } from '../repositories/election.repository.js';
import { AppError } from '../errors.js';

type TElectionLookup = {
  election: (code: string) => Promise<TElectionRegistry | undefined>;
  station: (electionId: number, code: string) => Promise<{ id: number; regionId: number } | undefined>;
};

/**
 * The one way every face (JSON route, page, CLI) finds an election by its code: a missing
 * one is the same 404 in the reader's language everywhere.
 */
export async function findElectionOrFail(registry: TElectionLookup, code: string): Promise<TElectionRegistry> {
  const found = await registry.election(code);
  if (!found) throw new AppError('not_found', { key: 'election.notFound', params: { election: code } });
  return found;
}

/** A station of an election by its code, or the 404 that names both, on field `station`. */
export async function findStationOrFail(
  registry: TElectionLookup,
  election: TElectionRegistry,
  code: string,
): Promise<{ id: number; regionId: number }> {
  const station = await registry.station(election.election.id, code);
  if (!station) {
    throw new AppError(
      'not_found',
      { key: 'station.notFound', params: { station: code, election: election.election.code } },
      { field: 'station' },
    );
  }
  return station;
}
