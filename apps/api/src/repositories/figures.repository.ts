import { isGapShownOf, type Db, type TFinding, type TFindingsByStation } from '@crosstally/shared';
import { sql, type RawBuilder } from 'kysely';

/**
 * The open crowd-exceeds-official findings in scope, by station, for the minimum proven
 * theft: those whose gap the public may see, and how many proven gaps the threshold hides.
 */
export async function loadPublicProofs(
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
