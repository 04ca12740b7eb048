import type { Db, TRecomputeStationJob } from '@crosstally/shared';
import { recomputeStations } from '../findings/recompute-stations.js';
import type { ElectionForms } from '../repositories/election-forms.js';
import { dirtyVersionOf, electionOfStation, settleDirtyStation } from '../repositories/station.repository.js';

export type TRecomputeDeps = { db: Db; forms: ElectionForms };

export type TRecomputeOutcome =
  { kind: 'gone' } | { kind: 'recomputed'; written: number; cleared: number; settled: boolean };

/**
 * Recomputes one station's flags from its current evidence. The dirty mark is removed only
 * if no change arrived while we worked (its version is the one we read first); otherwise it
 * stays and the relay enqueues another recompute. Idempotent: the same evidence writes nothing.
 */
export async function handleRecomputeStation(
  payload: TRecomputeStationJob,
  deps: TRecomputeDeps,
): Promise<TRecomputeOutcome> {
  const { db } = deps;
  const electionId = await electionOfStation(db, payload.stationId);
  if (electionId === undefined) return { kind: 'gone' };
  const version = await dirtyVersionOf(db, payload.stationId);
  const form = await deps.forms.get(electionId);
  if (!form) return { kind: 'gone' };
  const { written, cleared } = await recomputeStations(db, form, [payload.stationId]);
  const settled = version === undefined ? true : await settleDirtyStation(db, payload.stationId, version);
  return { kind: 'recomputed', written, cleared, settled };
}
