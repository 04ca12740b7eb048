import { loadElectionForm, type Db } from '@crosstally/shared';
import type { TPrincipal } from '../auth/principal.js';
import { regionScope } from '../auth/scope.js';
import type { RegistryCache } from '../elections/registry-cache.js';
import { findElectionOrFail } from '../elections/find-election.js';
import { AppError } from '../errors.js';
import { loadStationView } from '../repositories/station-view.repository.js';

/**
 * A station as an analyst reviews it, for the JSON review API and the desk page alike: in
 * the caller's regions only (elsewhere it reads like a missing station), its self-reports
 * counted as verified under the election's own policy, as the engine counts them.
 */
export async function openStationForReview(
  deps: { db: Db; registry: RegistryCache },
  principal: TPrincipal,
  electionCode: string,
  stationCode: string,
) {
  const found = await findElectionOrFail(deps.registry, electionCode);
  const electionId = found.election.id;
  const form = await loadElectionForm(deps.db, electionId);
  const view = form
    ? await loadStationView(deps.db, electionId, stationCode, regionScope(principal, electionId, 'r.path'), form.policy)
    : undefined;
  if (!view) {
    throw new AppError('not_found', {
      key: 'station.notFound',
      params: { station: stationCode, election: found.election.code },
    });
  }
  return { found, view };
}
