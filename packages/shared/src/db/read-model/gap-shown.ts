import { sql, type RawBuilder } from 'kysely';

/**
 * Whether the finding `flag` (an alias) may be published, by the rule of isGapShown() in
 * domain/report/report-row.ts: a crowd finding only when each of its counts (verified,
 * unverified, crowd) is absent, 0 or at least k; a sybil signal never. Every public output
 * leaves the others out: the report's rows, its sums, the station pages.
 */
export function isGapShownOf(flag: string, k: number): RawBuilder<boolean> {
  const evidence = sql.ref(`${flag}.evidence`);
  const publishable = (key: string) =>
    sql`(${evidence}->${key} is null or (jsonb_typeof(${evidence}->${key}) = 'number'
      and ((${evidence}->>${key})::numeric = 0 or (${evidence}->>${key})::numeric >= ${k})))`;
  return sql<boolean>`(case ${evidence}->>'kind'
    when 'crowd_exceeds_official' then
      ${publishable('verified')} and ${publishable('unverified')} and ${publishable('crowd')}
    when 'sybil_signal' then false
    else true end)`;
}
