import type { TStoredRelation } from '@crosstally/shared';
import { judgeLines, type TJudged, type TJudgeOptions, type TLineVerdict, type TSeenValue } from './judge-lines.js';

export type TRelationChoice =
  /** Exactly one combination of seen values satisfies every relation: these are its values. */
  | { kind: 'chosen'; values: Record<string, TSeenValue> }
  /** No combination satisfies them (a value the OCR never saw, or a protocol broken on paper). */
  | { kind: 'none' }
  /** Two or more do: the OCR cannot tell which, so people will. */
  | { kind: 'ambiguous' }
  /** The search grew past its budget: treated as ambiguous. */
  | { kind: 'too-many' };

export type TChooseLimits = {
  /** Partial combinations tried before giving up. */
  maxNodes: number;
  /** Lines whose chosen value may differ from their best reading; more is a coincidence, not a repair. */
  maxChanged: number;
};

export const defaultChooseLimits: TChooseLimits = { maxNodes: 200_000, maxChanged: 2 };

/**
 * Chooses between the values the OCR saw in each box using the form's relations. The lines
 * searched are those of every equality all of whose lines have seen values; each takes one
 * of its seen values (its best reading first), and a combination counts when every relation
 * over the lines it knows holds: the equalities searched exactly, the others (inequalities,
 * and equalities with a line the OCR saw nothing in) whenever `fixed` completes them. The
 * whole space is counted, not just repairs of one line, so a second combination that also
 * balances makes the answer ambiguous rather than a guess.
 *
 * Never invents a value: a line can only take a value the OCR proposed for its ink. A line
 * whose true value is not among those makes the search find none (or, if another
 * combination balances by coincidence, usually more than one); `maxChanged` bounds how many
 * readings a choice may overturn.
 */
export function chooseByRelations(
  seen: ReadonlyMap<string, readonly TSeenValue[]>,
  relations: readonly TStoredRelation[],
  fixed: Readonly<Record<string, number>> = {},
  limits: TChooseLimits = defaultChooseLimits,
): TRelationChoice {
  const has = (key: string) => (seen.get(key)?.length ?? 0) > 0;
  const searched = relations.filter((r) => r.op === 'eq' && r.terms.every((t) => has(t.key)));
  const keys = orderKeys(searched);
  if (keys.length === 0) return { kind: 'none' };
  const free = new Set(keys);
  const known = (key: string) => free.has(key) || Object.hasOwn(fixed, key);
  // Every relation that can be decided once the searched lines are chosen.
  const checked = relations.filter((r) => r.terms.some((t) => free.has(t.key)) && r.terms.every((t) => known(t.key)));
  const options = keys.map((k) => seen.get(k)!);
  const lowest = options.map((o) => Math.min(...o.map((v) => v.value)));
  const highest = options.map((o) => Math.max(...o.map((v) => v.value)));
  const chosen = new Int32Array(keys.length);
  const index = new Map(keys.map((k, i) => [k, i]));
  let nodes = 0;
  const found: Int32Array[] = [];

  // The range of a relation's total (sum of coef × value + constant) with lines up to `depth` chosen.
  const feasible = (r: TStoredRelation, depth: number): boolean => {
    let lo = r.constant;
    let hi = r.constant;
    for (const t of r.terms) {
      const i = index.get(t.key);
      if (i === undefined) {
        lo += t.coef * fixed[t.key]!;
        hi += t.coef * fixed[t.key]!;
      } else if (i <= depth) {
        lo += t.coef * options[i]![chosen[i]!]!.value;
        hi += t.coef * options[i]![chosen[i]!]!.value;
      } else {
        lo += t.coef * (t.coef > 0 ? lowest[i]! : highest[i]!);
        hi += t.coef * (t.coef > 0 ? highest[i]! : lowest[i]!);
      }
    }
    if (r.op === 'eq') return lo <= 0 && hi >= 0;
    if (r.op === 'le') return lo <= 0;
    return hi >= 0;
  };
  const byDepth = keys.map((k) => checked.filter((r) => r.terms.some((t) => t.key === k)));

  const search = (depth: number): boolean => {
    if (depth === keys.length) {
      found.push(chosen.slice());
      return found.length < 2;
    }
    for (let c = 0; c < options[depth]!.length; c += 1) {
      if ((nodes += 1) > limits.maxNodes) return false;
      chosen[depth] = c;
      if (byDepth[depth]!.every((r) => feasible(r, depth)) && !search(depth + 1)) return false;
    }
    return true;
  };
  const finished = search(0);
  if (nodes > limits.maxNodes) return { kind: 'too-many' };
  if (!finished || found.length > 1) return { kind: 'ambiguous' };
  const [only] = found;
  if (!only) return { kind: 'none' };
  const changed = keys.filter((_, i) => only[i] !== 0).length;
  if (changed > limits.maxChanged) return { kind: 'none' };
  return { kind: 'chosen', values: Object.fromEntries(keys.map((k, i) => [k, options[i]![only[i]!]!])) };
}

/** The searched lines in an order that completes relations early (fewest new lines first), so dead ends are cut soon. */
function orderKeys(relations: readonly TStoredRelation[]): string[] {
  const order: string[] = [];
  const left = [...relations];
  while (left.length > 0) {
    const fresh = (r: TStoredRelation) => r.terms.filter((t) => !order.includes(t.key)).length;
    left.sort((a, b) => fresh(a) - fresh(b));
    for (const t of left.shift()!.terms) if (!order.includes(t.key)) order.push(t.key);
  }
  return order;
}

/**
 * judgeLines, and where it leaves lines of an equality unread, a second look with the
 * relations choosing between the values the OCR saw (chooseByRelations). Lines no equality
 * checks are never chosen: their own confirmed reading, if any, only takes part in the
 * inequalities. `byRelations` names the kept lines whose value the relations chose (not the
 * box's confident reading alone); their confidence is what the OCR gave that value.
 */
export function judgeLinesWithRelations(
  verdicts: { key: string; verdict: TLineVerdict }[],
  relations: readonly TStoredRelation[],
  options: TJudgeOptions,
): TJudged & { byRelations: string[] } {
  const plain = judgeLines(verdicts, relations, options);
  if (plain.sheetChecked || !options.requireCorroboration) return { ...plain, byRelations: [] };
  const checkable = new Set(relations.filter((r) => r.op === 'eq').flatMap((r) => r.terms.map((t) => t.key)));
  const seen = new Map<string, TSeenValue[]>();
  const fixed: Record<string, number> = {};
  for (const { key, verdict } of verdicts) {
    if (checkable.has(key) && verdict.seen?.length) seen.set(key, verdict.seen);
    else if (!checkable.has(key) && verdict.ok) fixed[key] = verdict.value;
  }
  const choice = chooseByRelations(seen, relations, fixed);
  if (choice.kind !== 'chosen') return { ...plain, byRelations: [] };
  const revised = verdicts.map(({ key, verdict }) => {
    const chosen = choice.values[key];
    if (!chosen || (verdict.ok && verdict.value === chosen.value)) return { key, verdict };
    return { key, verdict: { ok: true, value: chosen.value, confidence: chosen.confidence } as const };
  });
  const judged = judgeLines(revised, relations, options);
  const byRelations = revised
    .filter(({ key, verdict }, i) => verdict !== verdicts[i]!.verdict && Object.hasOwn(judged.lines, key))
    .map(({ key }) => key);
  return { ...judged, byRelations };
}
