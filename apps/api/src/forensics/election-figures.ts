import {
  estimatePvt,
  loadAgreedReadings,
  loadOfficialResults,
  loadStationFrame,
  minimumProvenTheft,
  type Db,
  type TStoredFormLine,
} from '@crosstally/shared';
import type { RawBuilder } from 'kysely';
import { loadPublicProofs } from '../repositories/figures.repository.js';

export type TElection = { id: number; lines: readonly TStoredFormLine[]; candidates: readonly string[] };

/**
 * The parallel vote tabulation from the agreed protocol readings, beside the official
 * results, and the minimum proven theft from the proofs that may be published: those resting
 * on counts under the publication threshold k are left out, uncounted. The sum stays a lower
 * bound and gives no hidden count back.
 */
export async function electionEstimate(db: Db, election: TElection, scope: RawBuilder<boolean>, k: number) {
  const [sample, official, frame, proofs] = await Promise.all([
    loadAgreedReadings(db, election.id, election.lines, scope),
    loadOfficialResults(db, election.id, election.lines, scope),
    loadStationFrame(db, election.id, scope),
    loadPublicProofs(db, election.id, scope, k),
  ]);
  const estimate = estimatePvt({
    sample: sample.stations,
    official: official.stations,
    candidates: election.candidates,
    frame,
  });
  return {
    pvt: estimate.ok ? estimate.value : null,
    pvtUnavailable: estimate.ok ? null : estimate.error,
    sample: { stations: sample.stations.length, incomplete: sample.incomplete },
    minimumProvenTheft: {
      ...minimumProvenTheft(proofs),
      threshold: k,
    },
  };
}

/** The election as forensics and the estimate need it, from its registry. */
export function electionOf(registry: {
  election: { id: number };
  lines: readonly TStoredFormLine[];
  candidates: readonly { key: string }[];
}): TElection {
  return { id: registry.election.id, lines: registry.lines, candidates: registry.candidates.map((c) => c.key) };
}
