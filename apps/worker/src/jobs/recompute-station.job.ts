import { recomputeStations, type Db, type TRecomputeStationJob } from '@crosstally/shared';
import type { ElectionForms } from '../repositories/election-forms.js';

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
  const station = await db
    .selectFrom('station')
    .select('election_id')
    .where('id', '=', payload.stationId)
    .executeTakeFirst();
  if (!station) return { kind: 'gone' };
  const dirty = await db
    .selectFrom('station_dirty')
    .select('version')
    .where('station_id', '=', payload.stationId)
    .executeTakeFirst();
  const form = await deps.forms.get(station.election_id);
  if (!form) return { kind: 'gone' };
  const { written, cleared } = await recomputeStations(db, form, [payload.stationId]);
  let settled = true;
  if (dirty) {
    const removed = await db
      .deleteFrom('station_dirty')
      .where('station_id', '=', payload.stationId)
      .where('version', '=', dirty.version)
      .executeTakeFirst();
    settled = removed.numDeletedRows > 0n;
  }
  return { kind: 'recomputed', written, cleared, settled };
}
