import type { TLocalized } from '@crosstally/shared';
import type { RegistryCache } from '../elections/registry-cache.js';
import {
  findElectionCode,
  listElectionsGrantedTo,
  type DbOrTrx,
  type TElectionRegistry,
} from '../repositories/election.repository.js';
import type { TPerson } from './record-entry.js';

/**
 * The elections a person can type for: all of them for an admin, those where a digitizer
 * holds a region grant otherwise (elsewhere their queue would always be empty).
 */
export async function electionsToDigitize(db: DbOrTrx, person: TPerson): Promise<{ code: string; name: TLocalized }[]> {
  return listElectionsGrantedTo(db, person.role === 'admin' ? null : person.id);
}

/** The form's lines of the election a photo belongs to (from the registry's cache). */
export async function formLinesOf(
  db: DbOrTrx,
  registry: RegistryCache,
  electionId: number,
): Promise<TElectionRegistry['lines']> {
  return (await registry.election(await findElectionCode(db, electionId)))?.lines ?? [];
}
