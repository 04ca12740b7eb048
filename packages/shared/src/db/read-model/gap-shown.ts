import { sql, type RawBuilder } from 'kysely';

/**
 * Whether the finding `flag` (an alias) shows its numbers to the public, by the rule of
 * isGapShown() in domain/report/report-row.ts: not when its crowd count is under k. The
 * public sums leave such gaps out, or a region's sum would give one station's count back.
 */
export function isGapShownOf(flag: string, k: number): RawBuilder<boolean> {
  const evidence = sql.ref(`${flag}.evidence`);
  return sql<boolean>`(${evidence}->>'kind' is distinct from 'crowd_exceeds_official'
    or jsonb_typeof(${evidence}->'crowd') is distinct from 'number' or (${evidence}->>'crowd')::int >= ${k})`;
}
