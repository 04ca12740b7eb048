import { loadElectionForm, recomputeStations, type Db } from '@crosstally/shared';
import { AppError } from '../errors.js';
import { electionOf, refreshForensicFlags } from '../forensics/election-figures.js';
import { loadElectionRegistry } from '../repositories/election.repository.js';

/** Recomputes every station of an election now, e.g. after the policy changed. */
export async function runRecompute(db: Db, code: string | undefined): Promise<string> {
  if (!code) throw new AppError('bad_request', 'missing the election code: npm run cli -- recompute <election code>');
  const registry = await loadElectionRegistry(db, code);
  if (!registry) throw new AppError('not_found', `no election ${code}`);
  const election = registry.election;
  const form = (await loadElectionForm(db, election.id))!;
  const started = Date.now();
  const outcome = await recomputeStations(db, form, 'all');
  // The marks of stations just recomputed are settled: nothing is left for the relay to redo.
  await db
    .deleteFrom('station_dirty')
    .where('election_id', '=', election.id)
    .where('marked_at', '<', new Date(started))
    .execute();
  const forensic = await refreshForensicFlags(db, electionOf(registry));
  return (
    `recomputed ${outcome.stations} stations in ${Date.now() - started} ms: ${outcome.written} flags written, ` +
    `${outcome.cleared} cleared; ${forensic.signalled} stations with forensic signals ` +
    `(${forensic.written} flags written, ${forensic.cleared} cleared)`
  );
}
