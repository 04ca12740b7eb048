import {
  inRegionSubtree,
  isReportedStrength,
  reviewStatusOf,
  strengthRank,
  type TReviewDecision,
  type TReviewStatus,
} from '@crosstally/shared';
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
    where f.election_id = ${electionId} and f.cleared_at is null and ${isReportedStrength('f.strength')} and ${scope}
      and ${inRegionSubtree('r.path', filter.region ?? null)}
      and (${filter.kind ?? null}::text is null or f.kind = ${filter.kind ?? null})
      and (${filter.strength ?? null}::text is null or f.strength = ${filter.strength ?? null})
    -- Kind and id last: a station's flags of one strength come in the same order every time.
    order by ${strengthRank('f.strength')}, f.min_stolen_votes desc nulls last, r.path, s.code, f.kind, f.id
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
    .select(['id', 'election_id', 'station_id', 'kind', 'evidence_sha256'])
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

/** An analyst's decision, tied to the evidence it was made on: new evidence reopens the flag. */
export async function insertFlagReview(
  trx: DbOrTrx,
  review: {
    flag: { id: string; evidence_sha256: string };
    userId: number;
    decision: TReviewDecision;
    reason: string | null;
  },
): Promise<void> {
  await trx
    .insertInto('flag_review')
    .values({
      flag_id: review.flag.id,
      user_id: review.userId,
      decision: review.decision,
      reason: review.reason,
      evidence_sha256: review.flag.evidence_sha256,
    })
    .execute();
}

export async function insertFlagNote(trx: DbOrTrx, flagId: string, userId: number, text: string): Promise<void> {
  await trx.insertInto('flag_note').values({ flag_id: flagId, user_id: userId, text }).execute();
}

export async function setFlagAssignee(trx: DbOrTrx, flagId: string, userId: number | null): Promise<void> {
  await trx
    .updateTable('flag')
    .set({ assigned_to: userId, updated_at: sql`now()` })
    .where('id', '=', flagId)
    .execute();
}
