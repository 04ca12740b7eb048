import {
  estimatePvt,
  isGapShownOf,
  loadAgreedReadings,
  loadOfficialResults,
  loadStationFrame,
  minimumProvenTheft,
  type Db,
  type TFinding,
  type TFindingsByStation,
  type TStoredFormLine,
} from '@crosstally/shared';
import { sql, type RawBuilder } from 'kysely';

export { electionForensics } from '@crosstally/shared';

export type TElection = { id: number; lines: readonly TStoredFormLine[]; candidates: readonly string[] };

/**
 * The parallel vote tabulation from the agreed protocol readings, beside the official
 * results, and the minimum proven theft from the proofs. Gaps whose crowd count is under the
 * publication threshold k are hidden in the report, so they are left out of the public sums
 * (counted apart): the sum stays a lower bound and gives no hidden gap back.
 */
export async function electionEstimate(db: Db, election: TElection, scope: RawBuilder<boolean>, k: number) {
  const [sample, official, frame, proofs] = await Promise.all([
    loadAgreedReadings(db, election.id, election.lines, scope),
    loadOfficialResults(db, election.id, election.lines, scope),
    loadStationFrame(db, election.id, scope),
    loadProofs(db, election.id, scope, k),
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
      ...minimumProvenTheft(proofs.shown),
      gapsUnderThreshold: proofs.hidden,
      threshold: k,
    },
  };
}

async function loadProofs(
  db: Db,
  electionId: number,
  scope: RawBuilder<boolean>,
  k: number,
): Promise<{ shown: TFindingsByStation[]; hidden: number }> {
  const isShown = isGapShownOf('f', k);
  const { rows } = await sql<{ code: string; region: string; findings: TFinding[] | null; hidden: number }>`
    select s.code, split_part(r.path, '/', 1) as region,
      jsonb_agg(jsonb_build_object('kind', f.kind, 'subject', f.subject, 'strength', f.strength,
        'minStolenVotes', f.min_stolen_votes, 'policy', f.policy, 'evidence', f.evidence))
        filter (where ${isShown}) as findings,
      (count(*) filter (where not ${isShown} and f.strength = 'proof' and f.min_stolen_votes is not null))::int as hidden
    from flag f join station s on s.id = f.station_id join region r on r.id = s.region_id
    where f.election_id = ${electionId} and f.kind = 'crowd_exceeds_official' and f.cleared_at is null and ${scope}
    group by s.code, r.path`.execute(db);
  return {
    shown: rows.map((r) => ({ station: r.code, region: r.region, findings: r.findings ?? [] })),
    hidden: rows.reduce((n, r) => n + r.hidden, 0),
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
