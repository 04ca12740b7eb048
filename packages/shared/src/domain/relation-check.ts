import { assertNever } from './result.js';
import type { TRelation, TRelationOp, TRelationTerm } from './relation.js';

export type TRelationStatus = 'holds' | 'broken' | 'incomplete';

export type TRelationCheck = {
  relation: TRelation;
  status: TRelationStatus;
  /**
   * The two sides for display ("took_part 812 ≠ 809"): terms with a positive coefficient
   * (and a positive constant) on the left, the rest negated on the right. The stored
   * relation keeps only lhs − rhs, and this split gives back the sides as written whenever
   * each key appears on one side with a plus sign, as in every real protocol relation;
   * otherwise it is an equivalent arrangement. Null when that side needs a missing value:
   * a partial sum shown as if it were the side would invite a false reading.
   */
  lhs: number | null;
  rhs: number | null;
  /** Line keys the relation needs but `values` lacks, in order of appearance. */
  missing: string[];
};

/**
 * Checks each relation against one protocol's numbers (official or photographed). A line
 * without a value makes the relation 'incomplete', never 'broken': an unread digit is not
 * evidence of anything.
 */
export function checkRelations(
  relations: readonly TRelation[],
  values: Readonly<Record<string, number | undefined>>,
): TRelationCheck[] {
  return relations.map((relation) => checkRelation(relation, values));
}

type TSide = { terms: TRelationTerm[]; constant: number };

function checkRelation(relation: TRelation, values: Readonly<Record<string, number | undefined>>): TRelationCheck {
  const missing = relation.terms.filter((t) => valueOf(values, t.key) === undefined).map((t) => t.key);
  const lhs = evaluate(sideOf(relation, 1), values);
  const rhs = evaluate(sideOf(relation, -1), values);
  if (lhs === null || rhs === null) return { relation, status: 'incomplete', lhs, rhs, missing };
  return { relation, status: compare(relation.op, lhs, rhs) ? 'holds' : 'broken', lhs, rhs, missing };
}

function valueOf(values: Readonly<Record<string, number | undefined>>, key: string): number | undefined {
  // Own properties only: a line key like "constructor" must not find Object.prototype.
  if (!Object.hasOwn(values, key)) return undefined;
  const v = values[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** sign 1: the positive part as is; sign -1: the negative part, negated. */
function sideOf(relation: TRelation, sign: 1 | -1): TSide {
  return {
    terms: relation.terms.filter((t) => t.coef * sign > 0).map((t) => ({ key: t.key, coef: t.coef * sign })),
    constant: Math.max(0, relation.constant * sign),
  };
}

function evaluate(side: TSide, values: Readonly<Record<string, number | undefined>>): number | null {
  let sum = side.constant;
  for (const t of side.terms) {
    const v = valueOf(values, t.key);
    if (v === undefined) return null;
    sum += t.coef * v;
  }
  return sum;
}

function compare(op: TRelationOp, lhs: number, rhs: number): boolean {
  switch (op) {
    case 'eq':
      return lhs === rhs;
    case 'le':
      return lhs <= rhs;
    case 'ge':
      return lhs >= rhs;
    default:
      return assertNever(op);
  }
}
