import { isGapShownOf, type Db, type TFinding, type TFindingsByStation } from '@crosstally/shared';
import { sql, type RawBuilder } from 'kysely';

/**
 * The open crowd-exceeds-official findings in scope that may be published, by station, for
 * the minimum proven theft. Those withheld under the publication threshold are not even
 * counted: how many there are would point at them in a small region.
 */
export async function loadPublicProofs(
  db: Db,
  electionId: number,
  scope: RawBuilder<boolean>,
  k: number,
): Promise<TFindingsByStation[]> {
  const { rows } = await sql<{ code: string; region: string; findings: TFinding[] }>`
    select s.code, split_part(r.path, '/', 1) as region,
      jsonb_agg(jsonb_build_object('kind', f.kind, 'subject', f.subject, 'strength', f.strength,
        'minStolenVotes', f.min_stolen_votes, 'policy', f.policy, 'evidence', f.evidence)) as findings
    from flag f join station s on s.id = f.station_id join region r on r.id = s.region_id
    where f.election_id = ${electionId} and f.kind = 'crowd_exceeds_official' and f.cleared_at is null
      and ${isGapShownOf('f', k)} and ${scope}
    group by s.code, r.path`.execute(db);
  return rows.map((r) => ({ station: r.code, region: r.region, findings: r.findings }));
}

/** What the forensic summary rests on: the election's newest official import ('' before any). */
export async function officialDataVersion(db: Db, electionId: number): Promise<string> {
  const { rows } = await sql<{ version: string }>`
    select coalesce((select max(id) from official_import where election_id = ${electionId})::text, '') as version`.execute(
    db,
  );
  return rows[0]?.version ?? '';
}

/** What the estimate rests on: the newest reading, flag change and official import. */
export async function evidenceVersion(db: Db, electionId: number): Promise<string> {
  const { rows } = await sql<{ version: string }>`
    select concat_ws(':', (select max(id) from reading),
      (select max(updated_at) from flag where election_id = ${electionId}),
      (select max(id) from official_import where election_id = ${electionId})) as version`.execute(db);
  return rows[0]?.version ?? '';
}
