import type { Db } from '@crosstally/shared';
import { sql } from 'kysely';
import { reviewStatus, type TReviewStatus } from '../../../repositories/review.repository.js';

export const findingKey = (station: string, kind: string, subject: string) => `${station}|${kind}|${subject}`;

/**
 * The review status of each open finding at the given stations (the ones a report page
 * shows, already read through the reader's scope), keyed by station, kind and subject.
 */
export async function loadReviewStatuses(
  db: Db,
  electionId: number,
  stations: readonly string[],
): Promise<Map<string, TReviewStatus>> {
  if (stations.length === 0) return new Map();
  const { rows } = await sql<{
    station: string;
    kind: string;
    subject: string;
    evidence_sha256: string;
    decision: 'confirm' | 'dismiss' | 'needs_evidence' | null;
    decided_sha: string | null;
  }>`
    select s.code as station, f.kind, f.subject, f.evidence_sha256, lr.decision, lr.evidence_sha256 as decided_sha
    from flag f
    join station s on s.id = f.station_id
    left join lateral (select decision, evidence_sha256 from flag_review where flag_id = f.id order by id desc limit 1) lr on true
    where f.election_id = ${electionId} and f.cleared_at is null and s.code = any(${stations as string[]}::text[])`.execute(
    db,
  );
  return new Map(
    rows.map((r) => [
      findingKey(r.station, r.kind, r.subject),
      reviewStatus(r.decision ? { decision: r.decision, evidence_sha256: r.decided_sha! } : null, r.evidence_sha256),
    ]),
  );
}
