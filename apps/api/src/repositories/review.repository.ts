import type { TDecision } from '@crosstally/shared';
import { sql, type RawBuilder } from 'kysely';
import type { DbOrTrx } from './election.repository.js';

export type TReviewStatus = 'open' | 'reopened' | 'confirmed' | 'dismissed' | 'needs_evidence';

const statusOf: Record<TDecision, TReviewStatus> = {
  confirm: 'confirmed',
  dismiss: 'dismissed',
  needs_evidence: 'needs_evidence',
};

/** A decision stands while the evidence it was made on stands; new evidence reopens the flag. */
export function reviewStatus(
  latest: { decision: TDecision; evidence_sha256: string } | null,
  flagEvidenceSha256: string,
): TReviewStatus {
  if (!latest) return 'open';
  return latest.evidence_sha256 === flagEvidenceSha256 ? statusOf[latest.decision] : 'reopened';
}

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
    decision: TDecision | null;
    decided_sha: string | null;
  }>`
    select f.id, s.code as station, r.path as region, f.kind, f.subject, f.strength, f.min_stolen_votes,
      f.evidence_sha256, u.username as assigned_to, lr.decision, lr.evidence_sha256 as decided_sha
    from flag f
    join station s on s.id = f.station_id
    join region r on r.id = s.region_id
    left join app_user u on u.id = f.assigned_to
    left join lateral (select decision, evidence_sha256 from flag_review where flag_id = f.id order by id desc limit 1) lr on true
    where f.election_id = ${electionId} and f.cleared_at is null and f.strength <> 'info' and ${scope}
      and (${filter.region ?? null}::text is null or r.path = ${filter.region ?? null} or r.path like ${filter.region ?? null} || '/%')
      and (${filter.kind ?? null}::text is null or f.kind = ${filter.kind ?? null})
      and (${filter.strength ?? null}::text is null or f.strength = ${filter.strength ?? null})
    order by case f.strength when 'proof' then 0 when 'strong' then 1 else 2 end, f.min_stolen_votes desc nulls last, r.path, s.code
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
    status: reviewStatus(
      r.decision ? { decision: r.decision, evidence_sha256: r.decided_sha! } : null,
      r.evidence_sha256,
    ),
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
