import { sql, type RawBuilder } from 'kysely';
import { strengths } from '../../domain/vocabulary.js';

/** The strength in column `strength` as its rank in the vocabulary: proof first (1), info last. */
export function strengthRank(strength: string): RawBuilder<number> {
  return sql<number>`array_position(${[...strengths]}::text[], ${sql.ref(strength)}::text)`;
}
