import type { TElectionJobProgress, TRecomputeElectionJob } from '@crosstally/shared';
import { recomputeStations } from '../findings/recompute-stations.js';
import { refreshForensicFlags } from '../findings/refresh-forensic-flags.js';
import { dirtyMarksOf, settleDirtyMarks } from '../repositories/station.repository.js';
import type { TRecomputeDeps } from './recompute-station.job.js';

export type TRecomputeElectionOutcome =
  { kind: 'gone' } | { kind: 'recomputed'; stations: number; written: number; cleared: number; signalled: number };

/**
 * Every station of an election, then its forensic signals: after a policy change, or when an
 * admin asks. Progress is reported per chunk so the one who asked can follow it. Idempotent
 * like a station's recompute: run twice on the same evidence, the second writes nothing.
 */
export async function handleRecomputeElection(
  payload: TRecomputeElectionJob,
  deps: TRecomputeDeps & { progress?: (progress: TElectionJobProgress) => Promise<void> },
): Promise<TRecomputeElectionOutcome> {
  const form = await deps.forms.get(payload.electionId, { fresh: true });
  if (!form) return { kind: 'gone' };
  const marks = await dirtyMarksOf(deps.db, form.electionId);
  const stations = await recomputeStations(deps.db, form, 'all', deps.progress);
  // The changes this run saw are settled: nothing left for the relay to redo.
  await settleDirtyMarks(deps.db, marks);
  const forensic = await refreshForensicFlags(deps.db, { id: form.electionId, lines: form.form.lines });
  return {
    kind: 'recomputed',
    stations: stations.stations,
    written: stations.written + forensic.written,
    cleared: stations.cleared + forensic.cleared,
    signalled: forensic.signalled,
  };
}
