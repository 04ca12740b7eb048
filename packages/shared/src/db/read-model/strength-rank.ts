import { sql, type RawBuilder } from 'kysely';
import { reportedStrengths, strengths } from '../../domain/vocabulary.js';

/** The strength in column `strength` as its rank in the vocabulary: proof first (1), info last. */
export function strengthRank(strength: string): RawBuilder<number> {
  return sql<number>`array_position(${[...strengths]}::text[], ${sql.ref(strength)}::text)`;
}

/** Whether the strength in column `strength` is one the report and the desk show (not info). */
export function isReportedStrength(strength: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(strength)}::text = any(${[...reportedStrengths]}::text[])`;
}
