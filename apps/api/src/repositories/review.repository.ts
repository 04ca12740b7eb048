import { inRegionSubtree, reviewStatusOf, strengthRank, type TReviewStatus } from '@crosstally/shared';
import { sql, type RawBuilder } from 'kysely';
import type { DbOrTrx } from './election.repository.js';

/** Open flags of an election in the caller's scope, strongest and largest first. */
export async function listFlagsForReview(
  db: DbOrTrx,
  electionId: number,
  scope: RawBuilder<boolean>,
  filter: { region?: string | undefined; kind?: string | undefined; strength?: string | undefined },
) {
  const rows = await sql<{
    id: string;
    station: string;
    region: string;
    kind: string;
    subject: string;
    strength: string;
    min_stolen_votes: number | null;
    evidence_sha256: string;
    assigned_to: string | null;
    status: TReviewStatus;
  }>`
    select f.id, s.code as station, r.path as region, f.kind, f.subject, f.strength, f.min_stolen_votes,
      u.username as assigned_to, ${reviewStatusOf('f')} as status
    from flag f
    join station s on s.id = f.station_id
    join region r on r.id = s.region_id
    left join app_user u on u.id = f.assigned_to
    where f.election_id = ${electionId} and f.cleared_at is null and f.strength <> 'info' and ${scope}
      and ${inRegionSubtree('r.path', filter.region ?? null)}
      and (${filter.kind ?? null}::text is null or f.kind = ${filter.kind ?? null})
      and (${filter.strength ?? null}::text is null or f.strength = ${filter.strength ?? null})
    order by ${strengthRank('f.strength')}, f.min_stolen_votes desc nulls last, r.path, s.code
    limit 1000`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    station: r.station,
    region: r.region,
    kind: r.kind,
    subject: r.subject,
    strength: r.strength,
    minStolenVotes: r.min_stolen_votes,
    assignedTo: r.assigned_to,
    status: r.status,
  }));
}

/** The flag if it is in the caller's scope; out of scope reads exactly like missing. */
export async function findFlagInScope(
  db: DbOrTrx,
  flagId: string,
  scopeOf: (electionId: number) => RawBuilder<boolean>,
) {
  const flag = await db
    .selectFrom('flag')
    .select(['id', 'election_id', 'evidence_sha256'])
    .where('id', '=', flagId)
    .executeTakeFirst();
  if (!flag) return undefined;
  const visible = await sql<{ id: string }>`
    select f.id from flag f join station s on s.id = f.station_id join region r on r.id = s.region_id
    where f.id = ${flagId} and ${scopeOf(flag.election_id)}`.execute(db);
  return visible.rows.length > 0 ? flag : undefined;
}

export const findingKey = (station: string, kind: string, subject: string) => `${station}|${kind}|${subject}`;

/**
 * The review status of each open finding at the given stations (the ones a report page
 * shows, already read through the reader's scope), keyed by findingKey(station, kind, subject).
 */
export async function listReviewStatuses(
  db: DbOrTrx,
  electionId: number,
  stations: readonly string[],
): Promise<Map<string, TReviewStatus>> {
  if (stations.length === 0) return new Map();
  const { rows } = await sql<{ station: string; kind: string; subject: string; status: TReviewStatus }>`
    select s.code as station, f.kind, f.subject, ${reviewStatusOf('f')} as status
    from flag f join station s on s.id = f.station_id
    where f.election_id = ${electionId} and f.cleared_at is null and s.code = any(${stations as string[]}::text[])`.execute(
    db,
  );
  return new Map(rows.map((r) => [findingKey(r.station, r.kind, r.subject), r.status]));
}
