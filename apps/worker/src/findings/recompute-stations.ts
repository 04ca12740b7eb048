import { compareStation, type Db, type TElectionForm, type TElectionJobProgress } from '@crosstally/shared';
import { stationIdsOf } from '../repositories/station.repository.js';
import { loadStationEvidence } from './load-station-evidence.js';
import { writeFlags } from './write-flags.js';

const chunkSize = 5000;

/**
 * Recomputes the flags of some stations (or all) of an election: load the evidence, run the
 * engine, write the flags. Stations are taken in chunks so memory stays bounded on a whole
 * country.
 */
export async function recomputeStations(
  db: Db,
  form: TElectionForm,
  stationIds: number[] | 'all',
  progress?: (progress: TElectionJobProgress) => Promise<void>,
): Promise<{ stations: number; written: number; cleared: number }> {
  const ids = stationIds === 'all' ? await stationIdsOf(db, form.electionId) : stationIds;
  let written = 0;
  let cleared = 0;
  for (let start = 0; start < ids.length; start += chunkSize) {
    const chunk = ids.slice(start, start + chunkSize);
    const evidence = await loadStationEvidence(db, form, form.policy, chunk);
    const results = [...evidence.entries()].map(([stationId, { evidence: e }]) => ({
      stationId,
      findings: compareStation(form.form, e, form.policy),
    }));
    const outcome = await db.transaction().execute((trx) => writeFlags(trx, form.electionId, results));
    written += outcome.written;
    cleared += outcome.cleared;
    await progress?.({ done: start + chunk.length, total: ids.length });
  }
  return { stations: ids.length, written, cleared };
}
