import { electionForensics, wholeElection, type Db, type TResultFormLine } from '@crosstally/shared';
import { lockElectionForensics } from '../repositories/station.repository.js';
import { writeForensicFlags } from './write-forensic-flags.js';

/**
 * Makes the election's forensic-signal flags match the station signals of all its official
 * results. Run after each official import and by a whole-election recompute: the signals of
 * one station depend on every other station of its region, so no station's own recompute
 * can make them.
 */
export async function refreshForensicFlags(
  db: Db,
  election: { id: number; lines: readonly TResultFormLine[] },
): Promise<{ written: number; cleared: number; signalled: number }> {
  // One refresh of an election at a time, across workers (a refresh job and a recompute's):
  // the one that waited reads the results as they are after the other, never older ones.
  return db.transaction().execute(async (trx) => {
    await lockElectionForensics(trx, election.id);
    const { summary, ids } = await electionForensics(trx, election, wholeElection);
    const signals = (summary?.stationSignals.stations ?? []).flatMap((s) => {
      const stationId = ids.get(s.station);
      return stationId === undefined ? [] : [{ stationId, score: s.score, signs: s.signs }];
    });
    return { ...(await writeForensicFlags(trx, election.id, signals)), signalled: signals.length };
  });
}
