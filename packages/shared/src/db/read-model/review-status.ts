import { sql, type RawBuilder } from 'kysely';

/**
 * The review status of flag `flag` (an alias), by the rule of reviewStatus() in
 * domain/report/review-status.ts: open until decided; a decision stands while the evidence
 * it was made on stands, and new evidence reopens the flag. One index probe per flag.
 */
export function reviewStatusOf(flag: string): RawBuilder<string> {
  const id = sql.ref(`${flag}.id`);
  const evidence = sql.ref(`${flag}.evidence_sha256`);
  return sql<string>`coalesce((
    select case
      when lr.evidence_sha256 <> ${evidence} then 'reopened'
      when lr.decision = 'confirm' then 'confirmed'
      when lr.decision = 'dismiss' then 'dismissed'
      else 'needs_evidence' end
    from flag_review lr where lr.flag_id = ${id} order by lr.id desc limit 1), 'open')`;
}
