import type { TElectionJobProgress, TRecomputeElectionJob } from '@crosstally/shared';
import { recomputeStations } from '../findings/recompute-stations.js';
import { refreshForensicFlags } from '../findings/refresh-forensic-flags.js';
import { settleDirtyStations } from '../repositories/station.repository.js';
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
  const started = new Date();
  const stations = await recomputeStations(deps.db, form, 'all', deps.progress);
  // Stations marked before this run began are settled by it: nothing left for the relay to redo.
  await settleDirtyStations(deps.db, form.electionId, started);
  const forensic = await refreshForensicFlags(deps.db, { id: form.electionId, lines: form.form.lines });
  return {
    kind: 'recomputed',
    stations: stations.stations,
    written: stations.written + forensic.written,
    cleared: stations.cleared + forensic.cleared,
    signalled: forensic.signalled,
  };
}
